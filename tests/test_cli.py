"""The carekg command: each command's output, exit codes and one-line errors.

The pipeline and the validator are replaced by small fakes here, so these
tests pin the CLI's own behaviour whatever state the extractors are in.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner, Result
from rdflib.compare import isomorphic

from graphbuild.cli import cli
from graphbuild.errors import DocumentError
from graphbuild.resources import examples_dir

CKG = rdflib.Namespace("https://w3id.org/carekg/ontology#")
PROVIDERS = "PREFIX ckg: <https://w3id.org/carekg/ontology#> "


@dataclass
class FakeProcessed:
    document: str
    graph_iri: str
    graph: rdflib.Graph
    facts: int
    warnings: int


def fake_process_document(path: Path, base: str) -> FakeProcessed:
    """One Provider per document named after the file; 'BAD'/'CRASH' text fails."""
    text = path.read_text(encoding="utf-8")
    if "BAD" in text:
        raise DocumentError(f"{path.name}: the document has no text")
    if "CRASH" in text:
        raise ZeroDivisionError("division by zero")
    slug = path.stem.replace("_", "-").lower()
    g = rdflib.Graph()
    org = rdflib.URIRef(f"{base}organisation/{slug}")
    g.add((org, rdflib.RDF.type, CKG.Provider))
    g.add((org, rdflib.RDFS.label, rdflib.Literal(f'{slug}, "Ltd"')))
    if "shared" in text:
        shared = rdflib.URIRef(f"{base}organisation/shared-care")
        g.add((shared, rdflib.RDF.type, CKG.Provider))
    if "statistic" in text:
        stat = rdflib.URIRef(f"{base}statistic/{slug}/0")
        g.add((stat, rdflib.RDF.type, CKG.Statistic))
        g.add((stat, CKG.value, rdflib.Literal("58.1", datatype=rdflib.XSD.decimal)))
    return FakeProcessed(path.name, f"{base}graph/{slug}", g, facts=2, warnings=1)


@dataclass
class FakeReport:
    conforms: bool
    violations: int
    warnings: int
    lines: list[str]


def fake_validate_store(store) -> FakeReport:  # noqa: ANN001 - mirrors the real signature
    """Violates when any Statistic is present, so tests can choose the outcome."""
    bad = bool(store.query(f"{PROVIDERS} ASK {{ ?s a ckg:Statistic }}"))
    lines = ["violation: Statistic needs a date"] if bad else []
    return FakeReport(conforms=not bad, violations=int(bad), warnings=0, lines=lines)


@pytest.fixture(autouse=True)
def fakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Swap in the fake pipeline/validator and keep the default store in tmp_path."""
    pipeline = types.ModuleType("graphbuild.pipeline")
    pipeline.process_document = fake_process_document
    validate = types.ModuleType("graphbuild.validate")
    validate.validate_store = fake_validate_store
    monkeypatch.setitem(sys.modules, "graphbuild.pipeline", pipeline)
    monkeypatch.setitem(sys.modules, "graphbuild.validate", validate)
    monkeypatch.setenv("CAREKG_STORE", str(tmp_path / "default-store"))
    monkeypatch.delenv("CAREKG_BASE", raising=False)
    monkeypatch.delenv("CAREKG_DEBUG", raising=False)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def out(result: Result) -> str:
    """Stdout exactly as written (Result.stdout turns CRLF into LF)."""
    return result.stdout_bytes.decode("utf-8")


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "a_one.txt").write_text("statistic here")
    (folder / "sub" / "b_two.txt").write_text("plain")
    (folder / ".hidden.txt").write_text("BAD")
    return folder


@pytest.fixture
def built(tmp_path: Path, docs: Path) -> Path:
    store = tmp_path / "store"
    result = run("build", "--store", str(store), str(docs))
    assert result.exit_code == 0, result.stderr
    return store


def test_build_stores_each_document_and_skips_hidden_files(built: Path) -> None:
    result = run(
        "query",
        "--store",
        str(built),
        "--format",
        "csv",
        "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }",
    )
    graphs = set(out(result).split("\r\n")[1:-1])
    base = "https://w3id.org/carekg/id/graph/"
    assert {base + "a-one", base + "b-two"} <= graphs
    assert not any("hidden" in g for g in graphs)


def test_build_summary_counts(tmp_path: Path, docs: Path) -> None:
    result = run("build", "--store", str(tmp_path / "s"), str(docs))
    assert "Built 2 of 2 documents" in result.stdout
    assert "4 facts, 6 triples, 2 warnings, 0 failures" in result.stdout


