"""Choosing a response format from an Accept header (with q-values) or a `format` name.

A small parser of our own rather than werkzeug's MIMEAccept, so the core
stays free of web frameworks and the rules are spelt out here: the most
specific media range that matches a format gives its quality (RFC 9110
12.5.1), q=0 means "not this", and ties go to the server's order below.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.core.errors import NotAcceptable, QueryRefused


@dataclass(frozen=True)
class Format:
    name: str
    mimetype: str
    aliases: tuple[str, ...] = ()


# Server preference order: the first is the default when the client does not say.
# RDF/XML takes no application/xml alias: browsers send that at q=0.9 and
# should get Turtle (via */*) rather than RDF/XML for a graph.
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    Format("ttl", "text/turtle", ("application/x-turtle",)),
    Format("nt", "application/n-triples", ("text/plain",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("rdfxml", "application/rdf+xml"),
)
FORMATS_BY_KIND = {"results": RESULT_FORMATS, "graph": GRAPH_FORMATS}


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, mimetype: str) -> bool:
        kind, _, sub = mimetype.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


def choose_format(
    kind: str, accept_header: str | None, format_param: str | None
) -> tuple[str, str]:
    """(format name, mimetype) for `kind` ("results" or "graph").

    `format_param` (for browsers, which cannot set Accept) wins over the header.
    """
    formats = FORMATS_BY_KIND[kind]
    if format_param:
        return _by_name(formats, format_param.strip().lower())
    if not accept_header or not accept_header.strip():
        return formats[0].name, formats[0].mimetype
    ranges = parse_accept(accept_header)
    best: tuple[tuple[float, bool, int], Format] | None = None
    for rank, fmt in enumerate(formats):
        for mimetype in (fmt.mimetype, *fmt.aliases):
            # at equal q, a format's own media type beats an alias (text/* -> csv, not xml)
            key = (quality(ranges, mimetype), mimetype == fmt.mimetype, -rank)
            if key[0] > 0 and (best is None or key > best[0]):
                best = (key, fmt)
    if best is None:
        offered = ", ".join(f.mimetype for f in formats)
        raise NotAcceptable(f"no acceptable format; this answer can be {offered}")
    return best[1].name, best[1].mimetype


def parse_accept(header: str) -> list[MediaRange]:
    """Media ranges of an Accept header; malformed entries are skipped, bad q counts as 1."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        kind, slash, sub = media.partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        ranges.append(MediaRange(kind, sub, _q(fields[1:])))
    return ranges


def quality(ranges: list[MediaRange], mimetype: str) -> float:
    """The q of the most specific range matching `mimetype` (0 if none matches)."""
    matching = [r for r in ranges if r.matches(mimetype)]
    if not matching:
        return 0.0
    top = max(r.specificity for r in matching)
    return max(r.q for r in matching if r.specificity == top)


def _q(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value.strip())
            except ValueError:
                return 1.0
            return min(max(q, 0.0), 1.0)
    return 1.0


def _by_name(formats: tuple[Format, ...], name: str) -> tuple[str, str]:
    aliases = (
        {"xml": "rdfxml", "turtle": "ttl", "json": "jsonld"} if formats is GRAPH_FORMATS else {}
    )
    name = aliases.get(name, name) if name not in {f.name for f in formats} else name
    for fmt in formats:
        if fmt.name == name:
            return fmt.name, fmt.mimetype
    known = ", ".join(f.name for f in formats)
    if name in {f.name for group in FORMATS_BY_KIND.values() for f in group} | {"turtle"}:
        raise NotAcceptable(f"format={name} does not fit this answer; use one of {known}")
    raise QueryRefused(f"unknown format {name!r}; use one of {known}")
