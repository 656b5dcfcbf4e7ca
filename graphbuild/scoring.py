"""Matching extracted rows against hand-written expected rows, fact by fact.

One set of rules serves the competency-question scores and `carekg eval`:
a row matches when every key cell and every value cell that the expected row
fills agrees. Numbers agree within rounding; names after case, punctuation,
'Ltd'/'Limited' and '&'/'and' are set aside; descriptive cells (a measure, a
title) when at least half the expected words are present; FOI bases by their
section number. Cells the expected row leaves empty are not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

NAME_COLS = {
    "council",
    "framework",
    "provider",
    "organisation",
    "contract",
    "area",
    "department",
    "title",
    "service",
    "partners",
    "aliases",
    "measure",
    "group",
    "role",
    "name",
}
NUM_COLS = {
    "value",
    "minPrice",
    "maxPrice",
    "avgPrice",
    "termMonths",
    "extensionMonths",
    "serviceUsers",
    "activeContracts",
    "providersOnFramework",
    "activeProviders",
    "lots",
    "providers",
    "councils",
    "frameworks",
    "contracts",
}
LOOSE_COLS = {
    "measure",
    "group",
    "title",
    "contract",
    "service",
    "department",
    "role",
    "basis",
    "question",
}
_SUFFIXES = [
    (r"\blimited\b", "ltd"),
    (r"&", " and "),
    (r"\bco\b\.?", "company"),
    (r"\bthe\b", " "),
    (r"\bplc\b", "plc"),
]


def norm(text: str | None) -> str:
    out = (text or "").lower()
    for pattern, replacement in _SUFFIXES:
        out = re.sub(pattern, replacement, out)
    out = re.sub(r"[^a-z0-9 ]+", " ", out)
    return re.sub(r"\s+", " ", out).strip()


def _number(text: str) -> float | None:
    try:
        return float((text or "").replace(",", "").replace("£", "").strip())
    except ValueError:
        return None


def _sections(text: str) -> set[str]:
    found = set(re.findall(r"(?:s|section)\s*(\d+)", text.lower()))
    if "not held" in text.lower():
        found.add("1")
    return found or {norm(text)}


def same(column: str, want: str | None, got: str | None) -> bool:
    """Does `got` state the fact `want` states, for this column?"""
    want, got = (want or "").strip(), (got or "").strip()
    if want == got:
        return True
    if not want or not got:
        return False
    a, b = _number(want), _number(got)
    if column in NUM_COLS or (a is not None and b is not None and column not in NAME_COLS):
        return a is not None and b is not None and abs(a - b) <= max(0.01, 0.005 * abs(a))
    if column == "lot":
        return norm(want).replace("lot", "").strip() == norm(got).replace("lot", "").strip()
    if column == "basis":
        return bool(_sections(want) & _sections(got))
    if column in ("partners", "aliases"):
        wants = {norm(x) for x in want.split("|") if x.strip()}
        gots = {norm(x) for x in got.split("|") if x.strip()}
        return all(
            any(w == g or SequenceMatcher(None, w, g).ratio() >= 0.85 for g in gots) for w in wants
        )
    x, y = norm(want), norm(got)
    if x == y:
        return True
    if column in LOOSE_COLS:
        words = set(x.split())
        return len(words & set(y.split())) / max(1, len(words)) >= 0.5
    if column in NAME_COLS:
        return SequenceMatcher(None, x, y).ratio() >= 0.85 or (len(x) > 5 and (x in y or y in x))
    return False


@dataclass
class Score:
    """Matched, missed and invented rows of one kind of fact."""

    name: str
    hits: int = 0
    missing: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)

    @property
    def expected(self) -> int:
        return self.hits + len(self.missing)

    @property
    def given(self) -> int:
        return self.hits + len(self.extra)

    @property
    def precision(self) -> float:
        return self.hits / self.given if self.given else (1.0 if not self.expected else 0.0)

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def match_rows(
    name: str, keys: list[str], values: list[str], expected: list[dict], got: list[dict]
) -> Score:
    """Greedy one-to-one matching of expected rows to given rows."""
    score = Score(name)
    used: set[int] = set()
    for want in expected:
        judged = [c for c in keys + values if (want.get(c) or "").strip()]
        found = next(
            (
                i
                for i, row in enumerate(got)
                if i not in used and all(same(c, want.get(c), row.get(c)) for c in judged)
            ),
            None,
        )
        if found is None:
            score.missing.append(want)
        else:
            used.add(found)
            score.hits += 1
    score.extra = [row for i, row in enumerate(got) if i not in used]
    return score


def total(scores: list[Score]) -> Score:
    combined = Score("overall")
    for score in scores:
        combined.hits += score.hits
        combined.missing += score.missing
        combined.extra += score.extra
    return combined


# The competency questions: which columns identify a fact and which are compared as values.
CQ_SPEC: dict[str, tuple[list[str], list[str]]] = {
    "cq01": (["council", "framework", "lot", "provider"], []),
    "cq02": (["council", "framework", "provider"], ["lots"]),
    "cq03": (
        ["council", "framework", "lot"],
        ["title", "value", "valuePeriod", "minPrice", "maxPrice", "priceUnit", "providers"],
    ),
    "cq04": (["council", "framework"], ["service", "start", "end", "maxEnd", "partners"]),
    "cq05": (
        ["council", "provider", "value"],
        [
            "contract",
            "valuePeriod",
            "termMonths",
            "extensionMonths",
            "start",
            "end",
            "serviceUsers",
        ],
    ),
    "cq06": (
        ["council", "area"],
        [
            "department",
            "value",
            "valuePeriod",
            "activeContracts",
            "providersOnFramework",
            "activeProviders",
        ],
    ),
    "cq07": (["provider"], ["councils", "frameworks", "lots", "contracts"]),
    "cq08": (["council", "value", "unit"], ["date", "measure", "group", "department"]),
    "cq09": (["council", "unit"], ["service", "minPrice", "maxPrice", "avgPrice", "basis"]),
    "cq10": (["council", "document", "basis"], ["question"]),
    "cq12": (["organisation"], ["role", "aliases"]),
    "cq13": (["document"], ["council", "title", "reference", "date"]),
}
