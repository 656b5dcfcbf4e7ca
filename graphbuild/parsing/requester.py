"""Sentences in the requester's words, wherever a letter restates them.

A reply often retells the request inside its answer: "You asked for figures for
2023, when the council had N care homes", "You referred to a press article
reporting N vacancies", "I write about your request, in which you asked for the
rates paid to each of the N providers". Those figures are the requester's, not
the authority's, so they are no facts. A sentence whose subject is the requester
is blanked out (replaced by spaces, so every offset in the line still indexes the
document text) before extractors read the answer.
"""

from __future__ import annotations

import re

from graphbuild.parsing.spans import sentences
from graphbuild.readers.document import Line

_REQUESTER = re.compile(
    r"^\W*(?:(?:in|on|with|as|within|regarding)\b[^,.]{0,40},\s*)?(?:"
    r"you\s+(?:also\s+|then\s+|have\s+|had\s+)?(?:asked|referred|requested|enquired|mentioned|"
    r"quoted|cited|queried|wrote|write|stated|said|claimed)\b|"
    r"your\s+(?:original\s+)?(?:request|e-?mail|letter|enquiry)\s+(?:for|asked|sought|was for|"
    r"referred|mentioned|quoted|requested)\b)"
    r"|,\s*in which you\s+(?:have\s+)?(?:asked|requested|referred|sought)\b",
    re.IGNORECASE,
)


_MENTIONS_REQUEST = re.compile(  # the request named mid-sentence, e.g. as a source of names
    r"(?i)\b(?:you (?:have\s+)?(?:asked|requested|referred|mentioned|wanted|wished|enquired|"
    r"sought|named|listed|quote|quoted|cite|cited|wrote)|in which you|"
    r"your (?:request|email|letter|question)s?\b[^.]{0,40}?"
    r"\b(?:mentions?|names?|asked|asks|refers?|referred|for|about|regarding|concerning))"
)


_QUOTED_BY_REQUESTER = re.compile(r"(?i)\byou\s+(?:quote|quoted|cite|cited|wrote)\b")


def requester_sentence(sentence: str) -> bool:
    """Is the requester the subject ("You asked ...", "..., in which you asked for ...") or
    the source of its figure ("the figure of N carers you quote does not appear ...")?"""
    return bool(_REQUESTER.search(sentence) or _QUOTED_BY_REQUESTER.search(sentence))


def mask_requester(text: str) -> str:
    """`text` with the requester's sentences replaced by spaces (same length, line by line)."""
    out: list[str] = []
    for line in text.split("\n"):
        chars = list(line)
        for start, end in sentences(line, 0, len(line)):
            if requester_sentence(line[start:end]):
                chars[start:end] = " " * (end - start)
        out.append("".join(chars))
    return "\n".join(out)


def restates_request(sentence: str) -> bool:
    """Does the sentence retell the request anywhere ('We note that your request mentions X',
    'the providers you named')? Names in it are the requester's, not the authority's."""
    return requester_sentence(sentence) or bool(_MENTIONS_REQUEST.search(sentence))


def mask_lines(lines: list[Line]) -> list[Line]:
    """Answer lines with the requester's sentences blanked out (offsets unchanged)."""
    masked = []
    for line in lines:
        text = mask_requester(line.text)
        masked.append(
            line
            if text == line.text
            else Line(line.number, line.start, line.end, text, line.bullet)
        )
    return masked
