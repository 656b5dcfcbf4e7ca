"""Organisation names as FOI letters list them.

"Northgate Home Support (UK) (trading as Brightcare)" is one provider with a
trading name; "Care 2 U (Rutland) Limited" keeps its bracket, because the
bracket sits inside the legal name; "AB Care Ltd - Riverside" is a branch of
"AB Care Ltd". These rules read the punctuation, not a list of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.parsing.gazetteer import places

TRADING = re.compile(
    r"\s*\(?\b(?:(?P<of>(?:an?\s+|the\s+)?trading (?:name|style) of)|trading as|t/a|t\.a\.|"
    r"also known as|aka|formerly)\b\s*",
    re.I,
)
_QUALIFIER = re.compile(
    r"^(?:uk|u\.k\.|gb|england|wales|scotland|ni|northern ireland|europe|international|"
    r"holdings|group|cic|plc|ltd|limited|llp|no\.? ?\d+|\d+)$",
    re.I,
)
LEGAL_FORMS = r"Ltd|Limited|plc|LLP|CIC|CIO|Inc|LLC|Cyf|Cyfyngedig|Community Interest Company"
"""The legal forms a registered provider's name ends in (Welsh companies: "Cyf", Limited)."""
COMPANY_END = re.compile(rf"\b(?:{LEGAL_FORMS})\.?$")
"""A name that ends in a legal form names a company, whatever else it says."""
_LEGAL_SUFFIX = re.compile(rf"\b(?:{LEGAL_FORMS}|co)\.?$", re.I)


@dataclass
class ParsedName:
    name: str
    aliases: list[str] = field(default_factory=list)


def _strip(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:.-–•*")


REGISTRATION = re.compile(
    r"\s*[(,;-]?\s*\b(?:company|companies house|charity|registered charity|reg(?:istration)?\.?|"
    r"cqc(?: provider| location)?)\s*(?:number|no\.?|id|#)?\s*:?\s*[A-Z]{0,2}[\d-]{5,}\)?",
    re.IGNORECASE,
)


def without_registration(text: str) -> str:
    """The name without a registration number written beside it ('(Company No. 01234567)')."""
    return REGISTRATION.sub("", text)


def parse_name(text: str) -> ParsedName:
    """Split a listed name into the name and its other names (trading, brands, branch)."""
    text = _strip(without_registration(text))
    aliases: list[str] = []
    trading = TRADING.search(text)
    if trading:
        after = _strip(text[trading.end() :].rstrip(")"))
        before = _strip(text[: trading.start()])
        if trading.group("of"):  # "Y (a trading name of X)": the legal name comes second
            before, after = after, before
        text = before
        if after:
            aliases.append(after)
    while True:
        match = re.search(r"\s*\(([^()]+)\)\s*$", text)
        if (
            not match
            or _QUALIFIER.match(match.group(1).strip())
            or is_place(match.group(1))
            or re.match(r"\s*\d", match.group(1))  # "(84 flats)" counts something
        ):
            break
        aliases.insert(0, _strip(match.group(1)))
        text = _strip(text[: match.start()])
    counted = re.search(r"\s*\(\s*\d[\d,]*\s+[a-z][^()]*\)$", text)
    if counted:  # "Riverside Court (40 flats)": a count about the thing named, not its name
        text = _strip(text[: counted.start()])
    branch = re.match(r"^(.+?\b(?:ltd|limited|plc|llp|cic))\.?\s+[-–]\s+\S.*$", text, re.I)
    if branch:
        aliases.append(_strip(branch.group(1)))
    return ParsedName(text, aliases)


PROVIDER_COLUMN = re.compile(  # a table column that names organisations
    r"(?i)^(?:organisation|organization|provider|supplier|contractor|"
    r"agency|company|provider name)s?$"
)


# A lot's number: "3", "2a", or a single capital letter or roman numeral ("Lot A", "Lot IV").
# The letter forms are case-sensitive so that prose ("lot of ...") is not read as a lot.
LOT_ID = r"(?:\d{1,2}[a-z]?\b|(?-i:(?=[A-Z])(?:X{0,2}(?:IX|IV|V?I{0,3})|[A-Z]))(?![\w'’]))"
LOT_HEADING = re.compile(rf"(?i)^\s*(?:•\s*)?(?:lot|category)\s+{LOT_ID}")


ORG_END = re.compile(
    r"\b(?:ltd|limited|plc|llp|cic|inc|llc|trust|council|association|foundation|group|"
    r"society|charity|partnership|consortium|board|commission|co-operative|cooperative|cio|"
    r"cyf|cyfyngedig|community interest company)\.?$",
    re.I,
)


def split_joined(text: str) -> list[tuple[int, str]]:
    """'A Limited and B Trust' -> two names with their offsets; 'Smith and Jones Ltd' stays one.

    A list's "and" joins two names only when the words before it already end a
    name (a legal or organisation word) and the words after it end one too.
    """
    for match in re.finditer(r"\s+and\s+", text):
        left, right = text[: match.start()], text[match.end() :]
        if ORG_END.search(left.strip()) and ORG_END.search(right.strip()) and right[:1].isupper():
            rest = split_joined(right)
            return [(0, left.strip())] + [(match.end() + at, part) for at, part in rest]
    return [(0, text.strip())]


def is_place(text: str) -> bool:
    """'(Derby)' after a franchise's name is where it is, not another name it trades under."""
    return " ".join(text.split()).lower() in places()


def looks_like_organisation(text: str) -> bool:
    """A listed line that could be an organisation's name (not a sentence, not a figure)."""
    text = _strip(without_registration(text))
    if not text or len(text) > 90 or len(text.split()) > 12:
        return False
    if LOT_HEADING.match(text):
        return False  # "Lot A – Mental Health" heads a lot; it names no one
    if re.search(r"[£%]|\d{3,}|https?://|@", text):
        return False
    if re.search(r"[.!?]\s+[A-Z]", text) or text.endswith("?"):
        return False
    if re.match(r"^[A-Z][A-Za-z /&'’-]{1,38}:\s", text):
        return False  # "Scheme: Riverside" is a labelled field, not a name
    words = re.findall(r"[A-Za-z][\w'’&-]*", text)
    if not words or not words[0][0].isupper():
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _JOINERS]
    return len(lower) <= 1 or bool(_LEGAL_SUFFIX.search(text))


