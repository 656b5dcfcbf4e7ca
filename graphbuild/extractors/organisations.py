"""Organisations other than the publishing council, and the role each plays.

Providers come from lot lists and contracts (found by other extractors and
passed in); this module adds the other organisations a response names in its
questions and answers: bodies whose names end in an organisational word
("... Foundation", "... Task Force", "... Clinical Commissioning Group") and the
acronyms of public bodies that commission or oversee care ("the ICB"). Boilerplate
is never read, so the Information Commissioner named in appeal paragraphs is not a
market actor.
"""

from __future__ import annotations

import re

from graphbuild.facts import Organisation
from graphbuild.identity import name_key
from graphbuild.parsing.names import split_joined
from graphbuild.parsing.sections import Block
from graphbuild.parsing.spans import span
from graphbuild.readers.document import Document

_ORG_WORD = (
    r"Foundation|Trust|Task Force|Association|Society|Charity|Consortium|Partnership|"
    r"Commission|Federation|Alliance|Network|Forum|Institute|Clinical Commissioning Group|"
    r"Integrated Care Board|Housing Association|Co-operative|Cooperative|CIC|Ltd|Limited|plc"
)
NAMED_BODY = re.compile(
    rf"\b(?P<name>(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|&|the|de)\s+)?){{1,6}}(?:{_ORG_WORD}))\b"
)
# Public bodies known by their acronym in English social care: police and crime commissioners,
# integrated care boards and systems, regulators and national bodies.
PUBLIC_BODIES = (
    "OPCC",
    "PCC",
    "ICB",
    "ICS",
    "CQC",
    "DHSC",
    "UKHSA",
    "NHSE",
    "LGA",
    "ADASS",
    "Ofsted",
    "HSE",
)
ACRONYM_BODY = re.compile(
    rf"\b(?:the|within the|by the|from the|with the)\s+(?P<name>{'|'.join(PUBLIC_BODIES)})\b"
)
REGULATORS = {
    "CQC",
    "Care Quality Commission",
    "Ofsted",
    "HSE",
    "Health and Safety Executive",
    "Care Inspectorate Wales",
    "Care Inspectorate",
    "Information Commissioner",
    "Information Commissioner's Office",
    "ICO",
}
"""The national regulators of care and of information rights: named, they regulate."""
# Determiners before a name are not part of it; "NHS" is ("NHS X Integrated Care Board").
_GENERIC = re.compile(r"^(?:The|This|That|These|Our|Your|Their|Its|Any|Each|All|A|An)\s", re.I)


def _regulator(name: str) -> bool:
    return name in REGULATORS or re.sub(r"^(?i:the)\s+", "", name) in REGULATORS


def _publisher_acronym(name: str, council: str | None) -> bool:
    """'the ICB' in a letter from an '... Integrated Care Board' is the publisher itself."""
    initials = "".join(w[0] for w in re.findall(r"\b[A-Z][a-z]+", council or ""))
    return name.isupper() and len(name) > 1 and name in initials


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip()
    return _GENERIC.sub("", name)


def extract_other_organisations(
    doc: Document, blocks: list[Block], council: str | None, known: set[str]
) -> list[Organisation]:
    """Named bodies in questions and answers that are not providers already known."""
    found: dict[str, Organisation] = {}
    known_keys = {name_key(name) for name in known}
    for block in blocks:
        for line in block.question + block.answer:
            for pattern in (NAMED_BODY, ACRONYM_BODY):
                for match in pattern.finditer(line.text):
                    whole = match.group("name")
                    # "A Limited and B Trust" names two bodies; "Smith and Jones Ltd" one.
                    for at, part in split_joined(whole) if pattern is NAMED_BODY else [(0, whole)]:
                        name = _clean_name(part)
                        if len(name.split()) < 2 and pattern is NAMED_BODY:
                            continue
                        key = name_key(name)
                        if (
                            key in known_keys
                            or (council and name in council)
                            or _publisher_acronym(name, council)
                        ):
                            continue
                        known_keys.add(key)
                        role = "regulator" if _regulator(name) else "other"
                        start = line.start + match.start("name") + at + part.find(name)
                        found[name] = Organisation(name, role, span(doc, start, start + len(name)))
    return list(found.values())
