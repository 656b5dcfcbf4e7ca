"""Readers turn a file into a Document: normalised text with layout and offsets."""

from __future__ import annotations

from pathlib import Path

from graphbuild.errors import DocumentError
from graphbuild.readers.document import Document
from graphbuild.readers.text import read_text

READERS = {".txt": read_text, ".md": read_text, ".markdown": read_text, ".text": read_text}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_document(path: Path) -> Document:
    """Read any supported file; a clear DocumentError otherwise."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(f"{path.name}: no reader for '{path.suffix or 'no extension'}' files")
    try:
        return reader(path)
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