def test_build_reports_bad_document_in_one_line_and_goes_on(tmp_path: Path, docs: Path) -> None:
    (docs / "c_bad.txt").write_text("BAD")
    (docs / "d_crash.txt").write_text("CRASH")
    store = tmp_path / "s"
    result = run("build", "--store", str(store), str(docs))
    assert result.exit_code == 1
    assert error_lines(result) == [
        "error: c_bad.txt: the document has no text",
        f"error: {docs / 'd_crash.txt'}: internal error (ZeroDivisionError: division by zero);"
        " set CAREKG_DEBUG=1",
    ]
    assert "Traceback" not in result.output
    assert "Built 2 of 4 documents" in result.stdout and "2 failures" in result.stdout
    count = run(
        "query",
        "--store",
        str(store),
        "--format",
        "csv",
        f"{PROVIDERS} SELECT (COUNT(*) AS ?n) {{ ?p a ckg:Provider }}",
    )
    assert out(count) == "n\r\n2\r\n"


def test_build_refuses_two_files_that_would_share_a_graph(tmp_path: Path, docs: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "a_one.txt").write_text("plain")
    store = str(tmp_path / "s")
    result = run("build", "--store", store, str(docs), str(tmp_path / "other"), str(docs))
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {tmp_path / 'other' / 'a_one.txt'}: same document IRI as "
        f"{docs / 'a_one.txt'}; rename one of them"
    ]
    assert "Built 2 of 3 documents" in result.stdout
    stat = f"{PROVIDERS} SELECT (COUNT(*) AS ?n) {{ ?s a ckg:Statistic }}"
    assert out(run("query", "--store", store, "--format", "csv", stat)) == "n\r\n1\r\n"


def test_rebuild_replaces_rather_than_duplicates(built: Path, docs: Path) -> None:
    first = run("stats", "--store", str(built)).stdout
    (docs / "sub" / "b_two.txt").write_text("now with a statistic")
    assert run("build", "--store", str(built), str(docs)).exit_code == 0
    again = run(
        "query",
        "--store",
        str(built),
        "--format",
        "csv",
        f"{PROVIDERS} SELECT (COUNT(*) AS ?n) {{ ?p a ckg:Statistic }}",
    )
    assert out(again) == "n\r\n2\r\n"
    assert run("stats", "--store", str(built)).stdout != first


def test_build_without_paths_builds_the_bundled_samples(tmp_path: Path) -> None:
    result = run("build", "--store", str(tmp_path / "s"))
    samples = [p for p in examples_dir().iterdir() if not p.name.startswith(".")]
    assert result.exit_code == 0, result.stderr
    assert f"Built {len(samples)} of {len(samples)} documents" in result.stdout


