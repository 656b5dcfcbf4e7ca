"""What a batch of documents tells about each of them: the publisher of unsigned pages.

Pages saved from a council's disclosure log often drop the council's name
and keep only the site's chrome ("<title> - <name of the site section>").
When other documents in the same batch carry that same distinctive chrome
line and all name one council, a careful reader would attribute the page to
that council too. The inference is recorded as a warning beside the fact,
with the shared line as evidence, and never overrides a council the
document names itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from graphbuild.errors import DocumentError
from graphbuild.extractors.source import find_council
from graphbuild.readers import read_document
from graphbuild.readers.document import Document

_EDGE_LINES = 4
_GENERIC = re.compile(
    r"(?i)^(?:freedom of information act|environmental information regulations|"
    r"request|response|decision|you asked|answer|your request|internal review)\b"
)


@dataclass(frozen=True)
class PublisherHint:
    council: str
    start: int  # span of the shared chrome line in the document
    end: int
    shared_with: str


def _normal(text: str) -> str:
    return " ".join(re.findall(r"[a-z]+", text.lower()))


def chrome_lines(doc: Document) -> list[tuple[str, int, int]]:
    """(normalised text, start, end) of distinctive lines at the top and bottom of a page."""
    lines = [ln for ln in doc.lines if not ln.blank]
    edge = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
    found = []
    for line in edge:
        parts = [(line.text, line.start)]
        for match in re.finditer(r"\s[-|–]\s", line.text):
            tail = line.text[match.end() :]
            parts.append((tail, line.start + match.end()))
        for text, start in parts:
            key = _normal(text)
            words = key.split()
            if (
                len(words) >= 4
                and not re.search(r"\d", text)
                and not text.strip().endswith("?")
                and not _GENERIC.match(text.strip())
            ):
                found.append((key, start, start + len(text.rstrip())))
    return found


class PublisherHints:
    """Chrome lines seen in a batch, and the councils of the documents that carry them."""

    def __init__(self) -> None:
        self.councils: dict[str, set[str]] = defaultdict(set)
        self.carriers: dict[str, str] = {}

    @classmethod
    def from_paths(cls, paths: list[Path]) -> PublisherHints:
        hints = cls()
        for path in paths:
            try:
                doc = read_document(path)
            except DocumentError:
                continue
            hints.add(doc)
        return hints

    def add(self, doc: Document) -> None:
        council, _ = find_council(doc)
        for key, _start, _end in chrome_lines(doc):
            if council:
                self.councils[key].add(council)
                self.carriers.setdefault(key, doc.name)
            else:
                self.councils.setdefault(key, set())

    def hint_for(self, doc: Document) -> PublisherHint | None:
        """The one council every other carrier of this document's chrome names, if any."""
        for key, start, end in chrome_lines(doc):
            councils = self.councils.get(key, set())
            carrier = self.carriers.get(key)
            if len(councils) == 1 and carrier and carrier != doc.name:
                return PublisherHint(next(iter(councils)), start, end, carrier)
        return None
