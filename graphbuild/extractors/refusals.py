"""FOI refusals and their legal basis, read from the answers (never from the request).

A refusal is the council saying it will not, or cannot, give what was asked:
an exemption (s40(2) personal data, s43(2) commercial interests, s21 already
accessible...), the cost limit (s12), or that it does not hold the information
(s1(1)). Section 17 is the refusal notice itself, not a basis, so it is skipped.
"""

from __future__ import annotations

import re

from graphbuild.facts import Refusal
from graphbuild.parsing.sections import Block
from graphbuild.parsing.spans import span
from graphbuild.readers.document import Document

BASES = {
    "1": "s1(1) not held",
    "12": "s12 cost",
    "14": "s14 vexatious",
    "21": "s21 accessible by other means",
    "22": "s22 intended for future publication",
    "31": "s31 law enforcement",
    "36": "s36 prejudice to effective conduct",
    "38": "s38 health and safety",
    "40": "s40(2) personal data",
    "41": "s41 information provided in confidence",
    "43": "s43(2) commercial interests",
    "44": "s44 prohibitions on disclosure",
}
SECTION = re.compile(r"\b(?:section|s\.?)\s?(?P<num>\d{1,2})(?:\s?\(\s?\d\s?\)|\.\d)?", re.I)
NOT_HELD = re.compile(
    r"(?:(?:is|are) not held|(?:do|does|did) not (?:hold|record|collect|keep)|not recorded|"
    r"no (?:such )?information (?:is )?held|hold no (?:such )?information|"
    r"(?:is|are) not (?:coded|recorded|collected|kept))",
    re.I,
)
COST_LIMIT = re.compile(
    r"appropriate (?:time |cost )?limit|exceed(?:s|ed)? the cost|18 hours", re.I
)
_REFUSAL_CONTEXT = re.compile(
    r"exempt|exemption|refus|withh[oe]ld|not obliged|relying on|rely on|under section|"
    r"appropriate limit|not held|do not hold|does not hold|commercially sensitive",
    re.I,
)


def _bases_in(text: str) -> list[tuple[str, int, int]]:
    """(basis, start, end) for each legal basis the text relies on, in order."""
    found = []
    for match in SECTION.finditer(text):
        number = match.group("num")
        if number in BASES and _REFUSAL_CONTEXT.search(text):
            found.append((BASES[number], match.start(), match.end()))
    for pattern, basis in ((NOT_HELD, BASES["1"]), (COST_LIMIT, BASES["12"])):
        match = pattern.search(text)
        if match:
            found.append((basis, match.start(), match.end()))
    return found


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
    return left, (min(stops) + 1 if stops else len(text))


def extract_refusals(doc: Document, blocks: list[Block]) -> list[Refusal]:
    """One refusal per answered question and basis."""
    refusals: list[Refusal] = []
    for block in blocks:
        lines = [ln for ln in block.answer if not ln.blank]
        if not lines or not block.question:
            continue
        start, end = lines[0].start, lines[-1].end
        text = doc.text[start:end]
        seen: set[str] = set()
        for basis, b_start, b_end in _bases_in(text):
            if basis in seen:
                continue
            seen.add(basis)
            s_start, s_end = _sentence_around(text, b_start, b_end)
            evidence = span(doc, start + s_start, start + s_end)
            refusals.append(Refusal(block.number or "", basis, evidence))
    return refusals
