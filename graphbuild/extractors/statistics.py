"""Statistics: people, hours, FTE, vacancies, placements and percentages."""

from __future__ import annotations

from graphbuild.facts import DocumentFacts, Statistic
from graphbuild.parsing.sections import Block
from graphbuild.readers.document import Document


def extract_statistics(doc: Document, blocks: list[Block], facts: DocumentFacts) -> list[Statistic]:
    return []
