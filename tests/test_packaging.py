"""An installed wheel carries the ontology, shapes, queries, samples and gazetteer."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip()[-200:]}")
    (path,) = out.glob("carekg-*.whl")
    return zipfile.ZipFile(path)


def test_wheel_carries_the_data_folders(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    assert "graphbuild/_data/ontology/carekg.ttl" in names
    assert {
        f"graphbuild/_data/ontology/queries/{p.name}"
        for p in (ROOT / "ontology" / "queries").glob("*.rq")
    } <= names
    assert {f"graphbuild/_data/shapes/{p.name}" for p in (ROOT / "shapes").glob("*.ttl")} <= names
    assert len([n for n in names if n.startswith("graphbuild/_data/examples/leicester/")]) == 5
    assert "graphbuild/data/uk_councils.csv" in names
    assert any(n.endswith("entry_points.txt") for n in names)
