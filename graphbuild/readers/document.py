"""The reader's output: normalised text plus its layout, all in character offsets.

Every extractor works on this object, so every span it reports indexes the same
string that is stored in the graph as the document's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One line of the normalised text. `start`/`end` exclude the newline."""

    number: int
    start: int
    end: int
    text: str
    bullet: bool = False  # the line began with a list marker (normalised to "• ")

    @property
    def content_start(self) -> int:
        """Offset of the first character after indentation and any bullet."""
        stripped = self.text.lstrip(" \t")
        if self.bullet and stripped.startswith("• "):
            stripped = stripped[2:]
        return self.end - len(stripped)

    @property
    def content(self) -> str:
        return self.text[self.content_start - self.start :].strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Table:
    """A grid found in the text (tab-separated rows, or one cell per tabbed line)."""

    rows: list[list[Cell]]
    start: int
    end: int

    @property
    def header(self) -> list[Cell]:
        return self.rows[0] if self.rows else []


@dataclass
class Document:
    """A source document after reading: its name, normalised text and layout."""

    name: str
    text: str
    media_type: str = "text/plain"
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def line_at(self, offset: int) -> Line | None:
        for line in self.lines:
            if line.start <= offset <= line.end:
                return line
        return None
