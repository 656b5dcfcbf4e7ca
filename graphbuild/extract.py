"""Run every extractor over one Document and gather their facts.

The extractors are independent pure functions; this module is the only place
that knows their order and joins their outputs (providers found on lots and
in contracts become organisations with the provider role).
"""

from __future__ import annotations

from graphbuild.extractors.areas import extract_areas
from graphbuild.extractors.contracts import extract_contracts
from graphbuild.extractors.frameworks import extract_frameworks
from graphbuild.extractors.organisations import extract_other_organisations
from graphbuild.extractors.prices import extract_prices
from graphbuild.extractors.providers import extract_listed_providers
from graphbuild.extractors.refusals import extract_refusals
from graphbuild.extractors.source import extract_source
from graphbuild.extractors.statistics import extract_statistics
from graphbuild.extractors.tables import extract_table_figures
from graphbuild.facts import DocumentFacts, Evidence, Organisation, QuestionBlock
from graphbuild.identity import name_key
from graphbuild.parsing.questions import document_department
from graphbuild.parsing.sections import Block, segment
from graphbuild.parsing.spans import lines_span, lines_touching, span
from graphbuild.readers.document import Document
from graphbuild.resolution import identifiers_in


def _questions(doc: Document, blocks: list[Block]) -> list[QuestionBlock]:
    """One question per number; follow-up questions under the same number join it."""
    found: dict[str, QuestionBlock] = {}
    for block in blocks:
        if not block.question or not block.number:
            continue
        answer = [ln for ln in block.answer if not ln.blank]
        answer_text = "\n".join(ln.content for ln in answer)
        if block.number in found:
            earlier = found[block.number]
            earlier.question = f"{earlier.question} {block.question_text}"
            earlier.answer = "\n".join(t for t in (earlier.answer, answer_text) if t)
            earlier.answer_end = answer[-1].end if answer else earlier.answer_end
            continue
        found[block.number] = QuestionBlock(
            block.number,
            block.question_text,
            answer_text,
            lines_span(doc, block.question),
            answer[0].start if answer else 0,
            answer[-1].end if answer else 0,
        )
    return list(found.values())


def _providers(facts: DocumentFacts) -> list[Organisation]:
    """One organisation per provider, keeping every other spelling and trading name as alias."""
    by_key: dict[str, Organisation] = {}
    members = [m for fw in facts.frameworks for lot in fw.lots for m in lot.members]
    members += [m for fw in facts.frameworks for m in fw.providers] + facts.listed_providers
    for member in members:
        org = by_key.setdefault(
            name_key(member.provider), Organisation(member.provider, "provider", member.evidence)
        )
        spellings = [*member.aliases, member.provider]
        org.aliases += [a for a in spellings if a != org.name and a not in org.aliases]
    for contract in facts.contracts:
        for name in contract.providers:
            by_key.setdefault(name_key(name), Organisation(name, "provider", contract.evidence))
    for org in by_key.values():
        org.identifiers = identifiers_in(org.evidence.quote)
    return list(by_key.values())


def _partners(facts: DocumentFacts) -> list[Organisation]:
    found: dict[str, Organisation] = {}
    for framework in facts.frameworks:
        for partner in framework.partners:
            found.setdefault(partner, Organisation(partner, "co-commissioner", framework.evidence))
    return list(found.values())


def _lot_spans(facts: DocumentFacts) -> list[Evidence]:
    """Where the framework extractor read lots and their prices."""
    spans = [p.evidence for fw in facts.frameworks for lot in fw.lots for p in lot.prices]
    return spans + [lot.evidence for fw in facts.frameworks for lot in fw.lots]


def extract(doc: Document) -> DocumentFacts:
    """All facts of one document, each with evidence into doc.text."""
    blocks = segment(doc)
    source = extract_source(doc)
    facts = DocumentFacts(doc.name, doc.text, source, questions=_questions(doc, blocks))
    facts.frameworks, warnings = extract_frameworks(doc, blocks, source.title)
    facts.listed_providers = extract_listed_providers(doc, blocks)
    lot_spans = _lot_spans(facts)
    facts.warnings.extend(warnings)
    listed = list(dict.fromkeys(m.provider for m in facts.listed_providers))
    facts.contracts = extract_contracts(doc, blocks, listed, source.title)
    table_stats, table_areas = extract_table_figures(doc, blocks)
    department = document_department(blocks)
    facts.areas = extract_areas(doc, blocks, source.title, department) + table_areas
    members = [m.evidence for fw in facts.frameworks for lot in fw.lots for m in lot.members]
    tables = [span(doc, table.start, table.end) for table in doc.tables]
    read = lines_touching(doc, lot_spans + members + tables)
    facts.statistics = extract_statistics(doc, blocks, facts, read) + table_stats
    facts.prices = extract_prices(doc, blocks, source.title, lines_touching(doc, lot_spans))
    facts.refusals = extract_refusals(doc, blocks)
    facts.organisations = _providers(facts) + _partners(facts)
    known = {org.name for org in facts.organisations}
    known |= {alias for org in facts.organisations for alias in org.aliases}
    facts.organisations += extract_other_organisations(doc, blocks, source.council, known)
    return facts
