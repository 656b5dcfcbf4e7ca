"""Who published the response, and what it calls itself: title, reference, date.

FOI letters put this in a handful of places. The publisher's name heads the
letter (sometimes in capitals), before the first question; answers often name
other bodies (a partner council, the ICB), so a body named in that letterhead
wins over one named more often further down. Councils, NHS bodies (integrated
care boards, CCGs, trusts, health boards) and other public authorities all
answer FOI requests. A web page's <title>, which the HTML reader keeps as the
last line, names the site's owner when the page body does not. When a letter
names no body at all, its e-mail domain (…@x.gov.uk) is looked up in the
bundled gazetteer of UK councils.

The title is an explicit "Subject:"/"Title:"/"Re:" line, else the topic after
"Freedom of Information Act 2000 –", else the first heading-like line; words
every FOI letter uses ("Request for information") are never a title. The
reference follows a label ("Our ref", "Request number", "RE: FOI …"). The date
is the letter's own (Date of response, Sent:, Date:), never the date received.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from graphbuild.facts import Evidence, SourceInfo
from graphbuild.parsing.chrome import BOILERPLATE, CONTACT_LINE
from graphbuild.parsing.dates import DateMatch, find_dates
from graphbuild.parsing.gazetteer import councils_by_domain
from graphbuild.parsing.references import CODE, REFERENCE, find_reference
from graphbuild.parsing.sections import (
    ANSWER_LABEL,
    ASKED,
    MARKER,
    REQUEST_HEADING,
    RESPONSE_HEADING,
    is_request_like,
)
from graphbuild.parsing.spans import clean, span
from graphbuild.readers.document import Document, Line

_SALUTATION = r"(?!(?:Dear|To|Attn|FAO)\s)"  # "Dear X Council," addresses a body, not named by it
_NAME_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]{2,}|upon|on|in|and|of|the|under|&)"
COUNCIL = re.compile(
    rf"\b{_SALUTATION}(?:(?:London|Royal) Borough of (?:[A-Z][a-z]+ ?){{1,3}}|"
    rf"(?:[A-Z][a-z'’]+[ -](?:{_NAME_WORD}[ -]){{0,3}})"
    rf"(?:City |County |Borough |District |Metropolitan Borough |Town |Parish )?Council)\b"
)
_NOT_COUNCIL = re.compile(r"^(?:The|This|Our|Your|A|An|Parish|Town|County|City|Borough|District)\b")
_BODY_WORD = r"(?:[A-Z][\w'’&-]*|and|of|the|upon|on|in|for|&)"
PUBLIC_BODY = re.compile(  # NHS bodies and other public authorities that answer FOI requests
    rf"\b{_SALUTATION}(?:{_BODY_WORD} ){{1,6}}?(?:Integrated Care Board|ICB|"
    r"Clinical Commissioning Group|CCG|NHS Foundation Trust|NHS Trust|"
    r"Health and Social Care Trust|Health Board|"
    r"Combined Authority|Fire and Rescue Authority|Police and Crime Commissioner)\b"
)
_ACRONYMS = {"NHS", "ICB", "CCG", "UK"}
_SMALL_WORDS = {"and", "of", "the", "upon", "on", "in", "under", "for", "by"}
_NOT_LETTERHEAD = re.compile(r"(?i)^\s*(?:to|cc|subject|title|re|fw|fwd|dear)\s*:|^\s*[>\"“]")
_MAIL_HEADER = re.compile(r"(?i)^(?:from|to|cc|bcc|sent|date|subject)\s*:")
_SEGMENT = re.compile(r"\s+[-|–—:]\s+")

_GENERIC_WORDS = frozenset(
    re.findall(
        r"\S+",
        "freedom of information act 2000 environmental regulations 2004 request requests response "
        "responses reply decision foi foia eir for the your our to a and notice disclosure log "
        "access information-request re fw fwd internal review release published",
    )
)
_GENERIC_HEADER = re.compile(
    r"freedom of information|access to information|information request|foi release|"
    r"environmental information|foi act|disclosure log|request for information|"
    r"^(?:request|response|decision|you asked|dear|thank you|re:|our response)\b|"
    r"^(?:information governance|foi team|information requests?|legal services)\b",
    re.IGNORECASE,
)
_EXPLICIT_TITLE = re.compile(
    r"(?i)^\s*(?:(?:request\s+)?(?:subject|title)|re|regarding)\s*:\s*(?=\S)"
)
_REQUEST_TOPIC = re.compile(r"(?i)^\s*request\s*:\s*(?=[A-Z])")
_ACT_TITLE = re.compile(
    r"(?i)^\s*(?:freedom of information act \d{4}|(?:freedom of information|foia?|eir) request|"
    r"request for information|freedom of information|internal review)\s*[:–—-]\s*(?=\S)"
)
_TITLE_PREFIX = re.compile(  # "RE: ", "FOI 21-0042 - ": what an e-mail subject puts first
    rf"(?i)^(?:(?:re|fw|fwd)\s*:\s*|(?:(?:FOIA?|EIR)\s*(?:request\s*)?(?:ref\w*\.?\s*)?[:#]?\s*"
    rf"(?:[A-Z]{{2,5}}\s(?=\d))?(?=[\w/.-]*\d){CODE}|(?:FOIA?|EIR)\b\s*(?:request)?)\s*[-–—:|]?\s*)"
)
SITE_SUFFIX = re.compile(  # a web page title's " - <site section>" tail
    r"\s+[-|–]\s+[^-|–]*\b(?:freedom of information|FOI|disclosure log|information requests?)\b"
    r"[^-|–]*$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"(?i)^(?:published|date of (?:decision|response|reply)|date responded|"
    r"(?:response|reply|decision) (?:date|sent|issued)|"
    r"sent\s*:|date)\s*:?\s*"
)
_RESPONSE_DATE = re.compile(  # the letter's own date; rank 0 beats rank 1
    r"(?i)(?:^\s*|[|;\t]\s*)(?:(?P<strong>date\s+of\s+(?:response|reply|decision|letter|issue)|"
    r"(?:response|decision|reply)\s+(?:date|sent|issued)|date\s+(?:responded|sent|issued))|"
    r"(?P<weak>published|date\s+published|sent\s*(?=:)|date\s*(?=[:–-]|$)))\s*[:–-]?\s*"
)
_WEEKDAY = re.compile(r"(?i)^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$")


def _title_case(text: str) -> str:
    """'HALE-ON-WOLD BOROUGH COUNCIL' -> 'Hale-on-Wold Borough Council', keeping offsets."""

    def word(match: re.Match) -> str:
        token = match.group(0)
        if token in _ACRONYMS:
            return token
        if token.lower() in _SMALL_WORDS and match.start() > 0:
            return token.lower()
        return token[0] + token[1:].lower()

    cased = re.sub(r"[A-Za-z]+", word, text)
    return cased if len(cased) == len(text) else text


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


@cache
def _gazetteer_names() -> dict[str, str]:
    return {name.lower(): name for name in councils_by_domain().values()}


def _bodies(doc: Document, line: Line) -> list[tuple[str, Evidence]]:
    """Public bodies named on one line, with their spans; a line in capitals is read cased."""
    text = line.text
    caps = _capitals(text)
    if caps:
        text = _title_case(text)
    found = []
    for pattern in (COUNCIL, PUBLIC_BODY):
        for match in pattern.finditer(text):
            name = re.sub(r"^The\s+", "", re.sub(r"\s+", " ", match.group(0)))
            if _NOT_COUNCIL.match(name) or len(name.split()) < 2:
                continue
            start = line.start + match.end() - len(name)
            if caps:  # the gazetteer knows how a council spells its own name
                name = _gazetteer_names().get(name.lower(), name)
            found.append((start, name, span(doc, start, line.start + match.end())))
    return [(name, evidence) for _, name, evidence in sorted(found, key=lambda f: f[0])]


def _page_title_lines(doc: Document) -> list[Line]:
    """The last lines of a web page: the reader keeps the page's <title> there."""
    if doc.media_type != "text/html":
        return []
    return [ln for ln in doc.lines if not ln.blank][-2:]


