"""Registration numbers as FOI letters give them: Companies House, charity and CQC.

A number a document states is the strongest evidence that two spellings are
one provider (and that two similar names are not), so provider resolution
reads them; they are also recorded on the provider's node as identifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCHEME_NAMES = {
    "ch": "companies-house",
    "company": "companies-house",
    "company-number": "companies-house",
    "companies-house": "companies-house",
    "charity": "charity",
    "charity-number": "charity",
    "cqc": "cqc-provider",
    "cqc-provider": "cqc-provider",
    "cqc-location": "cqc-location",
}
_NO = r"(?:number|no\.?|num\.?|#)"
_IDENTIFIER_PATTERNS = (
    (
        "companies-house",
        rf"(?:companies\s+house|(?:registered\s+)?company)(?:\s+registration)?\s+{_NO}"
        rf"|registered\s+in\s+(?:england|scotland|wales|northern\s+ireland)"
        rf"(?:\s+(?:and|&)\s+wales)?(?:\s+under)?(?:\s+company)?\s+{_NO}",
        r"(?:SC|NI|OC|SO|NC|R0|FC|GE|LP|SL|SE|SF)\s?\d{6}|\d{6,8}",
    ),
    (
        "charity",
        rf"registered\s+charity(?:\s+{_NO})?|charity(?:\s+registration)?\s+{_NO}",
        r"SC\s?\d{6}|NIC\s?\d{6}|\d{6,7}(?:-\d{1,2})?",
    ),
    ("cqc-provider", rf"(?:cqc\s+)?provider\s+(?:id|identifier|{_NO})", r"1-\d{6,12}"),
    ("cqc-location", rf"(?:cqc\s+)?location\s+(?:id|identifier|{_NO})", r"1-\d{6,12}"),
)
_IDENTIFIERS = [
    (scheme, re.compile(rf"\b(?:{label})\s*[:.#]?\s*(?P<id>{value})(?![\w-])", re.I))
    for scheme, label, value in _IDENTIFIER_PATTERNS
]


@dataclass(frozen=True)
class IdentifierMatch:
    """A registration number a text states, with where it stands (for evidence)."""

    scheme: str
    value: str
    start: int
    end: int


def find_identifiers(text: str) -> list[IdentifierMatch]:
    """Every Companies House, charity and CQC number the text states, in order."""
    found = []
    for scheme, pattern in _IDENTIFIERS:
        for match in pattern.finditer(text):
            value = normalise_identifier(scheme, match.group("id"))
            if value:
                found.append(IdentifierMatch(scheme, value, match.start("id"), match.end("id")))
    return sorted(found, key=lambda m: m.start)


def identifiers_in(text: str) -> dict[str, str]:
    """Scheme -> normalised number, the first of each scheme the text gives."""
    out: dict[str, str] = {}
    for match in find_identifiers(text):
        out.setdefault(match.scheme, match.value)
    return out


def normalise_identifier(scheme: str, value: str) -> str | None:
    """The register's own spelling ("1234567" -> "01234567"), or None if not one."""
    value = re.sub(r"\s+", "", value).upper()
    if scheme == "companies-house":
        value = value.zfill(8) if value.isdigit() else value
        return value if re.fullmatch(r"[A-Z]{2}\d{6}|\d{8}", value) else None
    if scheme == "charity":
        return value if re.fullmatch(r"\d{6,7}(?:-\d{1,2})?|SC\d{6}|NIC\d{6}", value) else None
    if scheme in ("cqc-provider", "cqc-location"):
        return value if re.fullmatch(r"1-\d{6,12}", value) else None
    return value or None


def normalise_identifiers(identifiers: dict[str, str] | None) -> dict[str, str]:
    """Scheme names folded ("ch" -> "companies-house"), values normalised, bad ones dropped."""
    out = {}
    for scheme, value in (identifiers or {}).items():
        name = _SCHEME_NAMES.get(re.sub(r"[\s_]+", "-", scheme.strip().lower()), scheme)
        normal = normalise_identifier(name, str(value))
        if normal:
            out[name] = normal
    return out
