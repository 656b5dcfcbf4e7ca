"""Readers turn a file into a Document: normalised text with layout and offsets."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from graphbuild.errors import DocumentError, one_line
from graphbuild.readers.document import Document
from graphbuild.readers.text import MAX_BYTES as TEXT_MAX_BYTES
from graphbuild.readers.text import read_text

BINARY_MAX_BYTES = 50 * 1024 * 1024


def _lazy(module: str, name: str) -> Callable[[Path], Document]:
    """A reader whose libraries load on first use: `carekg query` needs no PDF parser."""

    def read(path: Path) -> Document:
        return getattr(import_module(f"graphbuild.readers.{module}"), name)(path)

    read.__name__ = name
    return read


read_html = _lazy("html", "read_html")
read_pdf = _lazy("pdf", "read_pdf")
read_docx = _lazy("docx", "read_docx")
read_xlsx = _lazy("spreadsheet", "read_xlsx")
read_csv = _lazy("spreadsheet", "read_csv")

READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".xlsx": read_xlsx,
    ".xlsm": read_xlsx,
    ".csv": read_csv,
}
_BINARY = {".pdf", ".docx", ".xlsx", ".xlsm"}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def size_limit(path: Path) -> int:
    """Bytes a file of this kind may have: packaged formats carry images and fonts."""
    return BINARY_MAX_BYTES if path.suffix.lower() in _BINARY else TEXT_MAX_BYTES


def _check_size(path: Path) -> None:
    """Refuse a huge file before any library loads it into memory."""
    size, limit = path.stat().st_size, size_limit(path)
    if size > limit:
        raise DocumentError(
            f"{path.name}: {size / 1e6:.0f} MB is larger than the {limit // (1024 * 1024)} MB limit"
        )


def read_document(path: Path) -> Document:
    """Read any supported file; a clear one-line DocumentError otherwise."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(f"{path.name}: no reader for '{path.suffix or 'no extension'}' files")
    try:
        _check_size(path)
        return reader(path)
    except DocumentError:
        raise
    except OSError as exc:
        raise DocumentError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    except RecursionError as exc:
        raise DocumentError(f"{path.name}: too deeply nested to read") from exc
    except Exception as exc:  # the boundary: whatever a library raises, the file is at fault
        detail = one_line(f"{type(exc).__name__}: {exc}", 200)
        raise DocumentError(f"{path.name}: could not be read ({detail})") from exc
