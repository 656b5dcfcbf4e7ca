"""Who published the response, and what it calls itself: title, reference, date.

FOI letters put this in a handful of places: a council name in the header or
the signature, a "Freedom of Information Act 2000 – <topic>" heading, a
"Case reference FOI2024/01234" or "FOIA Request 1234" line, a "Published" or
"Date of decision" date. When a letter names no council at all, its e-mail
domain (…@x.gov.uk) is looked up in the bundled gazetteer of UK councils.
"""

from __future__ import annotations

import re
from collections import Counter

from graphbuild.facts import Evidence, SourceInfo
from graphbuild.parsing.dates import find_dates
from graphbuild.parsing.gazetteer import councils_by_domain
from graphbuild.parsing.sections import BOILERPLATE, MARKER, is_request_like
from graphbuild.parsing.spans import clean, line_span, span
from graphbuild.readers.document import Document

_NAME_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]{2,}|upon|on|in|and|of|the|under|&)"
COUNCIL = re.compile(
    rf"\b(?:(?:London|Royal) Borough of (?:[A-Z][a-z]+ ?){{1,3}}|"
    rf"(?:[A-Z][a-z'’]+[ -](?:{_NAME_WORD}[ -]){{0,3}})"
    rf"(?:City |County |Borough |District |Metropolitan Borough |Town |Parish )?Council)\b"
)
_NOT_COUNCIL = re.compile(r"^(?:The|This|Our|Your|A|An|Parish|Town|County|City|Borough|District)\b")
REFERENCE = re.compile(
    r"(?:(?:FOIA?|EIR|FOI/EIR)\s+(?:request|ref(?:erence)?)\.?(?:\s+(?:no\.?|number))?|"
    r"case reference|our ref(?:erence)?|your ref(?:erence)?|reference(?: number| no\.?)?|"
    r"request (?:number|reference|ref))\s*[:.]?\s*(?P<ref>[A-Z]*[-/ ]?\d[\w/-]*)",
    re.IGNORECASE,
)
_GENERIC_HEADER = re.compile(
    r"freedom of information|access to information|information request|foi release|"
    r"environmental information|foi act|disclosure log|request for information|"
    r"^(?:request|response|decision|you asked|dear|thank you|re:)\b|"
    r"^(?:information governance|foi team|information requests?|legal services)\b",
    re.IGNORECASE,
)
_TITLE_AFTER_ACT = re.compile(
    r"(?i)^(?:freedom of information act \d{4}\s*[–—-]|(?:request for information|freedom of "
    r"information request|foi request|subject|re)\s*[:–—-])\s*(?P<title>\S.+)$"
)
SITE_SUFFIX = re.compile(  # a web page title's " - <site section>" tail
    r"\s+[-|–]\s+[^-|–]*\b(?:freedom of information|FOI|disclosure log|information requests?)\b"
    r"[^-|–]*$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"(?i)^(?:published|date of (?:decision|response|reply)|date responded|response date|"
    r"date)\s*:?\s*"
)


def find_council(doc: Document) -> tuple[str | None, Evidence | None]:
    """The council named most often; else the council whose e-mail domain the letter uses."""
    mentions: Counter[str] = Counter()
    first: dict[str, Evidence] = {}
    for match in COUNCIL.finditer(doc.text):
        name = re.sub(r"\s+", " ", match.group(0))
        if _NOT_COUNCIL.match(name):
            continue
        mentions[name] += 1
        first.setdefault(name, span(doc, match.start(), match.end()))
    if mentions:
        name = max(mentions, key=lambda n: (mentions[n], -first[n].start))
        return name, first[name]
    for match in re.finditer(r"@(?:[\w-]+\.)*?([\w-]+\.gov\.uk)\b", doc.text, re.IGNORECASE):
        name = councils_by_domain().get(match.group(1).lower())
        if name:
            return name, span(doc, match.start() + 1, match.end())
    return None, None


def _header_lines(doc: Document) -> list:
    """Non-blank lines before the first question: where titles and references live."""
    header = []
    for line in doc.lines:
        text = line.text.strip()
        if not text:
            continue
        if MARKER.match(text) or is_request_like(text) or len(header) >= 8:
            break
        header.append(line)
    return header


def find_title(doc: Document, council: str | None, reference_line: int | None) -> Evidence | None:
    for line in _header_lines(doc):
        match = _TITLE_AFTER_ACT.match(line.text.strip())
        if match:
            return span(doc, line.start + line.text.index(match.group("title")), line.end)
    candidates = _header_lines(doc)
    if reference_line is not None:
        after = [ln for ln in doc.lines[reference_line + 1 :] if not ln.blank][:1]
        candidates = after + candidates
    for line in candidates:
        text = SITE_SUFFIX.sub("", line.text.strip())
        if (
            len(text) > 160
            or text.endswith(".")
            or _GENERIC_HEADER.search(text)
            or (council and clean(text).lower() == council.lower())
            or COUNCIL.fullmatch(clean(text))
            or REFERENCE.search(text)
            or _DATE_LABEL.match(text)
            or BOILERPLATE.search(text)
        ):
            continue
        begin = line.start + line.text.index(text)
        return span(doc, begin, begin + len(text))
    return None


def find_reference(doc: Document) -> tuple[Evidence | None, int | None]:
    for line in doc.lines:
        match = REFERENCE.search(line.text)
        if match and re.search(r"\d", match.group("ref")):
            ref = match.group("ref").strip()
            start = line.start + match.start("ref")
            if re.match(r"(?i)(?:FOIA?|EIR)\b", match.group(0)):
                ref, start = match.group(0).strip(), line.start + match.start()
            return span(doc, start, start + len(ref)), line.number
        if re.fullmatch(r"(?i)\s*reference(?: number| no\.?)?\s*:?\s*", line.text):
            following = [ln for ln in doc.lines[line.number + 1 :] if not ln.blank][:1]
            if following and re.fullmatch(r"\s*[A-Z]*[-/]?\d[\w/-]*\s*", following[0].text):
                return line_span(doc, following[0]), following[0].number
    return None, None


def find_response_date(doc: Document) -> tuple[str | None, Evidence | None]:
    for index, line in enumerate(doc.lines):
        label = _DATE_LABEL.match(line.text.strip())
        if not label:
            continue
        window = (
            line.text
            if line.text.strip()[label.end() :].strip()
            else " ".join(ln.text for ln in doc.lines[index : index + 3])
        )
        dates = find_dates(window)
        if dates:
            offset = line.start if window is line.text else line.start
            found = find_dates(doc.text, offset, min(len(doc.text), offset + len(window) + 4))
            if found:
                return found[0].iso, span(doc, found[0].start, found[0].end)
    return None, None


def extract_source(doc: Document) -> SourceInfo:
    council, council_ev = find_council(doc)
    reference, reference_line = find_reference(doc)
    title = find_title(doc, council, reference_line)
    date, date_ev = find_response_date(doc)
    return SourceInfo(
        council=council,
        council_evidence=council_ev,
        title=clean(title.quote) if title else None,
        title_evidence=title,
        reference=reference.quote if reference else None,
        reference_evidence=reference,
        date=date,
        date_evidence=date_ev,
    )
