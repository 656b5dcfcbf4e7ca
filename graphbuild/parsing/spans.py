"""Evidence spans: cut a quote out of the document text by offsets."""

from __future__ import annotations

import re

from graphbuild.facts import Evidence
from graphbuild.readers.document import Document, Line


def span(doc: Document, start: int, end: int) -> Evidence:
    """Evidence for text[start:end], trimmed of surrounding whitespace."""
    while start < end and doc.text[start].isspace():
        start += 1
    while end > start and doc.text[end - 1].isspace():
        end -= 1
    return Evidence(doc.name, start, end, doc.text[start:end])


def line_span(doc: Document, line: Line) -> Evidence:
    return span(doc, line.content_start, line.end)


def lines_span(doc: Document, lines: list[Line]) -> Evidence:
    return span(doc, lines[0].content_start, lines[-1].end)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence boundaries inside text[start:end] (full stops before a capital or end)."""
    bounds, begin = [], start
    for match in re.finditer(
        r"(?<![A-Z][a-z]\.)(?<!\b[A-Za-z]\.)[.;?!](?=\s+[A-Z(£\d]|\s*$)", text[start:end]
    ):
        stop = start + match.end()
        bounds.append((begin, stop))
        begin = stop
    if begin < end and text[begin:end].strip():
        bounds.append((begin, end))
    return bounds


def clean(text: str) -> str:
    """Collapse whitespace and strip quotes and stray punctuation around a phrase."""
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" ‘’'\"“”*:;,.-–")


def lines_touching(doc: Document, spans: list[Evidence]) -> set[int]:
    """Numbers of the lines any of `spans` overlaps: text another extractor has already read."""
    return {
        line.number
        for line in doc.lines
        if any(ev.start <= line.end and line.start <= ev.end for ev in spans)
    }


def first_paragraph(lines: list[Line]) -> list[Line]:
    """An answer's lines up to its first blank line (page furniture often follows)."""
    found: list[Line] = []
    for line in lines:
        if line.blank and found:
            break
        if not line.blank:
            found.append(line)
    return found


def heading_like(text: str) -> bool:
    """A short line with no figures and no closing punctuation: a heading, not a sentence."""
    text = text.strip()
    return len(text) < 100 and not re.search(r"\d", text) and not text.endswith((".", "?", ":"))


def answer_text(doc: Document, lines: list[Line]) -> str:
    """The answer from its first line to its last, as the segmenter left its lines (the
    requester's sentences already blanked, offsets unchanged), with the gaps between them."""
    start = lines[0].start
    chars = list(doc.text[start : lines[-1].end])
    for line in lines:
        if len(line.text) == line.end - line.start:
            chars[line.start - start : line.end - start] = line.text
    return "".join(chars)
