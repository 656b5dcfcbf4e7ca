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

TRADING = re.compile(r"\s*\(?\b(?:trading as|t/a|t\.a\.|also known as|aka|formerly)\b\s*", re.I)
_QUALIFIER = re.compile(
    r"^(?:uk|u\.k\.|gb|england|wales|scotland|ni|northern ireland|europe|international|"
    r"holdings|group|cic|plc|ltd|limited|llp|no\.? ?\d+|\d+)$",
    re.I,
)
_LEGAL_SUFFIX = re.compile(r"\b(?:ltd|limited|plc|llp|cic|inc|llc|co)\.?$", re.I)


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
        alias = _strip(text[trading.end() :].rstrip(")"))
        text = _strip(text[: trading.start()])
        if alias:
            aliases.append(alias)
    while True:
        match = re.search(r"\s*\(([^()]+)\)\s*$", text)
        if not match or _QUALIFIER.match(match.group(1).strip()) or is_place(match.group(1)):
            break
        aliases.insert(0, _strip(match.group(1)))
        text = _strip(text[: match.start()])
    branch = re.match(r"^(.+?\b(?:ltd|limited|plc|llp|cic))\.?\s+[-–]\s+\S.*$", text, re.I)
    if branch:
        aliases.append(_strip(branch.group(1)))
    return ParsedName(text, aliases)


PROVIDER_COLUMN = re.compile(  # a table column that names organisations
    r"(?i)^(?:organisation|organization|provider|supplier|contractor|"
    r"agency|company|provider name)s?$"
)


def is_place(text: str) -> bool:
    """'(Derby)' after a franchise's name is where it is, not another name it trades under."""
    return " ".join(text.split()).lower() in places()


def looks_like_organisation(text: str) -> bool:
    """A listed line that could be an organisation's name (not a sentence, not a figure)."""
    text = _strip(without_registration(text))
    if not text or len(text) > 90 or len(text.split()) > 12:
        return False
    if re.search(r"[£%]|\d{3,}|https?://|@", text):
        return False
    if re.search(r"[.!?]\s+[A-Z]", text) or text.endswith("?"):
        return False
    words = re.findall(r"[A-Za-z][\w'’&-]*", text)
    if not words or not words[0][0].isupper():
        return False
    lower = [w for w in words if w[0].islower() and w.lower() not in _JOINERS]
    return len(lower) <= 1 or bool(_LEGAL_SUFFIX.search(text))


_JOINERS = {"and", "of", "the", "at", "for", "in", "on", "as", "trading", "t/a", "de", "la"}