def _letterhead_body(doc: Document) -> tuple[str | None, Evidence | None]:
    """The body heading the letter, else the one a web page's title ends with."""
    for line in _header_lines(doc):
        if _NOT_LETTERHEAD.match(line.text):
            continue
        bodies = _bodies(doc, line)
        if bodies:
            return bodies[0]
    for line in _page_title_lines(doc):
        segments = {clean(s).lower() for s in _SEGMENT.split(line.text)}
        for name, evidence in _bodies(doc, line):
            if evidence.quote.lower() in segments:
                return name, evidence
    return None, None


def find_council(doc: Document) -> tuple[str | None, Evidence | None]:
    """The body in the letterhead; else the council named most often; else the e-mail domain's.

    Other bodies than councils are only taken from the letterhead: answers name
    partners (an ICB that co-commissions, a trust) that did not write the letter.
    """
    name, evidence = _letterhead_body(doc)
    if name:
        return name, evidence
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


def _header_lines(doc: Document) -> list[Line]:
    """Non-blank lines before the first question: where letterheads, titles and references live."""
    header = []
    for line in doc.lines:
        text = line.text.strip()
        if not text:
            continue
        if (
            MARKER.match(text)
            or is_request_like(text)
            or len(header) >= 12  # a full letterhead: name, team, address, phone, e-mail, ref, date
            or (ASKED.match(text) and (text.endswith(":") or len(text.split()) <= 3))
            or REQUEST_HEADING.match(text)
            or RESPONSE_HEADING.match(text)
            or ANSWER_LABEL.match(text)
        ):
            break
        header.append(line)
    return header


