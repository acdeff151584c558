"""What ``flask run`` (the demo's server) writes: one line per request, readable in the demo and
JSON otherwise, never the development server's own request line, never terminal colour codes."""

from __future__ import annotations

import json

import pytest

from tests.fixtures.processes import WebSession

pytestmark = pytest.mark.slow

COLOUR_CODE = "\x1b["


def _lines_about(log: str, text: str) -> list[str]:
    return [line for line in log.splitlines() if text in line]


def test_the_demo_writes_one_readable_line_per_request(start_dashboard):
    server = start_dashboard(development_server=True, DEMO_MODE=True)
    assert WebSession(server).get("/login").status == 200
    server.stop()
    log = server.log_text()

    assert COLOUR_CODE not in log
    (line,) = _lines_about(log, "/login")  # not werkzeug's as well
    assert not line.lstrip().startswith("{")
    assert "app.requests" in line and "GET /login 200 · " in line and line.endswith(" ms")
    assert "werkzeug  WARNING: This is a development server." in log


def test_outside_the_demo_every_line_is_json(start_dashboard):
    server = start_dashboard(development_server=True, DEMO_MODE=False)
    assert WebSession(server).get("/login").status == 200
    server.stop()

    records = [json.loads(line) for line in server.log_text().splitlines() if line.startswith("{")]
    assert [record["route"] for record in records if record["logger"] == "app.requests"] == ["/healthz", "/login"]
    assert all(COLOUR_CODE not in record["message"] for record in records)
    assert any(record["logger"] == "werkzeug" and record["message"].startswith("WARNING: This is a development server.")
               for record in records)
    assert [line for line in server.log_text().splitlines() if "/login" in line and not line.startswith("{")] == []
