"""How a letter names its contracts: in the question, or in the sentence introducing them.

"What is the value of your home care contracts?" names "home care contracts";
"The council holds the following block contracts for older people's care:" names
"block contracts for older people's care". Determiners, counts and verbs before
"contracts" are not part of the name.
"""

from __future__ import annotations

import re

from graphbuild.parsing.spans import clean

_TITLE = re.compile(
    r"(?i)\b(?P<t>(?:(?!(?:of|the|and|for|to|in|on|with|by|dates?|many|has|have|your|our)\b)"
    r"[a-z&/()-]+\s+){1,5}contracts?)\b"
)
_TITLE_NOISE = re.compile(
    r"(?i)^(?:how many|what|when|which|the|your|does|do|is|are|of|has|have)\s+"
)


def question_title(question: str) -> str | None:
    """The most descriptive 'X contract' phrase a question uses."""
    titles = []
    for match in _TITLE.finditer(question):
        title = match.group("t")
        while _TITLE_NOISE.match(title):
            title = _TITLE_NOISE.sub("", title)
        if len(title.split()) > 1:
            titles.append(clean(title))
    return max(titles, key=lambda t: len(t.split()), default=None)


_NOT_TITLE = {
    "the", "following", "these", "those", "our", "its", "all", "any", "has", "have", "had",
    "holds", "hold", "held", "we", "council", "are", "is", "were", "was", "of", "with", "a",
    "an", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "answer",
}  # fmt: skip


def intro_title(text: str) -> str | None:
    """'The council holds the following block contracts for X.' -> 'block contracts for X'."""
    match = re.search(r"(?i)\bcontracts?\b", text)
    if not match:
        return None
    kept: list[str] = []
    for word in reversed(re.findall(r"[\w'’-]+", text[: match.start()])[-4:]):
        if word.lower() in _NOT_TITLE or word[0].isdigit():
            break
        kept.insert(0, word)
    after = re.match(r"\s+((?:for|of)\s+[^.:;()\n]{3,80})", text[match.end() :])
    if not kept and not after:
        return None
    return clean(" ".join([*kept, match.group(0)] + ([after.group(1)] if after else [])))


_TOPIC = re.compile(
    r"(?i)^\W*(?:\d+[.)]?\s*)?(?:how many|what (?:is|are|was|were) (?:the )?(?:number of )?|"
    r"which|please (?:provide|list|give|tell me) (?:the )?)\s*(?P<t>[a-z][a-z' -]{3,60}?)\s+"
    r"(?:does|do|did|is|are|was|were|has|have|in|for|by)\b"
)


def question_topic(question: str) -> str | None:
    """'How many respite beds does the Trust fund?' -> 'respite beds'.

    Names what a bare "the block contract with X" in the answer is for.
    """
    match = _TOPIC.match(question)
    return clean(match.group("t")) if match else None
