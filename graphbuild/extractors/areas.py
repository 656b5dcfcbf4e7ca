"""Spend, contract counts and provider counts by service area and department."""

from __future__ import annotations

from graphbuild.facts import AreaFigure
from graphbuild.parsing.sections import Block
from graphbuild.readers.document import Document


def extract_areas(doc: Document, blocks: list[Block]) -> list[AreaFigure]:
    return []
