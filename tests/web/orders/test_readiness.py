"""/readyz: the database and every Klarna store with our credentials, cached, open to all,
revealing no configuration."""

from __future__ import annotations

import re
import threading
import time

import pytest

from tests.fixtures.dashboard import UNREACHABLE_KLARNA

READY = {"status": "ready", "database": "ok", "klarna": "ok"}
KLARNA_DOWN = {"status": "not ready", "database": "ok", "klarna": "unavailable"}
UUID = re.compile(r"/ordermanagement/v1/orders/[0-9a-f-]{36}")


@pytest.fixture
def app_config(app_config, request):
    return {**app_config, **getattr(request, "param", {})}


def _probes(sandbox) -> list[tuple[str, int]]:
    return [(entry["path"], entry["status"]) for entry in sandbox.requests_log()]


def test_ready_when_klarna_takes_our_credentials(client, sandbox):
    response = client.get("/readyz")
    assert (response.status_code, response.get_json()) == (200, READY)
    # One look-up of an order that cannot exist; Klarna's 404 proves it answered and let us in.
    ((path, status),) = _probes(sandbox)
    assert UUID.fullmatch(path) and status == 404


def test_the_answer_is_reused_for_a_few_seconds(client, sandbox):
    for _ in range(3):
        assert client.get("/readyz").status_code == 200
    assert len(_probes(sandbox)) == 1


@pytest.mark.parametrize("app_config", [{"READINESS_CACHE_SECONDS": 0}], indirect=True)
def test_without_caching_every_call_asks_klarna(client, sandbox):
    for _ in range(3):
        assert client.get("/readyz").status_code == 200
    assert len(_probes(sandbox)) == 3


@pytest.mark.parametrize("app_config", [{"KLARNA_PASSWORD": "not-the-password"}], indirect=True)
def test_not_ready_when_klarna_refuses_the_credentials(client, sandbox, app_config):
    response = client.get("/readyz")
    assert (response.status_code, response.get_json()) == (503, KLARNA_DOWN)
    assert [status for _, status in _probes(sandbox)] == [401]
    body = response.get_data(as_text=True)
    for secret in (app_config["KLARNA_API_URL"], app_config["KLARNA_USERNAME"], "127.0.0.1"):
        assert secret not in body


@pytest.mark.parametrize("app_config", [{"KLARNA_API_URL": UNREACHABLE_KLARNA}], indirect=True)
def test_not_ready_when_klarna_does_not_answer(client):
    response = client.get("/readyz")
    assert (response.status_code, response.get_json()) == (503, KLARNA_DOWN)
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_every_store_is_asked(make_app, sandbox, sandbox_server):
    app = make_app(**sandbox_server.two_store_settings())
    response = app.test_client().get("/readyz")
    assert (response.status_code, response.get_json()) == (200, READY)
    assert [status for _, status in _probes(sandbox)] == [404, 404]


def test_one_store_with_wrong_credentials_makes_the_process_not_ready(make_app, sandbox, sandbox_server):
    app = make_app(**sandbox_server.two_store_settings(us_password="not-the-password"))
    response = app.test_client().get("/readyz")
    assert (response.status_code, response.get_json()) == (503, KLARNA_DOWN)
    assert sorted(status for _, status in _probes(sandbox)) == [401, 404]
    assert sandbox_server.second_account.username not in response.get_data(as_text=True)


def test_not_ready_without_the_database(make_app, sandbox, tmp_path):
    app = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-folder/db.sqlite3")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "not ready", "database": "unavailable", "klarna": "ok"}


@pytest.mark.parametrize("app_config", [{"READINESS_CACHE_SECONDS": 0}], indirect=True)
def test_while_one_request_asks_klarna_the_others_answer_at_once_with_the_last_result(app, sandbox):
    assert app.test_client().get("/readyz").status_code == 200
    sandbox.add_fault(kind="latency", latency_ms=3000, method="GET", path="/ordermanagement/v1/orders/*")
    slow = threading.Thread(target=lambda: app.test_client().get("/readyz"))
    slow.start()
    while len(_probes(sandbox)) < 2:  # the slow look at Klarna has begun
        time.sleep(0.02)
    started = time.monotonic()
    response = app.test_client().get("/readyz")
    waited = time.monotonic() - started
    slow.join()
    assert (response.status_code, response.get_json()) == (200, READY)
    assert waited < 1.5
    assert len(_probes(sandbox)) == 2
