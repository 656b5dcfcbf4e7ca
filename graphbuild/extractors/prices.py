"""Unit prices reported outside lots (weekly, hourly, nightly)."""

from __future__ import annotations

from graphbuild.facts import PriceRange
from graphbuild.parsing.sections import Block
from graphbuild.readers.document import Document


def extract_prices(doc: Document, blocks: list[Block], title: str | None) -> list[PriceRange]:
    return []
