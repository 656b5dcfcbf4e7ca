"""`carekg eval`: extracted facts against gold annotations, type by type.

Gold files follow GOLD_SCHEMA (one JSON per document, facts as a careful
analyst states them). Both sides are turned into flat rows and matched with
the rules in graphbuild.scoring, so the figures here mean what the competency
scores mean. Every miss is listed with the gold row; every invention with the
quote it was extracted from, which is what a developer needs to fix it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from graphbuild.corpus import PublisherHints
from graphbuild.errors import CarekgError, DocumentError
from graphbuild.facts import DocumentFacts
from graphbuild.pipeline import process_document
from graphbuild.scoring import CQ_SPEC, Score, match_rows, total

SPEC: dict[str, tuple[list[str], list[str]]] = {
    "source": (["document"], ["council", "title", "reference", "date"]),
    "organisations": (["organisation"], ["role", "aliases"]),
    "frameworks": (["document", "framework"], ["service", "start", "end", "maxEnd"]),
    "lots": (["document", "framework", "lot"], ["title", "value", "valuePeriod"]),
    "memberships": (["document", "framework", "lot", "provider"], []),
    "contracts": (["document", "provider", "value"], CQ_SPEC["cq05"][1]),
    "areas": (["document", "area"], CQ_SPEC["cq06"][1]),
    "prices": (["document", "unit"], ["service", "minPrice", "maxPrice", "avgPrice"]),
    "statistics": (["document", "value", "unit"], ["measure", "date", "group", "department"]),
    "refusals": (["document", "basis"], ["question"]),
}


def _s(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))
    return str(value)


def gold_rows(gold: dict) -> dict[str, list[dict]]:
    """The gold annotation of one document as rows per fact type."""
    doc, source = gold["doc"], gold.get("source", {})
    rows: dict[str, list[dict]] = {kind: [] for kind in SPEC}
    rows["source"].append(
        {
            "document": doc,
            "council": _s(source.get("publisher")),
            "title": _s(source.get("title")),
            "reference": _s(source.get("reference")),
            "date": _s(source.get("date")),
        }
    )
    for org in gold.get("organisations", []):
        if org.get("roles") == ["regulator"]:
            continue  # named only in appeal boilerplate, which carekg does not read
        rows["organisations"].append(
            {
                "organisation": org["name"],
                "role": " | ".join(org["roles"]),
                "aliases": " | ".join(org.get("aliases", [])),
            }
        )
    for fw in gold.get("frameworks", []):
        rows["frameworks"].append(
            {
                "document": doc,
                "framework": _s(fw.get("name")),
                "service": _s(fw.get("service")),
                "start": _s(fw.get("start")),
                "end": _s(fw.get("end")),
                "maxEnd": _s(fw.get("max_end")),
            }
        )
        for lot in fw.get("lots", []):
            rows["lots"].append(
                {
                    "document": doc,
                    "framework": _s(fw.get("name")),
                    "lot": _s(lot["number"]),
                    "title": _s(lot.get("title")),
                    "value": _s(lot.get("estimated_value_gbp")),
                    "valuePeriod": _s(lot.get("value_period")),
                }
            )
            rows["memberships"] += [
                {
                    "document": doc,
                    "framework": _s(fw.get("name")),
                    "lot": _s(lot["number"]),
                    "provider": p,
                }
                for p in lot.get("providers", [])
            ]
    for contract in gold.get("contracts", []):
        if not contract.get("providers") and contract.get("value_gbp") is None:
            continue
        for provider in contract.get("providers") or [""]:
            rows["contracts"].append(
                {
                    "document": doc,
                    "provider": provider,
                    "value": _s(contract.get("value_gbp")),
                    "contract": _s(contract.get("title")),
                    "valuePeriod": _s(contract.get("value_period")),
                    "termMonths": _s(contract.get("term_months")),
                    "extensionMonths": _s(contract.get("extension_months")),
                    "start": _s(contract.get("start")),
                    "end": _s(contract.get("end")),
                    "serviceUsers": _s(contract.get("service_users")),
                }
            )
    for area in gold.get("service_areas", []):
        rows["areas"].append(
            {
                "document": doc,
                "area": area["name"],
                "department": _s(area.get("department")),
                "value": _s(area.get("value_gbp")),
                "valuePeriod": _s(area.get("value_period")),
                "activeContracts": _s(area.get("active_contracts")),
                "providersOnFramework": _s(area.get("providers_on_framework")),
                "activeProviders": _s(area.get("active_providers")),
            }
        )
    prices = list(gold.get("prices", []))
    prices += [
        p
        for fw in gold.get("frameworks", [])
        for lot in fw.get("lots", [])
        for p in lot.get("prices", [])
    ]
    for price in prices:
        rows["prices"].append(
            {
                "document": doc,
                "unit": _s(price.get("unit")),
                "service": _s(price.get("service")),
                "minPrice": _s(price.get("min_gbp")),
                "maxPrice": _s(price.get("max_gbp")),
                "avgPrice": _s(price.get("avg_gbp")),
            }
        )
    for stat in gold.get("statistics", []):
        rows["statistics"].append(
            {
                "document": doc,
                "value": _s(stat["value"]),
                "unit": _s(stat.get("unit")),
                "measure": stat["measure"],
                "date": _s(stat.get("date")),
                "group": _s(stat.get("group")),
                "department": _s(stat.get("department")),
            }
        )
    for refusal in gold.get("refusals", []):
        rows["refusals"].append(
            {
                "document": doc,
                "basis": _s(refusal.get("basis")),
                "question": _s(refusal.get("question")),
            }
        )
    return rows


def fact_rows(facts: DocumentFacts) -> dict[str, list[dict]]:
    """What carekg extracted from one document, as the same rows (plus each fact's quote)."""
    doc, source = facts.document, facts.source
    rows: dict[str, list[dict]] = {kind: [] for kind in SPEC}
    rows["source"].append(
        {
            "document": doc,
            "council": _s(source.council),
            "title": _s(source.title),
            "reference": _s(source.reference),
            "date": _s(source.date),
            "quote": "",
        }
    )
    for org in facts.organisations:
        rows["organisations"].append(
            {
                "organisation": org.name,
                "role": org.role,
                "aliases": " | ".join(org.aliases),
                "quote": org.evidence.quote,
            }
        )
    for fw in facts.frameworks:
        rows["frameworks"].append(
            {
                "document": doc,
                "framework": fw.name,
                "service": _s(fw.service),
                "start": _s(fw.start),
                "end": _s(fw.end),
                "maxEnd": _s(fw.max_end),
                "quote": fw.evidence.quote,
            }
        )
        for lot in fw.lots:
            rows["lots"].append(
                {
                    "document": doc,
                    "framework": fw.name,
                    "lot": lot.number,
                    "title": _s(lot.title),
                    "value": _s(lot.value.amount if lot.value else None),
                    "valuePeriod": _s(lot.value.period if lot.value else None),
                    "quote": lot.evidence.quote,
                }
            )
            rows["memberships"] += [
                {
                    "document": doc,
                    "framework": fw.name,
                    "lot": lot.number,
                    "provider": m.provider,
                    "quote": m.evidence.quote,
                }
                for m in lot.members
            ]
            rows["prices"] += [_price(doc, p) for p in lot.prices]
    for contract in facts.contracts:
        for provider in contract.providers or [""]:
            rows["contracts"].append(
                {
                    "document": doc,
                    "provider": provider,
                    "contract": contract.title,
                    "value": _s(contract.value.amount if contract.value else None),
                    "valuePeriod": _s(contract.value.period if contract.value else None),
                    "termMonths": _s(contract.term_months),
                    "extensionMonths": _s(contract.extension_months),
                    "start": _s(contract.start),
                    "end": _s(contract.end),
                    "serviceUsers": _s(contract.service_users),
                    "quote": contract.evidence.quote,
                }
            )
    for area in facts.areas:
        rows["areas"].append(
            {
                "document": doc,
                "area": area.area,
                "department": _s(area.department),
                "value": _s(area.value.amount if area.value else None),
                "valuePeriod": _s(area.value.period if area.value else None),
                "activeContracts": _s(area.active_contracts),
                "providersOnFramework": _s(area.providers_on_framework),
                "activeProviders": _s(area.active_providers),
                "quote": area.evidence.quote,
            }
        )
    rows["prices"] += [_price(doc, p) for p in facts.prices]
    for stat in facts.statistics:
        rows["statistics"].append(
            {
                "document": doc,
                "value": _s(stat.value),
                "unit": stat.unit,
                "measure": stat.measure,
                "date": _s(stat.date),
                "group": _s(stat.group),
                "department": _s(stat.department),
                "quote": stat.evidence.quote,
            }
        )
    for refusal in facts.refusals:
        rows["refusals"].append(
            {
                "document": doc,
                "basis": refusal.basis,
                "question": refusal.question,
                "quote": refusal.evidence.quote,
            }
        )
    return rows


def _price(doc: str, price) -> dict:
    return {
        "document": doc,
        "unit": price.unit,
        "service": _s(price.service),
        "minPrice": _s(price.minimum),
        "maxPrice": _s(price.maximum),
        "avgPrice": _s(price.average),
        "quote": price.evidence.quote,
    }


@dataclass
class EvalReport:
    scores: list[Score]
    overall: Score
    failures: list[str]


def evaluate(docs_dir: Path, gold_dir: Path) -> EvalReport:
    """Extract every document that has a gold file and score it, fact type by fact type."""
    if not docs_dir.is_dir() or not gold_dir.is_dir():
        raise CarekgError(
            f"eval: {docs_dir if not docs_dir.is_dir() else gold_dir} is not a folder"
        )
    golds = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            golds[gold["doc"]] = gold
        except (ValueError, KeyError) as exc:
            raise CarekgError(f"eval: {path.name}: not a gold file ({exc})") from None
    paths = [docs_dir / name for name in golds if (docs_dir / name).is_file()]
    if not paths:
        raise CarekgError(f"eval: no document in {docs_dir} has a gold file in {gold_dir}")
    hints = PublisherHints.from_paths(paths)
    expected: dict[str, list[dict]] = {kind: [] for kind in SPEC}
    got: dict[str, list[dict]] = {kind: [] for kind in SPEC}
    failures = []
    for path in paths:
        for kind, rows in gold_rows(golds[path.name]).items():
            expected[kind] += rows
        try:
            facts = process_document(path, hints=hints).extracted
        except DocumentError as exc:
            failures.append(str(exc))
            continue
        for kind, rows in fact_rows(facts).items():
            got[kind] += rows
    scores = [match_rows(kind, *SPEC[kind], expected[kind], got[kind]) for kind in SPEC]
    return EvalReport(scores, total(scores), failures)
