"""Where the project's data folders live, in a source checkout or an installed wheel.

The wheel carries ontology/, shapes/ and examples/ inside graphbuild/_data/;
a source checkout (or an editable install) has them at the top level.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder `name` (ontology, shapes, examples), wherever it was installed."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"carekg data folder {name!r} is missing from this installation")


def ontology_file() -> Path:
    return data_dir("ontology") / "carekg.ttl"


def queries_dir() -> Path:
    return data_dir("ontology") / "queries"


def shapes_dir() -> Path:
    return data_dir("shapes")


def examples_dir() -> Path:
    """The bundled demo corpus that `carekg build` reads when given no paths."""
    return data_dir("examples") / "leicester"
