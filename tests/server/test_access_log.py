"""The server's log has one line per request: method, path, status, bytes and time."""

from __future__ import annotations

import logging
import re

import pytest
from flask import Flask

LINE = re.compile(r"^(GET|POST|PUT) (\S+) (\d{3}) (\d+|-) \d+\.\dms$")


def test_one_line_per_request_whatever_the_outcome(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    client = app.test_client()
    caplog.set_level(logging.INFO, logger="carekg.server")
    client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    client.get("/sparql", query_string={"query": "SELEC nonsense"})
    client.get("/no/such/page")
    client.put("/sparql")
    lines = [r.getMessage() for r in caplog.records if r.name == "carekg.server"]
    assert len(lines) == 4, lines
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert [(m[1], m[2], m[3]) for m in parsed] == [
        ("GET", "/sparql", "200"),
        ("GET", "/sparql", "400"),
        ("GET", "/no/such/page", "404"),
        ("PUT", "/sparql", "405"),
    ]
    assert all(m[4] != "-" for m in parsed)  # every answer here has a known length


def test_no_line_when_info_is_off(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="carekg.server")
    app.test_client().get("/health")
    assert not [r for r in caplog.records if r.name == "carekg.server"]