def _generic(text: str) -> bool:
    """Words every FOI letter uses ('Freedom of Information request - Response'): no topic."""
    words = re.findall(r"[a-z0-9]+(?:-[a-z]+)?", text.lower())
    return all(word in _GENERIC_WORDS for word in words)


def _topic(doc: Document, line: Line, start: int) -> Evidence | None:
    """The topic from `start` on, without e-mail prefixes and a leading reference."""
    rest = line.text[start - line.start :]
    while match := _TITLE_PREFIX.match(rest) or _ACT_TITLE.match(rest):
        if not match.group(0):
            break
        start, rest = start + match.end(), rest[match.end() :]
    text = clean(rest)
    if not text or _generic(text) or len(text) > 160:
        return None
    begin = start + rest.index(text)
    return span(doc, begin, begin + len(text))


def _labelled_title(doc: Document, pattern: re.Pattern[str]) -> Evidence | None:
    for line in _header_lines(doc):
        match = pattern.match(line.text)
        if match:
            topic = _topic(doc, line, line.start + match.end())
            if topic:
                return topic
    return None


_BILINGUAL = re.compile(r"\s+/\s+")
_TRAILING_ASIDE = re.compile(r"\s*\(([^()]*)\)\s*$")


def _heading_topic(doc: Document, line: Line) -> str | None:
    """A heading line without the publisher and the reference it may carry.

    An attachment's caption reads "<Body> - <topic> (attachment to FOI response
    <ref>)": the topic is the title. A line giving a body's name in two languages
    ("<Welsh name> / <Body>") is a letterhead, with no topic.
    """
    text = SITE_SUFFIX.sub("", line.text.strip())
    names = {clean(ev.quote).lower() for _, ev in _bodies(doc, line)}
    if names and any(clean(part).lower() in names for part in _BILINGUAL.split(text)[1:]):
        return None
    aside = _TRAILING_ASIDE.search(text)
    if aside and REFERENCE.search(aside.group(1)):
        text = text[: aside.start()]
    parts = _SEGMENT.split(text, maxsplit=1)
    if len(parts) == 2 and clean(parts[0]).lower() in names:
        text = text[text.index(parts[1], len(parts[0])) :]
    return text.strip()


_DEPARTMENT_WORDS = frozenset(
    re.findall(
        r"\S+",
        "adult adults adults' children children's childrens young people families family health "
        "wellbeing well-being social care services service housing communities community public "
        "education learning skills resources corporate commissioning safeguarding directorate "
        "department integrated and & of the",
    )
)


