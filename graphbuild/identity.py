"""The only place IRIs are minted and organisation names are turned into keys.

IRIs are readable and deterministic: the same document, council, framework or
provider name always gives the same IRI under the same base, so rebuilding
the graph does not churn identifiers, and two documents naming one provider
meet at one node. See docs/decisions/0001-iri-policy.md.
"""

from __future__ import annotations

import os
import re
import unicodedata

DEFAULT_BASE = "https://w3id.org/carekg/id/"
_LEGAL = re.compile(
    r"(?<![\w-])(?:and\s+company|and\s+co|community\s+interest\s+company|"
    r"limited\s+liability\s+partnership|public\s+limited\s+company|"
    r"limited|ltd|plc|llp|cic|inc|llc|company|co)\b\.?(?!-\w)",
    re.I,
)
# Typographic apostrophes, quotes and dashes, folded before the ASCII fold drops them.
_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)  # fmt: skip


def base_iri(base: str | None = None) -> str:
    """The configured base, always ending in '/' or '#'."""
    base = base or os.environ.get("CAREKG_BASE") or DEFAULT_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def slug(text: str, limit: int = 80) -> str:
    """Lower-case ASCII words joined by '-': 'Care 4U (Leics) Ltd' -> 'care-4u-leics-ltd'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("&", " and ")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = "-".join(words)[:limit].strip("-")
    return out or "unnamed"


def name_key(name: str) -> str:
    """Matching key for an organisation: case, punctuation, '&'/'and', legal suffix ignored.

    Typographic quotes and dashes count as their ASCII forms (so "Anne’s" and
    "Anne's" meet), and a leading "The" is dropped ("The Willow Trust" is
    "Willow Trust"). "Co-operative" keeps its "co"; only a free-standing "Co" or
    "Company" is a legal word. Finer "same as" matching lives in resolution.py.
    """
    text = unicodedata.normalize("NFKC", name).translate(_TYPOGRAPHIC)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = _LEGAL.sub(" ", text)
    words = re.findall(r"[a-z0-9]+", text)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class Minter:
    """Mints every IRI for one build, under one base."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base_iri(base)

    def document(self, file_name: str) -> str:
        return f"{self.base}document/{slug(file_name)}"

    def graph(self, file_name: str) -> str:
        return f"{self.base}graph/{slug(file_name)}"

    def council(self, name: str) -> str:
        return f"{self.base}council/{slug(name)}"

    def department(self, council: str, name: str) -> str:
        return f"{self.council(council)}/department/{slug(name)}"

    def organisation(self, name: str) -> str:
        return organisation_iri(self.base, name_key(name))

    def organisation_by_key(self, key: str) -> str:
        return organisation_iri(self.base, key)

    def match(self, key_a: str, key_b: str) -> str:
        first, second = sorted((slug(key_a), slug(key_b)))
        return f"{self.base}match/{first}--{second}"

    def framework(self, council: str, name: str) -> str:
        return f"{self.base}framework/{slug(council)}/{slug(name)}"

    def lot(self, framework_iri: str, number: str) -> str:
        return f"{framework_iri}/lot/{slug(number)}"

    def membership(self, lot_iri: str, provider: str) -> str:
        return f"{lot_iri}/member/{slug(name_key(provider))}"

    def contract(self, council: str, title: str) -> str:
        return f"{self.base}contract/{slug(council)}/{slug(title)}"

    def service_area(self, name: str) -> str:
        return f"{self.base}service-area/{slug(name)}"

    def in_document(self, kind: str, file_name: str, key: str | int) -> str:
        """Facts that only make sense inside one document: statistic, price, refusal..."""
        return f"{self.base}{kind}/{slug(file_name)}/{slug(str(key))}"

    def evidence(self, file_name: str, start: int, end: int) -> str:
        return f"{self.base}evidence/{slug(file_name)}/{start}-{end}"


def organisation_iri(base: str, key: str) -> str:
    return f"{base}organisation/{slug(key)}"


def resolve_organisations(organisations: list, registry) -> dict[str, str]:
    """Give each provider its node key from the batch's registry; name_key -> node key.

    Non-providers keep their own key. `registry` is a resolution.ProviderRegistry
    shared by every document of a build, so one provider named in two documents
    (or on two lots, or by two councils) meets at one node.
    """
    keys: dict[str, str] = {}
    for org in organisations:
        if org.role != "provider" or registry is None:
            org.key = org.key or name_key(org.name)
        else:
            resolution = registry.observe(org.name, org.aliases, org.identifiers)
            org.key = resolution.key
            known = registry.get(resolution.key)
            org.preferred = known.name if known.name != org.name else None
            org.candidates = [
                (key, score, resolution.reason)
                for key, score in resolution.candidates
                if key != resolution.key
            ]
        keys[name_key(org.name)] = org.key
        for alias in org.aliases:
            keys.setdefault(name_key(alias), org.key)
    return keys
