"""The repository's gunicorn configuration: threads, timeouts beyond Klarna's worst case, JSON logs
only, and forwarded headers decided by TRUSTED_PROXIES alone."""

from __future__ import annotations

import inspect
import json
import os
from types import SimpleNamespace

import pytest

from app import gunicorn_conf
from app.extensions import db
from app.klarna import KlarnaClient
from app.klarna.client import DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT
from tests.fixtures.processes import WebSession


def _client_default(name: str) -> float:
    return inspect.signature(KlarnaClient.__init__).parameters[name].default


@pytest.mark.parametrize("environ", [{}, {"KLARNA_CONNECT_TIMEOUT": "5", "KLARNA_READ_TIMEOUT": "60"}])
def test_timeouts_outlast_the_slowest_klarna_call_the_client_allows(environ):
    connect = float(environ.get("KLARNA_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT))
    read = float(environ.get("KLARNA_READ_TIMEOUT", DEFAULT_READ_TIMEOUT))
    attempts = _client_default("max_attempts")
    longest_wait = max(_client_default("retry_after_cap"), _client_default("backoff_cap"))
    worst = attempts * (connect + read) + (attempts - 1) * longest_wait
    assert gunicorn_conf.klarna_worst_case_seconds(environ) == pytest.approx(worst)
    assert gunicorn_conf.timeout > gunicorn_conf.KLARNA_WORST_CASE_SECONDS
    assert gunicorn_conf.graceful_timeout > gunicorn_conf.KLARNA_WORST_CASE_SECONDS


def test_workers_are_threaded_and_the_access_log_is_off():
    assert gunicorn_conf.worker_class == "gthread"
    assert gunicorn_conf.workers >= 2 and gunicorn_conf.threads >= 8
    assert gunicorn_conf.accesslog is None
    assert gunicorn_conf.logconfig_dict["loggers"]["gunicorn.access"]["handlers"] == []


def test_each_worker_keeps_a_database_connection_per_thread(monkeypatch, make_app):
    monkeypatch.setenv("DATABASE_POOL_SIZE", "")
    monkeypatch.delenv("DATABASE_POOL_SIZE")
    gunicorn_conf.post_fork(None, SimpleNamespace(cfg=SimpleNamespace(threads=7)))
    assert os.environ["DATABASE_POOL_SIZE"] == "7"
    app = make_app(DATABASE_POOL_SIZE=int(os.environ["DATABASE_POOL_SIZE"]))
    with app.app_context():
        assert db.engine.pool.size() == 7
        assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True


HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "X-Request-Id": "edge-0123456789"}


@pytest.mark.slow
def test_forwarded_headers_count_only_with_trusted_proxies_and_every_log_line_is_json(start_dashboard):
    direct = start_dashboard(TRUSTED_PROXIES=0)
    behind_proxy = start_dashboard(TRUSTED_PROXIES=1)

    # gunicorn itself would believe X-Forwarded-Proto from loopback; the configuration stops it.
    plain = WebSession(direct).get("/healthz", HEADERS)
    assert plain.status == 200
    assert "Strict-Transport-Security" not in plain.headers
    assert plain.headers["X-Request-Id"] != HEADERS["X-Request-Id"]

    proxied = WebSession(behind_proxy).get("/healthz", HEADERS)
    assert "Strict-Transport-Security" in proxied.headers
    assert proxied.headers["X-Request-Id"] == HEADERS["X-Request-Id"]

    for process, client_ip in ((direct, "127.0.0.1"), (behind_proxy, "203.0.113.7")):
        process.stop()
        records = [json.loads(line) for line in process.log_text().splitlines()]
        requests = [record for record in records if record["logger"] == "app.requests"]
        assert [(record["route"], record["status"], record["client_ip"]) for record in requests] == [
            ("/healthz", 200, "127.0.0.1"),  # the start-up probe
            ("/healthz", 200, client_ip),
        ]
        assert any(record["logger"] == "gunicorn.error" and "gthread" in record["message"] for record in records)
