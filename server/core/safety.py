"""Checks a SPARQL query text before any engine sees it.

Why not leave it to the engine: pyoxigraph's parser recurses once per
nesting level and crashes its whole process around 4,000 nested `{`; it
also sends SERVICE calls over HTTP; and with a union default graph it
quietly ignores FROM. So this module tokenises the text (strings, IRIs and
comments are skipped, so a `{` or the word SERVICE inside a literal is
harmless) and refuses, with a one-line reason:

- anything that is not a query (every SPARQL Update form): 403;
- SERVICE, in any form: 400;
- FROM / FROM NAMED naming anything that is not a named graph of the store: 400;
- nesting of `{ ( [` deeper than `max_nesting`: 400.

Only the first keyword after the prologue decides query versus update,
which the grammar makes exact; the engine is only ever called with
`Store.query` on a read-only store, so an update can never run anyway.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

from server.core.errors import QueryRefused

QUERY_FORMS = {"SELECT": "select", "ASK": "ask", "CONSTRUCT": "construct", "DESCRIBE": "describe"}
UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}
OPENERS, CLOSERS = "{([", "})]"

# Each alternative is linear: no nested quantifiers over overlapping sets.
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
             |\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"
             |'(?:[^'\\\n\r]|\\.)*'
             |"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<lang>@[A-Za-z][A-Za-z0-9-]*)
  | (?P<number>[0-9][0-9A-Za-z.]*)
  | (?P<word>(?:[A-Za-z_][\w.\-]*)?:(?:[\w.\-:%]|\\.)*|[A-Za-z_][\w\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str


@dataclass
class QueryInfo:
    """What the checks learnt: the query form and the dataset its FROM clauses name."""

    kind: str
    from_graphs: list[str] = field(default_factory=list)
    from_named: list[str] = field(default_factory=list)
    depth: int = 0
    body: list[Token] = field(default_factory=list)  # the tokens after the prologue

    @property
    def is_graph(self) -> bool:
        """CONSTRUCT and DESCRIBE answer with triples; SELECT and ASK with results."""
        return self.kind in {"construct", "describe"}

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def check_query(text: str, max_nesting: int, allowed_graphs: Container[str]) -> QueryInfo:
    """Refuse (QueryRefused) or describe the query `text`; the engine has not seen it yet."""
    if "\x00" in text:
        raise QueryRefused("query contains a NUL character")
    tokens = list(tokenise(text))
    depth = nesting_depth(tokens)
    if depth > max_nesting:
        raise QueryRefused(f"query nested {depth} deep; the limit is {max_nesting}")
    prefixes, base, rest = _prologue(tokens)
    kind = _query_form(rest)
    _refuse_service(rest)
    info = QueryInfo(kind=kind, depth=depth, body=rest)
    _dataset_clauses(rest, prefixes, base, allowed_graphs, info)
    return info


def check_graphs(graphs: list[str], allowed_graphs: Container[str], what: str) -> None:
    """Refuse protocol dataset parameters that name anything but a graph of the store."""
    for graph in graphs:
        if graph not in allowed_graphs:
            raise QueryRefused(f"{what} <{graph}> is not a graph in this store")


def tokenise(text: str) -> Iterator[Token]:
    """Significant tokens of `text`: whitespace and comments dropped."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group())


def nesting_depth(tokens: list[Token]) -> int:
    """Deepest nesting of `{ ( [` outside strings, IRIs and comments.

    Unbalanced closers never take the count below zero, so they cannot hide
    later nesting.
    """
    depth = deepest = 0
    for token in tokens:
        if token.kind != "other":
            continue
        if token.text in OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.text in CLOSERS:
            depth = max(depth - 1, 0)
    return deepest


def _prologue(tokens: list[Token]) -> tuple[dict[str, str], str, list[Token]]:
    """PREFIX and BASE declarations, and the tokens after them."""
    prefixes: dict[str, str] = {}
    base = ""
    i = 0
    while i < len(tokens) and tokens[i].kind == "word":
        word = tokens[i].text.upper()
        if word == "BASE" and _kind_at(tokens, i + 1) == "iri":
            base = urljoin(base, tokens[i + 1].text[1:-1])
            i += 2
        elif (
            word == "PREFIX"
            and _kind_at(tokens, i + 1) == "word"
            and _kind_at(tokens, i + 2) == "iri"
        ):
            prefixes[tokens[i + 1].text] = urljoin(base, tokens[i + 2].text[1:-1])
            i += 3
        else:
            break
    return prefixes, base, tokens[i:]


def _kind_at(tokens: list[Token], i: int) -> str:
    return tokens[i].kind if i < len(tokens) else ""


def _query_form(tokens: list[Token]) -> str:
    first = tokens[0].text.upper() if tokens and tokens[0].kind == "word" else ""
    if first in QUERY_FORMS:
        return QUERY_FORMS[first]
    if first in UPDATE_WORDS:
        raise QueryRefused(f"{first} is a SPARQL update; this endpoint is read-only", 403)
    raise QueryRefused("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")


def _refuse_service(tokens: list[Token]) -> None:
    """SERVICE would make the engine fetch over HTTP: never, not even SILENT."""
    if any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint")


def _dataset_clauses(
    tokens: list[Token],
    prefixes: dict[str, str],
    base: str,
    allowed: Container[str],
    info: QueryInfo,
) -> None:
    """FROM and FROM NAMED: only named graphs of the store, never a URL to fetch or a file."""
    for i, token in enumerate(tokens):
        if token.kind != "word" or token.text.upper() != "FROM":
            continue
        named = _kind_at(tokens, i + 1) == "word" and tokens[i + 1].text.upper() == "NAMED"
        target = tokens[i + 2] if named and i + 2 < len(tokens) else None
        if not named:
            target = tokens[i + 1] if i + 1 < len(tokens) else None
        iri = _resolve(target, prefixes, base)
        clause = "FROM NAMED" if named else "FROM"
        if iri is None:
            raise QueryRefused(f"{clause} must name a graph IRI")
        if iri not in allowed:
            raise QueryRefused(f"{clause} <{iri}> is not a graph in this store")
        (info.from_named if named else info.from_graphs).append(iri)


def _resolve(token: Token | None, prefixes: dict[str, str], base: str) -> str | None:
    """The absolute IRI an IRI token or prefixed name stands for (None if it stands for none)."""
    if token is None:
        return None
    if token.kind == "iri":
        return urljoin(base, token.text[1:-1]) if base else token.text[1:-1]
    if token.kind == "word" and ":" in token.text:
        prefix, _, local = token.text.partition(":")
        namespace = prefixes.get(prefix + ":")
        if namespace is not None:
            return namespace + re.sub(r"\\(.)", r"\1", local)
    return None
