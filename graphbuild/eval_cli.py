"""`carekg eval`: extraction scored against gold annotations, from the command line.

Kept out of graphbuild/cli.py so that file stays small; cli.py registers it at
its end. The scoring itself is graphbuild.evaluate.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from graphbuild.cli import _stdout_console
from graphbuild.errors import one_line


@click.command(name="eval")
@click.option(
    "--docs",
    "docs_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of FOI responses.",
)
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path),
    help="Folder of gold annotations (GOLD_SCHEMA JSON, one per document).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option("--summary", is_flag=True, help="Only the scores, not the misses and inventions.")
def eval_command(docs_dir: Path, gold_dir: Path, fmt: str, summary: bool) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per fact type.

    Lists every missed gold fact and every invented fact with the quote it came
    from. No store is touched.
    """
    from graphbuild.evaluate import evaluate

    report = evaluate(docs_dir, gold_dir)
    for failure in report.failures:
        click.echo(f"error: {one_line(failure)}", err=True)
    if fmt == "json":
        click.echo(json.dumps(_eval_json(report, summary), indent=2, ensure_ascii=False))
        return
    table = Table("facts", "precision", "recall", "F1", "matched", "expected", "given")
    for score in [*report.scores, report.overall]:
        table.add_row(
            score.name,
            f"{score.precision:.2f}",
            f"{score.recall:.2f}",
            f"{score.f1:.2f}",
            str(score.hits),
            str(score.expected),
            str(score.given),
        )
    _stdout_console().print(table)
    if summary:
        return
    for score in report.scores:
        for row in score.missing:
            click.echo(f"missed    {score.name}: {_eval_row(row)}")
        for row in score.extra:
            click.echo(f'invented  {score.name}: {_eval_row(row)}  <- "{row.get("quote", "")}"')


def _eval_row(row: dict) -> str:
    return "; ".join(f"{k}={v}" for k, v in row.items() if v and k != "quote")


def _eval_json(report: Any, summary: bool) -> dict:
    def one(score: Any) -> dict:
        out = {
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
            "matched": score.hits,
            "expected": score.expected,
            "given": score.given,
        }
        if not summary:
            out["missed"], out["invented"] = score.missing, score.extra
        return out

    return {
        "overall": one(report.overall),
        "types": {s.name: one(s) for s in report.scores},
        "failures": report.failures,
    }
