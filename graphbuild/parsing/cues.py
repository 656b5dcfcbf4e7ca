"""Who an answer says delivers a service, read from the words around a name.

Letters name providers in running prose: "the contract is held by X Ltd", "was
awarded to X CIC", "is delivered by X", "the block contract with X", "X holds the
contract". A negation turns the cue round ("X does not hold any contract", "X is
not on the approved provider list", "we do not contract with X"): X is named, but
is no provider. Sentences that restate the request ("You asked for ...", "your
request mentions X") name bodies only as context, so callers skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.parsing.names import (
    COMPANY_END,
    ORG_END,
    looks_like_organisation,
    parse_name,
    split_list,
)

_WORD = r"[A-Z][\w'’&.-]*|\([A-Z][\w'’&. -]*\)"
NAME = rf"(?:[0-9]*{_WORD})(?:\s+(?:(?:of|and|&|for|de|at|on|the)\s+)?(?:{_WORD}))*"
BEFORE = re.compile(
    r"\b(?:(?:provided|delivered|held|run|operated|supplied|managed)\s+by|"
    r"(?:awarded|let|granted|transferred|novated)\s+to|"
    r"[Cc]ontract(?:s|ed)?(?:\s+\([^)]{1,40}\))?\s+(?:is\s+|are\s+|was\s+)?with|"
    r"(?:[Pp]lacements?|[Pp]ackages?)\s+(?:were|are|have\s+been)\s+(?:made|placed|arranged)\s+with|"
    r"(?:commissioned|purchased|procured|bought)\s+from|"
    r"(?:provider|contractor|supplier)\s+(?:is|was))\s+"
    rf"(?P<name>{NAME})"
)
FOLLOWS = re.compile(rf"\s+and\s+(?:\d[\d,]*\s+)?(?:[a-z]+\s+)?by\s+(?P<name>{NAME})")
AFTER = re.compile(
    rf"(?P<name>{NAME})\s+(?:"
    r"(?P<yes>(?:holds|held|has held|hold)\s+(?:the|this|that|a|an)\s+(?:[\w'’-]+\s+){0,3}"
    r"contract|(?:is|was|are|were)\s+(?:the|our)\s+(?:[\w'’-]+\s+){0,2}"
    r"(?:provider|contractor|supplier)s?\b)|"
    r"(?P<no>(?:does|did|do)\s+not\s+(?:hold|have|provide|deliver)\b|"
    r"(?:is|are|was|were)\s+not\s+(?:on|used|commissioned|contracted|a provider|one of)\b))"
)
GONE = re.compile(  # a provider that failed was one: "X, went into administration in May"
    rf"(?P<name>{NAME}),?\s+(?:has\s+|had\s+)?(?:went|gone|entered|fell)\s+into\s+"
    r"(?:administration|liquidation|receivership)|"
    rf"(?P<ceased>{NAME}),?\s+(?:has\s+|had\s+)?ceased\s+trading"
)
ALIAS = r"(?:\s*\((?:trading as|t/a|also known as)\s[^()]{1,60}\))?"
LIST = re.compile(  # "A Ltd (trading as B), C Limited and D CIC": the names a cue reaches over
    rf"{NAME}{ALIAS}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){NAME}{ALIAS})*"
)
SERVICE_WORD = re.compile(r"(?i)\b(?:contract|service|care|support|provi|commission)")
NEGATION = re.compile(r"(?i)\b(?:not|never|no longer|nor)\b|n't\b")
_DETERMINER = re.compile(r"^(?:The|This|That|These|Our|Your|Their|Its|Each|All|A|An)\s+")
_NOT_PROVIDER = re.compile(  # bodies of government, not firms: they commission, not provide
    r"(?i)\b(?:council|department|directorate|team|act|regulations?|section|government|"
    r"ministry|commissioner|office|unit|county|borough|freedom|authority)\b"
)


@dataclass(frozen=True)
class Mention:
    """A name an answer ties to delivering a service; `negated` when it says it does not."""

    name: str
    start: int
    end: int
    negated: bool
    aliases: tuple[str, ...] = ()


def _clean(text: str, start: int) -> tuple[str, int] | None:
    name = text.rstrip(" .,;:")
    lead = _DETERMINER.match(name)
    if lead:
        name, start = name[lead.end() :], start + lead.end()
    words = name.split()
    if not words or not words[0][0].isupper() or _NOT_PROVIDER.search(name):
        return None
    if len(words) < 2 and not ORG_END.search(name):
        return None
    return name, start


def _listed(sentence: str, at: int) -> list[tuple[str, int, list[str]]] | None:
    """The names of a list starting at `at`, with aliases, when it lists two or more names.

    Every item must read as a name and at least half end in a legal or organisation
    word, so "by A Ltd and the council" or a title-cased phrase is no list.
    """
    listed = LIST.match(sentence, at)
    if listed is None:
        return None
    text = listed.group(0)
    items = []
    for begin, end in split_list(text):
        parsed = parse_name(text[begin:end])
        if not parsed.name or not looks_like_organisation(parsed.name):
            return None
        items.append((parsed.name, at + begin + text[begin:end].find(parsed.name), parsed.aliases))
    ending = sum(bool(ORG_END.search(name)) for name, _, _ in items)
    if len(items) < 2 or ending * 2 < len(items):
        return None
    return items


def _operated_by_company(match: re.Match) -> bool:
    """'Larch House (16 beds), operated by X LLP': a home run by a company is its provider,
    even where the sentence has no service word. Records are 'held', never 'operated'."""
    return bool(
        re.match(r"(?i)(?:run|operated|managed)\b", match.group(0))
        and COMPANY_END.search(match.group("name").rstrip(" .,;:"))
    )


def provider_mentions(sentence: str, base: int = 0) -> list[Mention]:
    """Names a sentence cues as providers (or, negated, as not providers), with offsets."""
    found: dict[str, Mention] = {}

    def put(text: str, at: int, negated: bool, aliases: list[str]) -> None:
        cleaned = _clean(text, at)
        if cleaned and cleaned[0] not in found:
            name, start = cleaned
            found[name] = Mention(
                name, base + start, base + start + len(name), negated, tuple(aliases)
            )

    def add(match: re.Match, negated: bool, group: str = "name") -> None:
        items = _listed(sentence, match.start(group))
        if items is None:
            single = LIST.match(sentence, match.start(group))
            aliases = parse_name(single.group(0)).aliases if single else []
            put(match.group(group), match.start(group), negated, aliases)
            return
        for name, at, aliases in items:
            put(name, at, negated, aliases)

    for match in BEFORE.finditer(sentence):
        if (
            re.match(r"(?i)(?:held|run|operated|managed)\b", match.group(0))
            and not SERVICE_WORD.search(sentence[: match.start()])
            and not _operated_by_company(match)
        ):
            continue  # "the information is held by X" is about records, not care
        clause = re.split(r"[,;:]", sentence[: match.start()])[-1]
        add(match, bool(NEGATION.search(clause)))
        tail = FOLLOWS.match(sentence, match.end())  # "by A Ltd and 12 by B Limited"
        if tail is not None:
            add(tail, bool(NEGATION.search(clause)))
    for match in AFTER.finditer(sentence):
        add(match, bool(match.group("no")))
    for match in GONE.finditer(sentence):
        add(match, False, "name" if match.group("name") else "ceased")
    return sorted(found.values(), key=lambda m: m.start)
