"""The bundled list of UK councils (graphbuild/data/uk_councils.csv), read once.

It answers two questions FOI letters leave implicit: which council an e-mail
domain belongs to (a letter signed only "info@x.gov.uk"), and whether a word in
brackets after a provider's name is a place ("Home Care (Derby)") rather than a
second name the provider trades under.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

_FILE = Path(__file__).resolve().parent.parent / "data" / "uk_councils.csv"
_COUNCIL_WORDS = re.compile(
    r"\b(?:city|county|borough|district|metropolitan|council|royal|london|of|the|and|"
    r"corporation|combined|authority|greater)\b",
    re.IGNORECASE,
)


@cache
def _rows() -> tuple[dict[str, str], ...]:
    if not _FILE.exists():
        return ()
    with _FILE.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


@cache
def councils_by_domain() -> dict[str, str]:
    """e-mail or web domain -> the council's name."""
    return {row["domain"].lower(): row["name"] for row in _rows() if row.get("domain")}


@cache
def places() -> frozenset[str]:
    """Place names (towns, cities, counties), lower-case, taken from the councils' names."""
    found = {" ".join(_COUNCIL_WORDS.sub(" ", row["name"]).split()).lower() for row in _rows()}
    return frozenset(p for p in found if p)
