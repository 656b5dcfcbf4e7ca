"""Compare competency-question answers with hand-written expected rows.

A row matches when every cell the expected row fills agrees: numbers by value,
names after case/punctuation/'Ltd'/'&' normalisation, descriptive columns
(measure, title, ...) when most of the expected words are present. Empty
expected cells are not judged, because the documents do not state them.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal, InvalidOperation

LOOSE = {"measure", "group", "title", "contract", "service", "department", "role", "question"}
LISTS = {"partners", "aliases"}


def norm(text: str) -> str:
    text = (text or "").lower().replace("&", " and ")
    text = re.sub(r"\blimited\b", "ltd", text)
    return " ".join(re.findall(r"[a-z0-9]+", text))


def number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("£", "").strip())
    except (InvalidOperation, AttributeError):
        return None


def same(column: str, want: str, got: str) -> bool:
    want, got = (want or "").strip(), (got or "").strip()
    if want == got:
        return True
    if not got:
        return False
    a, b = number(want), number(got)
    if a is not None and b is not None and not re.search(r"\d-\d", want):
        return abs(a - b) <= max(Decimal("0.01"), abs(a) * Decimal("0.005"))
    if column in LISTS:
        gots = {norm(x) for x in got.split("|")}
        return all(norm(w) in gots for w in want.split("|"))
    if column == "basis":
        return re.findall(r"\d+", want)[:1] == re.findall(r"\d+", got)[:1]
    if column in LOOSE:
        words = set(norm(want).split())
        return len(words & set(norm(got).split())) / max(1, len(words)) >= 0.5
    return norm(want) == norm(got)


def read_rows(text: str) -> list[dict[str, str]]:
    return [dict(row) for row in csv.DictReader(io.StringIO(text))]


def compare(expected: list[dict[str, str]], got: list[dict[str, str]]):
    """(missing expected rows, extra rows given)."""
    used: set[int] = set()
    missing = []
    for want in expected:
        hit = next(
            (
                i
                for i, row in enumerate(got)
                if i not in used
                and all(
                    same(col, value, row.get(col, ""))
                    for col, value in want.items()
                    if value.strip()
                )
            ),
            None,
        )
        if hit is None:
            missing.append(want)
        else:
            used.add(hit)
    return missing, [row for i, row in enumerate(got) if i not in used]
