"""Blueprint: the query page at /, YASGUI pointed at /sparql with the competency questions.

YASGUI is never loaded from a CDN: `make assets` installs @zazuko/yasgui with
npm and copies its build into server/static/vendor/yasgui/, which Flask's
static route serves. The page says how to fix it when that copy is missing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from flask import Blueprint, current_app, render_template

from graphbuild.resources import queries_dir
from server.describe import select
from server.resources import store

bp = Blueprint("ui", __name__)

BROWSE_CLASSES = (
    ("Councils", "Council"),
    ("Frameworks", "Framework"),
    ("Providers", "Provider"),
    ("Contracts", "Contract"),
    ("Documents", "SourceDocument"),
)
BROWSE_LIMIT = 300
VENDOR_FILES = ("vendor/yasgui/yasgui.min.js", "vendor/yasgui/yasgui.min.css")
TITLE_LINE = re.compile(r"#\s*(CQ\d+)\s*:\s*(.+)")


@dataclass(frozen=True)
class Example:
    """A ready-made query for the page: its CQ id, its question and its text."""

    id: str
    title: str
    query: str


@cache
def _examples_from(folder: Path) -> tuple[Example, ...]:
    examples = []
    for path in sorted(folder.glob("cq[0-9][0-9]-*.rq")):
        text = path.read_text(encoding="utf-8")
        match = TITLE_LINE.match(text.splitlines()[0] if text else "")
        cq_id, title = match.groups() if match else (path.stem[:4].upper(), path.stem)
        examples.append(Example(cq_id, title.strip(), text))
    return tuple(examples)


def examples() -> list[Example]:
    """The competency questions, read once per process from ontology/queries."""
    return list(_examples_from(queries_dir()))


def vendor_missing() -> list[str]:
    """Vendor files the page needs that set-up has not copied yet."""
    static = Path(current_app.static_folder or "")
    return [name for name in VENDOR_FILES if not (static / name).is_file()]


@dataclass
class BrowseGroup:
    """One class's members for the page's browse panel: a way in to the /id/ pages."""

    title: str
    members: list[tuple[str, str]]
    total: int


def browse() -> list[BrowseGroup]:
    """The main kinds of thing in the graph, each with (IRI, label) pairs, labels sorted."""
    groups = []
    for title, cls in BROWSE_CLASSES:
        rows = select(
            store(),
            f"""SELECT ?x (SAMPLE(?l) AS ?label) WHERE {{
              ?x a ckg:{cls} . OPTIONAL {{ ?x rdfs:label|skos:prefLabel|dcterms:title ?l }}
            }} GROUP BY ?x ORDER BY LCASE(STR(?label)) ?x""",
        )
        members = [(r["x"].value, r["label"].value if "label" in r else r["x"].value) for r in rows]
        if members:
            groups.append(BrowseGroup(title, members[:BROWSE_LIMIT], len(members)))
    return groups


@bp.route("/")
def index() -> str:
    return render_template(
        "index.html",
        examples=[asdict(e) for e in examples()],
        missing=vendor_missing(),
        groups=browse(),
    )
