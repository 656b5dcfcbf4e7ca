"""Numbers as FOI letters write them: 2,350; 12.5fte; 'seventy-two'; 'two hundred and fifty-six'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text_to_num import text2num

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ["hundred", "thousand"]
_WORD = r"(?:" + "|".join(_TENS + _UNITS + _SCALES) + r")"
WORD_NUMBER = re.compile(rf"\b{_WORD}(?:(?:[\s-]|\s+and\s+){_WORD})*\b", re.IGNORECASE)
DIGITS = re.compile(r"(?<![\w.,/£])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d/]|\.\d|,\d{3})")


@dataclass(frozen=True)
class NumberMatch:
    value: Decimal
    start: int
    end: int
    words: bool = False


def words_to_int(words: str) -> int | None:
    try:
        return int(text2num(words.lower().replace(" and ", " "), "en"))
    except (ValueError, TypeError):
        return None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Digit and word numbers in text[start:end], in order (not money, not dates' parts)."""
    stop = len(text) if end is None else end
    found = [
        NumberMatch(Decimal((m.group(1) + (m.group(2) or "")).replace(",", "")), m.start(), m.end())
        for m in DIGITS.finditer(text, start, stop)
    ]
    for match in WORD_NUMBER.finditer(text, start, stop):
        value = words_to_int(match.group(0))
        if value is not None:
            found.append(NumberMatch(Decimal(value), match.start(), match.end(), True))
    return sorted(found, key=lambda n: n.start)
