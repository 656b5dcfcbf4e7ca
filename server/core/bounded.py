"""Which queries are cheap by construction, so they need not cross to a worker process.

Sending a query to a worker costs more than a point lookup itself (a process
hand-off each way), so lookups of one node would run at a quarter of what the
web server can serve. A query is *bounded* when its shape alone limits the
work: one basic graph pattern of at most two triple patterns, each with a
constant subject or object, and nothing that can multiply work (no FILTER,
OPTIONAL, UNION, MINUS, property paths, sub-queries, aggregates, BIND, VALUES,
GRAPH or SERVICE). Its answer is then a slice of the neighbourhood of named
nodes, and it runs in the web process on the read-only store. Anything this
module is unsure of is not bounded and goes to the killable workers.
"""

from __future__ import annotations

from server.core.safety import Token

MAX_PATTERNS = 2
_HEAD_WORDS = {
    "SELECT",
    "ASK",
    "CONSTRUCT",
    "DESCRIBE",
    "DISTINCT",
    "REDUCED",
    "WHERE",
    "LIMIT",
    "OFFSET",
    "A",
}
_PUNCTUATION = {"{", "}", ".", ";", ","}


def _constant(token: Token) -> bool:
    return token.kind == "iri" or (token.kind == "word" and ":" in token.text)


def _term(token: Token) -> bool:
    return (
        token.kind in {"iri", "var", "string", "number", "lang"}
        or _constant(token)
        or (token.kind == "word" and token.text.upper() == "A")
    )


def is_bounded(tokens: list[Token]) -> bool:
    """True only for queries whose shape bounds their cost (see the module docstring)."""
    if not tokens or any(t.kind == "other" and t.text not in _PUNCTUATION | {"*"} for t in tokens):
        return False
    words = [t.text.upper() for t in tokens if t.kind == "word" and ":" not in t.text]
    if any(word not in _HEAD_WORDS for word in words):
        return False
    if words and words[0] == "DESCRIBE" and "WHERE" not in words:
        return all(_constant(t) for t in tokens[1:])  # DESCRIBE <a> <b>: bounded by degree
    if [t.text for t in tokens].count("{") != 1 + (words[:1] == ["CONSTRUCT"]):
        return False
    body = tokens[[t.text for t in tokens].index("{", _where_index(tokens)) + 1 :]
    body = body[: [t.text for t in body].index("}")] if "}" in [t.text for t in body] else []
    patterns = _patterns(body)
    return (
        bool(patterns)
        and len(patterns) <= MAX_PATTERNS
        and all(
            len(p) == 3 and all(_term(t) for t in p) and (_constant(p[0]) or _constant(p[2]))
            for p in patterns
        )
    )


def _where_index(tokens: list[Token]) -> int:
    for index, token in enumerate(tokens):
        if token.kind == "word" and token.text.upper() == "WHERE":
            return index
    texts = [t.text for t in tokens]
    return texts.index("{") if "{" in texts else 0


def _patterns(body: list[Token]) -> list[list[Token]]:
    """Triple patterns of a basic graph pattern, with ';' and ',' shorthand expanded."""
    patterns: list[list[Token]] = []
    subject = predicate = None
    current: list[Token] = []
    for token in [*body, Token("other", ".")]:
        if token.text == ".":
            if current:
                if len(current) != 3:
                    return [[]]
                patterns.append(current)
            subject = predicate = None
            current = []
        elif token.text == ";":
            if len(current) != 3:
                return [[]]
            patterns.append(current)
            subject, predicate, current = current[0], None, [current[0]]
        elif token.text == ",":
            if len(current) != 3:
                return [[]]
            patterns.append(current)
            subject, predicate = current[0], current[1]
            current = [subject, predicate]
        else:
            current.append(token)
    del subject, predicate
    return patterns
