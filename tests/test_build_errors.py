"""Bad documents through the real `carekg build`: one line each, the rest still built."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.store import GraphStore


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_bad_documents_fail_alone_and_the_store_keeps_the_rest(tmp_path, sample_paths):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(sample_paths[4], docs)
    (docs / "empty.txt").write_bytes(b"")
    (docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (docs / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d\x81")
    (docs / "sheet.odt").write_bytes(b"PK\x03\x04")
    (docs / "letter.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")  # cut off
    with (docs / "scan.pdf").open("wb") as huge:  # 50 MB and more, without writing it
        huge.truncate(51 * 1024 * 1024)
    store = tmp_path / "store"
    earlier = run("build", str(sample_paths[1]), "--store", str(store))
    assert earlier.exit_code == 0, earlier.output

    result = run("build", str(docs), "--store", str(store))

    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for name in ("empty.txt", "image.txt", "latin.txt", "sheet.odt", "letter.pdf", "scan.pdf"):
        (line,) = [e for e in errors if name in e]
        assert len(line) < 200
    assert "Traceback" not in result.output + result.stderr
    with GraphStore.open(store, read_only=True) as kg:
        graphs = kg.named_graphs()
    assert any(sample_paths[4].stem.replace("_", "-") in g for g in graphs)
    assert any(sample_paths[1].stem.replace("_", "-") in g for g in graphs), "earlier build lost"


def test_build_with_no_paths_builds_the_bundled_samples(tmp_path):
    result = run("build", "--store", str(tmp_path / "store"))
    assert result.exit_code == 0, result.output + result.stderr
    assert "5 of 5 documents" in result.output + result.stderr
    assert "0 failures" in result.output + result.stderr


def test_malformed_sparql_is_one_line(tmp_path):
    run("build", "--store", str(tmp_path / "store"))
    result = run("query", "SELECT ?x WHERE {", "--store", str(tmp_path / "store"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: query")