def test_build_base_option_mints_iris(tmp_path: Path, docs: Path) -> None:
    store = str(tmp_path / "s")
    assert (
        run("build", "--store", store, "--base", "http://example.org/x/", str(docs)).exit_code == 0
    )
    out = run(
        "query", "--store", store, "--format", "csv", "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    ).stdout
    assert "http://example.org/x/graph/a-one" in out


def test_build_rejects_bad_base_in_one_line(tmp_path: Path) -> None:
    result = run("build", "--store", str(tmp_path / "s"), "--base", "not-an-iri")
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "--base" in result.stderr
    assert not (tmp_path / "s").exists()


SELECT_ROWS = (
    f"{PROVIDERS} SELECT ?label ?p ?value WHERE {{ ?p a ckg:Provider ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label . "
    "OPTIONAL { ?s a ckg:Statistic ; ckg:value ?value FILTER(CONTAINS(STR(?p), 'one')) } "
    "} ORDER BY ?label"
)
ID = "https://w3id.org/carekg/id/organisation/"


def test_query_csv_is_rfc4180_in_query_variable_order(built: Path) -> None:
    result = run("query", "--store", str(built), "--format", "csv", SELECT_ROWS)
    assert result.exit_code == 0, result.stderr
    assert out(result) == (
        f'label,p,value\r\n"a-one, ""Ltd""",{ID}a-one,58.1\r\n"b-two, ""Ltd""",{ID}b-two,\r\n'
    )
    assert list(csv.reader(io.StringIO(result.stdout)))[1][0] == 'a-one, "Ltd"'


def test_query_tsv_and_json(built: Path) -> None:
    tsv = run("query", "--store", str(built), "--format", "tsv", SELECT_ROWS).stdout
    assert tsv.splitlines() == [
        "label\tp\tvalue",
        f'a-one, "Ltd"\t{ID}a-one\t58.1',
        f'b-two, "Ltd"\t{ID}b-two\t',
    ]
    rows = json.loads(run("query", "--store", str(built), "--format", "json", SELECT_ROWS).stdout)
    assert rows == [
        {"label": 'a-one, "Ltd"', "p": f"{ID}a-one", "value": "58.1"},
        {"label": 'b-two, "Ltd"', "p": f"{ID}b-two", "value": None},
    ]


def test_query_table_shows_rows(built: Path) -> None:
    result = run("query", "--store", str(built), SELECT_ROWS)
    assert result.exit_code == 0
    assert "a-one" in result.stdout and "58.1" in result.stdout and "2 rows" in result.stdout


def test_query_ask_and_construct(built: Path) -> None:
    ask = run("query", "--store", str(built), f"{PROVIDERS} ASK {{ ?p a ckg:Provider }}")
    assert ask.stdout == "true\n"
    ask = run("query", "--store", str(built), f"{PROVIDERS} ASK {{ ?p a ckg:Refusal }}")
    assert ask.stdout == "false\n"
    sparql = f"{PROVIDERS} CONSTRUCT {{ ?p a ckg:Provider }} WHERE {{ ?p a ckg:Provider }}"
    for fmt, rdf in (("csv", "nt"), ("table", "turtle")):
        out = run("query", "--store", str(built), "--format", fmt, sparql).stdout
        assert len(rdflib.Graph().parse(data=out, format=rdf)) == 2
        assert out.endswith(" .\n")


def test_query_from_file(built: Path, tmp_path: Path) -> None:
    query_file = tmp_path / "q.rq"
    query_file.write_text(f"{PROVIDERS} SELECT (COUNT(*) AS ?n) {{ ?p a ckg:Provider }}")
    result = run("query", "--store", str(built), "--format", "csv", "--file", str(query_file))
    assert out(result) == "n\r\n2\r\n"


@pytest.mark.parametrize("via_file", [False, True])
def test_malformed_query_exits_2_with_one_line(built: Path, tmp_path: Path, via_file: bool) -> None:
    bad = "SELECT ?x WHERE { ?x nope:p ?y"
    if via_file:
        (tmp_path / "bad.rq").write_text(bad)
        result = run("query", "--store", str(built), "--file", str(tmp_path / "bad.rq"))
        where = str(tmp_path / "bad.rq")
    else:
        result = run("query", "--store", str(built), bad)
        where = "argument"
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"error: query {where}: ")
    assert "Traceback" not in result.output and result.stdout == ""


def test_query_needs_exactly_one_source(built: Path, tmp_path: Path) -> None:
    result = run("query", "--store", str(built))
    assert result.exit_code == 2 and len(error_lines(result)) == 1


@pytest.mark.parametrize(
    "args", [["query", "ASK {}"], ["validate"], ["export", "--format", "nt"], ["stats"]]
)
def test_missing_store_is_one_line_and_not_created(tmp_path: Path, args: list[str]) -> None:
    missing = tmp_path / "missing"
    result = run(*args[:1], "--store", str(missing), *args[1:])
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: store {missing}: no store here; run `carekg build` first"
    ]
    assert not missing.exists()


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld", "xml"])
def test_export_formats_parse_back(built: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"dump.{fmt}"
    result = run("export", "--store", str(built), "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    rdf_format = {"ttl": "turtle", "jsonld": "json-ld", "nq": "nquads"}.get(fmt, fmt)
    parsed = rdflib.Dataset() if fmt in {"nq", "trig"} else rdflib.Graph()
    parsed.parse(target, format=rdf_format)
    nt = run("export", "--store", str(built), "--format", "nt").stdout
    union = rdflib.Graph().parse(data=nt, format="nt")
    if fmt in {"nq", "trig"}:
        graphs = {str(g.identifier) for g in parsed.graphs() if len(g)}
        assert "https://w3id.org/carekg/id/graph/a-one" in graphs
        assert sum(len(g) for g in parsed.graphs()) == len(union)
    else:
        assert isomorphic(parsed, union)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".dump")]


def test_export_to_missing_folder_is_one_line(built: Path, tmp_path: Path) -> None:
    result = run("export", "--store", str(built), "-o", str(tmp_path / "no" / "dump.nt"))
    assert result.exit_code == 1
    assert error_lines(result) == [f"error: export: folder {tmp_path / 'no'} does not exist"]