def _department(text: str) -> bool:
    """'Adults, Health and Wellbeing' heading a letter is the team answering, not the topic:
    a short name made only of the words councils name their directorates with."""
    words = re.findall(r"[\w'’&-]+", text.lower().replace("’", "'"))
    content = [w for w in words if w not in {"and", "&", "of", "the"}]
    return 2 <= len(content) <= 6 and all(w in _DEPARTMENT_WORDS for w in words)


def find_title(doc: Document, council: str | None, reference_line: int | None) -> Evidence | None:
    """An explicit Subject/Title/Re line, the topic after the Act's name, or a heading line."""
    labelled = _labelled_title(doc, _EXPLICIT_TITLE) or _labelled_title(doc, _ACT_TITLE)
    if labelled:
        return labelled
    topic = _labelled_title(doc, _REQUEST_TOPIC)  # 'Request: Day services and their costs'
    if topic and not is_request_like(topic.quote) and not topic.quote.endswith(("?", ".")):
        return topic
    candidates = _header_lines(doc)
    if reference_line is not None:
        after = [ln for ln in doc.lines[reference_line + 1 :] if not ln.blank][:1]
        candidates = after + candidates
    for line in candidates:
        text = _heading_topic(doc, line)
        if (
            not text
            or "\t" in text  # a table's header row
            or len(text) > 160
            or text.endswith((".", ":", "?"))
            or MARKER.match(text)
            or is_request_like(text)
            or _generic(text)
            or _GENERIC_HEADER.search(text)
            or _department(text)
            or (council and clean(text).lower() == council.lower())
            or any(ev.quote == clean(text) for _, ev in _bodies(doc, line))
            or REFERENCE.search(text)
            or _DATE_LABEL.match(text)
            or _EXPLICIT_TITLE.match(text)
            or _MAIL_HEADER.match(text)
            or BOILERPLATE.search(text)
            or CONTACT_LINE.search(line.text)  # an address, a phone number: the letterhead
        ):
            continue
        begin = line.start + line.text.index(text)
        return span(doc, begin, begin + len(text))
    return None


def _date_after(doc: Document, line: Line, offset: int) -> Evidence | None:
    """A date starting right after a label (a weekday aside), or heading the next line."""
    segment_end = line.text.find("|", offset - line.start)
    end = line.end if segment_end < 0 else line.start + segment_end
    if not doc.text[offset:end].strip():
        following = [ln for ln in doc.lines[line.number + 1 :] if not ln.blank][:1]
        if not following:
            return None
        offset, end = following[0].start, following[0].end
    for found in find_dates(doc.text, offset, end)[:1]:
        if _WEEKDAY.match(doc.text[offset : found.start].strip()):
            return span(doc, found.start, found.end)
    return None


def _dated_line(doc: Document, line: Line, found: DateMatch) -> bool:
    """A letter's date line: one full date alone (after a weekday at most)."""
    before, after = doc.text[line.start : found.start], doc.text[found.end : line.end]
    return bool(_WEEKDAY.match(before.strip())) and not after.strip() and len(found.iso) == 10


def find_response_date(doc: Document) -> tuple[str | None, Evidence | None]:
    """The response's date: a response label, else a plain Date:/Sent:, else a dated line."""
    ranked: list[tuple[int, int, Evidence]] = []
    for line in doc.lines:
        for match in _RESPONSE_DATE.finditer(line.text):
            evidence = _date_after(doc, line, line.start + match.end())
            if evidence:
                ranked.append((0 if match.group("strong") else 1, evidence.start, evidence))
    for line in _header_lines(doc):
        dates = find_dates(doc.text, line.start, line.end)
        if len(dates) == 1 and _dated_line(doc, line, dates[0]):
            ranked.append((2, dates[0].start, span(doc, dates[0].start, dates[0].end)))
    if not ranked:
        return None, None
    evidence = min(ranked, key=lambda r: (r[0], r[1]))[2]
    return find_dates(evidence.quote)[0].iso, evidence


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