_JOINERS = {"and", "of", "the", "at", "for", "in", "on", "as", "trading", "t/a", "de", "la"}


PROVIDER_LABEL = re.compile(  # a "Label: value" field that names who delivers the service
    r"(?i)^(?:(?:care|support|service|current|incumbent|contracted|lead|main|successful)\s+)?"
    r"(?:provider|contractor|supplier|organisation|organization)s?(?:\(s\))?(?:\s+name)?$"
)


def split_list(text: str) -> list[tuple[int, int]]:
    """Items of a run-in list 'A, B (t/a C), D and E' as (start, end) offsets into text.

    Commas inside brackets do not split; a list separated by semicolons splits only
    there. The last item's "and" is the list's own joiner unless it sits inside a name
    ('Smith and Jones Care Ltd'): two complete names either side split there, else the
    first "and" does.
    """
    cuts, depth, begin = [], 0, 0
    separator = ";" if ";" in text else ","  # "A Ltd; B, C and D Ltd; E CIC" splits at ";"
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == separator and depth == 0:
            cuts.append((begin, index))
            begin = index + 1
    cuts.append((begin, len(text)))
    items = []
    for number, (start, end) in enumerate(cuts):
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        joiner = re.match(r"(?i)(?:and|&)\s+", piece)
        if joiner:
            lead, piece = lead + joiner.end(), piece[joiner.end() :]
        base = start + lead
        parts = split_joined(piece)
        last = number == len(cuts) - 1 and len(cuts) > 1 and not joiner
        if len(parts) == 1 and last and re.search(r"\s+and\s+", piece):
            joined = re.search(r"\s+and\s+", piece)
            parts = [(0, piece[: joined.start()]), (joined.end(), piece[joined.end() :])]
        items += [(base + at, base + at + len(part)) for at, part in parts if part]
    return items
