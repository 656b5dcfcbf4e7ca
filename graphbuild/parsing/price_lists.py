"""Prices listed as "Label £x" items after a lead-in that gives their unit.

FOI answers often give fee bands in one sentence: "the council pays the following
weekly fee bands for residential care: Band 1 £650.00, Band 2 £720.50, Band 3
£810.25". The lead-in says what the prices are and how often they are paid; each
item's label names one price, so the items are separate prices, not one range.
"""

from __future__ import annotations

import re

from graphbuild.parsing.money import MoneyMatch

# a label directly before an amount, after the list's colon, a comma or "and"
_ITEM_LABEL = re.compile(
    r"(?:^|[:;,]\s*|\band\s+|^\s*)(?P<label>[A-Z][\w'’/&-]*(?:\s+[\w'’/&()-]+){0,4}?)\s*"
    r"(?:[=:–-]\s*|at\s+)?$"
)

_SEPARATOR = re.compile(r"\s*(?:,|;|,?\s*and)\s*")


def labelled_amounts(
    text: str, amounts: list[MoneyMatch], start: int
) -> list[tuple[MoneyMatch, str]] | None:
    """Each amount with the label just before it ('Band 1 £650.00, Band 2 £720.50'), or None
    unless there are two or more amounts, every one has its own label, the labels differ,
    and only a separator lies between one amount and the next label."""
    if len(amounts) < 2:
        return None
    found = []
    for index, money in enumerate(amounts):
        begin = amounts[index - 1].stated_end if index else start
        before = text[begin : money.start]
        if index == 0:
            before = before.rsplit(":", 1)[-1] if ":" in before else ""
            before = ": " + before.lstrip()
        match = _ITEM_LABEL.search(before)
        if not match or (index and not _SEPARATOR.fullmatch(before[: match.start("label")])):
            return None
        found.append((money, " ".join(match.group("label").split())))
    labels = [label for _, label in found]
    if len(set(labels)) != len(labels):
        return None
    return found
