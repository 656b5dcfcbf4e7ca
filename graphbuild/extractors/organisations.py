"""Organisations other than the publishing council, and the role each plays.

Providers come from lot lists and contracts (found by other extractors and
passed in); this module adds the other organisations a response names, and the
providers its answers name in prose ("delivered by X", "X holds the contract"):
bodies whose names end in an organisational word
("... Foundation", "... Task Force", "... Clinical Commissioning Group") and the
acronyms of public bodies that commission or oversee care ("the ICB"). Boilerplate
is never read, so the Information Commissioner named in appeal paragraphs is not a
market actor. Companies named in a question or a restatement of the request are
examples of what was asked, not answers, and are not read.
"""

from __future__ import annotations

import re

from graphbuild.facts import Organisation
from graphbuild.identity import name_key
from graphbuild.parsing.cues import provider_mentions
from graphbuild.parsing.names import COMPANY_END, LEGAL_FORMS, split_joined
from graphbuild.parsing.requester import restates_request
from graphbuild.parsing.sections import Block
from graphbuild.parsing.spans import sentences, span
from graphbuild.readers.document import Document

_ORG_WORD = (
    r"Foundation|Trust|Task Force|Association|Society|Charity|Consortium|Partnership|"
    r"Commission|Federation|Alliance|Network|Forum|Institute|Clinical Commissioning Group|"
    rf"Integrated Care Board|Housing Association|Co-operative|Cooperative|{LEGAL_FORMS}"
)
# A legal form after the organisation word belongs to the name ("X Care Partnership LLP").
_LEGAL_TAIL = rf"(?:\s+(?:{LEGAL_FORMS}))?"
NAMED_BODY = re.compile(
    r"\b(?P<name>(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|&|the|de|at)\s+)?){1,6}"
    rf"(?:{_ORG_WORD}){_LEGAL_TAIL})\b"
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


def _answer_sentences(blocks: list[Block]) -> list[tuple[str, int, bool]]:
    """Sentences with their offsets and whether a question asks them.

    Restatements of the request inside answers ("you asked about X") are left out. A
    question names providers only as examples ("is X Ltd on any lot?"): whether they
    are providers is for the answer to say, so companies named there are not read.
    """
    found = []
    for block in blocks:
        for line in block.question + block.answer:
            if line.blank:
                continue
            asked = line in block.question
            for begin, end in sentences(line.text, 0, len(line.text)):
                sentence = line.text[begin:end]
                if not (asked or restates_request(sentence)):
                    found.append((sentence, line.start + begin, False))
                elif asked:
                    found.append((sentence, line.start + begin, True))
    return found


_BODY = r"(?:[A-Z][\w'’&-]*\s+(?:(?:of|and|the)\s+)?){1,6}(?:Council|Board|ICB|Authority|Trust)\b"
_BODIES = rf"(?:the\s+)?(?P<name>{_BODY}(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?{_BODY})*)"
PARTNER = re.compile(  # "in partnership with X City Council": X commissions alongside
    r"\b(?:in partnership with|jointly (?:commissioned|funded|procured) with|"
    r"co-commissioned with|commission(?:s|ed)?\b[^.;]{0,60}?\bjointly with|"
    r"commission(?:s|ed)?\s+(?:these|this|those|the|such)\s+(?:[\w-]+\s+){0,3}?with)\s+" + _BODIES
)
JOINTLY_BY = re.compile(  # "commissioned by NHS X ICB and Y Council": two bodies, together
    r"\b(?:jointly\s+)?commissioned\s+(?:jointly\s+)?by\s+(?:the\s+)?"
    rf"(?P<name>{_BODY}(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?{_BODY})+)"
)
WORKS_WITH = re.compile(  # "works closely with X and Y, who jointly fund some packages"
    r"\bworks?\s+(?:closely\s+|jointly\s+)?with\s+"
    + _BODIES
    + r",?\s+(?:who|which)\s+(?:jointly\s+|also\s+)?(?:co-)?(?:fund|commission)"
)


def _partners(match: re.Match) -> list[tuple[int, str]]:
    """Each body a partner cue names, with its offset in the sentence."""
    found = []
    at = match.start("name")
    for piece in re.finditer(r"[^,]+", match.group("name")):
        for offset, part in split_joined(piece.group(0)):
            lead = len(part) - len(part.lstrip())
            found.append((at + piece.start() + offset + lead, part.strip()))
    return found


def _cued(
    doc: Document, sentences_: list[tuple[str, int, bool]], council: str | None
) -> dict[str, Organisation]:
    """Names the answers tie to delivering a service (provider), or deny it (other)."""
    found: dict[str, Organisation] = {}
    for sentence, start, asked in sentences_:
        if asked:
            continue
        for mention in provider_mentions(sentence, start):
            if (council and mention.name in council) or _regulator(mention.name):
                continue
            key = name_key(mention.name)
            role = "other" if mention.negated else "provider"
            if key not in found or (role == "provider" and found[key].role != "provider"):
                evidence = span(doc, mention.start, mention.end)
                found[key] = Organisation(
                    mention.name, role, evidence, aliases=list(mention.aliases)
                )
        partnered = [PARTNER, WORKS_WITH, JOINTLY_BY]
        for match in [m for pattern in partnered for m in pattern.finditer(sentence)]:
            for offset, part in _partners(match):
                name = _clean_name(part)
                if council and (name in council or council in name):
                    continue
                at = start + offset + part.find(name)
                found.setdefault(
                    name_key(name),
                    Organisation(name, "co-commissioner", span(doc, at, at + len(name))),
                )
    return found


def extract_other_organisations(
    doc: Document, blocks: list[Block], council: str | None, known: set[str]
) -> list[Organisation]:
    """Named bodies in the answers that are not providers already known.

    A name the answer cues as delivering a service ("delivered by X", "X holds the
    contract") is a provider; one it denies ("X is not used") is named, as other.
    """
    known_keys = {name_key(name) for name in known}
    answer = _answer_sentences(blocks)
    every_cued = _cued(doc, answer, council)
    cued = {k: org for k, org in every_cued.items() if k not in known_keys}
    # A cued name was read whole: a body pattern cutting into it ("Services for Adults and
    # B Limited" out of "A Care Services for Adults and B Limited") is no name.
    taken = [(org.evidence.start, org.evidence.end) for org in every_cued.values()]
    found: dict[str, Organisation] = {org.name: org for org in cued.values()}
    known_keys |= set(cued)
    for text, offset, asked in answer:
        for pattern in (NAMED_BODY, ACRONYM_BODY):
            for match in pattern.finditer(text):
                whole = match.group("name")
                # "A Limited and B Trust" names two bodies; "Smith and Jones Ltd" one.
                for at, part in split_joined(whole) if pattern is NAMED_BODY else [(0, whole)]:
                    name = _clean_name(part)
                    if asked and COMPANY_END.search(name):  # an example of a provider
                        continue
                    if len(name.split()) < 2 and pattern is NAMED_BODY:
                        continue
                    key = name_key(name)
                    if (
                        key in known_keys
                        or (council and name in council)
                        or _publisher_acronym(name, council)
                    ):
                        continue
                    start = offset + match.start("name") + at + part.find(name)
                    if " and " in name and any(
                        a < start + len(name) and start < b for a, b in taken
                    ):
                        continue
                    known_keys.add(key)
                    role = "regulator" if _regulator(name) else "other"
                    found[name] = Organisation(name, role, span(doc, start, start + len(name)))
    return list(found.values())
