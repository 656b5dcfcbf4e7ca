"""How provider names compare: the "same as" form and the similarity score.

Kept apart from graphbuild/resolution.py, which decides merges, because these
are facts about names alone, whatever is known so far: which names Companies
House treats as the same, which words say nothing about identity, and how
alike two names are once those words are set aside. The registry's rules and
thresholds are built on them.

Pure: no rdflib, no I/O. rapidfuzz scores the near misses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from graphbuild.identity import name_key

EXTENSION_SCORE = 0.90
"""Score for a name that is another name plus trailing words ("Caring Hands" v
"Caring Hands Home Care", "Home Instead" v "Home Instead Senior Care (Derby)").

These are often one brand and a company, franchisee or subsidiary using it, but
as often two companies; never a merge. 0.90 ranks them above ordinary near
misses and below single-letter typos of long names (0.93 and up).
"""

_GENERIC = (
    "and of for the at in on care carer carers caring home homes homecare health healthcare "
    "support supported supporting service services living community social domiciliary "
    "nursing residential agency solutions senior personal independent"
)
GENERIC_WORDS = frozenset(_GENERIC.split())
"""Words so common in provider names that sharing them says nothing about identity."""

NATIONAL_QUALIFIERS = (("united", "kingdom"), ("great", "britain"), ("uk",), ("gb",))
"""Trailing words Companies House disregards when comparing names ("X (UK) Ltd" is
"X Ltd"). "Group", "Holdings", "Services", "International" have not been
disregarded since 2015, and places ("(Derby)") mark franchisees: both stay."""

_NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve"
NUMBER_WORDS = {word: str(i) for i, word in enumerate(_NUMBERS.split())}
SPOKEN = {"u": "you", "4": "for", "2": "to", "n": "and"}
"""Text-speak read aloud, for scoring only ("Care 4 U" v "Care4You" is a candidate):
Companies House does not treat these as the same, so they never merge."""

_DESIGNATOR = re.compile(
    r"\b(?:limited|ltd|plc|llp|cic|cyfyngedig|cyf|community interest company|"
    r"limited liability partnership|public limited company)\.?\s*$",
    re.I,
)


@lru_cache(maxsize=65536)
def match_tokens(name: str) -> tuple[str, ...]:
    """`name_key` words, made comparable: letters and digits apart, "A.B.C." one word,
    number words as digits, a trailing national qualifier dropped."""
    words = re.findall(r"[a-z]+|[0-9]+", name_key(name))
    words = [NUMBER_WORDS.get(w, w) for w in _join_initials(words)]
    return _drop_national(words)


def _join_initials(words: list[str]) -> list[str]:
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        out += ["".join(run)] if len(run) > 1 else run
        run = []
        if word:
            out.append(word)
    return out


def _drop_national(words: list[str]) -> tuple[str, ...]:
    for qualifier in NATIONAL_QUALIFIERS:
        rest = words[: -len(qualifier)]
        if tuple(words[-len(qualifier) :]) == qualifier and distinctive(rest):
            return tuple(rest)
    return tuple(words)


def distinctive(words: Iterable[str]) -> list[str]:
    """The words that can tell one provider from another (not "care", "home", ...)."""
    return [w for w in words if w not in GENERIC_WORDS]


@lru_cache(maxsize=65536)
def same_as_key(name: str) -> str:
    """Names equal here are the "same as" each other in the Companies House sense."""
    return "".join(match_tokens(name))


@lru_cache(maxsize=65536)
def is_registered_name(name: str) -> bool:
    """Ends in a legal designator (Ltd, Limited, plc, LLP, CIC): a company's registered name."""
    return bool(_DESIGNATOR.search(name.strip().rstrip(".,;")))


def similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """0-1: how alike two names' tokens are, generic words they share set aside."""
    if not a or not b:
        return 0.0
    a, b = tuple(SPOKEN.get(w, w) for w in a), tuple(SPOKEN.get(w, w) for w in b)
    extension = EXTENSION_SCORE if _extends(a, b) or _extends(b, a) else 0.0
    shared = set(a) & set(b) & GENERIC_WORDS
    left, right = [w for w in a if w not in shared], [w for w in b if w not in shared]
    if not left and not right:
        left, right = list(a), list(b)
    x, y = " ".join(left), " ".join(right)
    edit = max(
        fuzz.ratio(x, y),
        fuzz.token_sort_ratio(x, y),
        fuzz.ratio(x.replace(" ", ""), y.replace(" ", "")),
    )
    return round(max(edit / 100, extension), 3)


def _extends(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return len(short) < len(long) and long[: len(short)] == short and bool(distinctive(short))