def test_build_into_a_store_in_use_is_one_line(built: Path, docs: Path) -> None:
    from graphbuild.store import GraphStore

    with GraphStore.open(built):
        result = run("build", "--store", str(built), str(docs))
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1 and "in use by another process" in result.stderr


def test_export_format_follows_output_suffix(built: Path, tmp_path: Path) -> None:
    target = tmp_path / "dump.nq"
    assert run("export", "--store", str(built), "-o", str(target)).exit_code == 0
    assert rdflib.Dataset().parse(target, format="nquads")


def test_validate_prints_lines_and_exit_code(built: Path, tmp_path: Path, docs: Path) -> None:
    result = run("validate", "--store", str(built))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "violation: Statistic needs a date",
        "Graph does not conform: 1 violations, 0 warnings",
    ]
    (docs / "a_one.txt").write_text("plain")
    run("build", "--store", str(built), str(docs))
    assert run("validate", "--store", str(built)).exit_code == 0


def stats_rows(result: Result) -> dict[str, str]:
    """The two-column rows of the stats table, by name."""
    return {
        cells[0]: cells[1]
        for line in result.stdout.splitlines()
        if len(cells := [c.strip() for c in line.strip("│┃ ").split("│") if c.strip()]) == 2
    }


def test_stats_counts_documents_triples_and_classes(built: Path) -> None:
    result = run("stats", "--store", str(built))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Store: {built}\n")
    rows = stats_rows(result)
    assert rows["documents"] == "2"
    assert rows["ckg:Provider"] == "2" and rows["ckg:Statistic"] == "1"
    assert rows["ckg:Refusal"] == "0"


def test_stats_counts_a_node_shared_by_documents_once(tmp_path: Path, docs: Path) -> None:
    (docs / "a_one.txt").write_text("shared")
    (docs / "sub" / "b_two.txt").write_text("shared")
    store = str(tmp_path / "s")
    assert run("build", "--store", store, str(docs)).exit_code == 0
    assert stats_rows(run("stats", "--store", store))["ckg:Provider"] == "3"


COMMANDS = [
    ["build"],
    ["validate"],
    ["query", "ASK {}"],
    ["export", "--format", "nt"],
    ["stats"],
]


@pytest.mark.parametrize("args", COMMANDS)
@pytest.mark.parametrize("position", ["before", "after"])
def test_store_option_on_every_command(
    built: Path, tmp_path: Path, args: list[str], position: str
) -> None:
    """--store works before or after the command name and wins over $CAREKG_STORE."""
    if args == ["build"]:
        store = tmp_path / "fresh"
        args = ["build", str(tmp_path / "docs")]
    else:
        store = built
    cmd = (
        ["--store", str(store), *args]
        if position == "before"
        else [*args[:1], "--store", str(store), *args[1:]]
    )
    result = run(*cmd)
    assert result.exit_code in (0, 1), result.stderr
    assert "no store here" not in result.stderr
    assert store.exists()
    assert not (tmp_path / "default-store").exists()


def test_store_env_var_is_the_default(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREKG_STORE", str(built))
    assert run("query", "ASK { ?s ?p ?o }").stdout == "true\n"


def test_unknown_command_is_one_line(tmp_path: Path) -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "Traceback" not in result.output


def test_build_samples_with_the_real_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end once the pipeline exists: every sample builds into its own graph."""
    monkeypatch.delitem(sys.modules, "graphbuild.pipeline")
    pytest.importorskip("graphbuild.pipeline")
    store = str(tmp_path / "s")
    result = run("build", "--store", store)
    assert result.exit_code == 0, result.stderr
    samples = sorted(p.name for p in examples_dir().iterdir() if not p.name.startswith("."))
    graphs = run(
        "query", "--store", store, "--format", "csv", "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"
    )
    for name in samples:
        slug = name.replace("_", "-").replace(".", "-").lower()
        assert f"https://w3id.org/carekg/id/graph/{slug}" in out(graphs)
    assert stats_rows(run("stats", "--store", store))["documents"] == str(len(samples))


def test_readme_documents_every_command_and_setting() -> None:
    """A command or env var added without a README line fails here (datasette's habit)."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"carekg {name}" in readme, f"README.md does not document `carekg {name}`"
    for var in ("CAREKG_STORE", "CAREKG_BASE", "CAREKG_DEBUG"):
        assert var in readme, f"README.md does not document {var}"
    from server.settings import SETTINGS

    for setting in SETTINGS:
        if setting.name != "STORE":  # the store is CAREKG_STORE, documented above
            assert f"CAREKG_{setting.name}" in readme, f"README.md does not document {setting.name}"
