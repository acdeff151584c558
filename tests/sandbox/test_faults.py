"""Injected faults, seen by a ``requests`` caller exactly as a network or Klarna failure would look."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests

from tests.sandbox.expect import assert_error

CAPTURES = "/ordermanagement/v1/orders/*/captures"


def _capture(sandbox, order_id, key=None, amount=10000, timeout=10):
    return sandbox.om("POST", f"/{order_id}/captures", idempotency_key=key or str(uuid.uuid4()),
                      json={"captured_amount": amount}, timeout=timeout)


def test_latency_delays_the_answer_once(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="GET", path="/ordermanagement/v1/orders/*", kind="latency", latency_ms=400)
    started = time.monotonic()
    assert sandbox.om("GET", f"/{order_id}").status_code == 200
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    sandbox.om("GET", f"/{order_id}")
    assert time.monotonic() - started < 0.4


def test_status_answers_a_klarna_error_and_does_nothing(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="status", status=503, count=2)
    assert_error(_capture(sandbox, order_id), 503, "TEMPORARILY_UNAVAILABLE", "Temporarily unavailable")
    assert_error(_capture(sandbox, order_id), 503, "TEMPORARILY_UNAVAILABLE")
    assert sandbox.get_order(order_id)["captures"] == []
    assert _capture(sandbox, order_id).status_code == 201


def test_status_with_error_code_and_retry_after(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="status", status=429, retry_after=2)
    sandbox.add_fault(method="POST", path=CAPTURES, kind="status", status=500, error_code="UNEXPECTED_ERROR",
                      error_messages=["Something broke"])
    limited = _capture(sandbox, order_id)
    assert_error(limited, 429, "TOO_MANY_REQUESTS", "Too many requests")
    assert limited.headers["Retry-After"] == "2"
    assert_error(_capture(sandbox, order_id), 500, "UNEXPECTED_ERROR", "Something broke")


def test_faults_match_method_and_path_glob(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="status", status=503)
    assert sandbox.om("GET", f"/{order_id}/captures").status_code == 200
    assert sandbox.om("POST", f"/{order_id}/acknowledge").status_code == 204
    assert [fault["count"] for fault in sandbox.request("GET", "/sandbox/faults").json()["faults"]] == [1]
    sandbox.add_fault(path=f"/ordermanagement/v1/orders/{order_id}", kind="status", status=502)
    assert_error(sandbox.om("GET", f"/{order_id}"), 502, "TEMPORARILY_UNAVAILABLE")


def test_faults_never_touch_the_sandbox_endpoints(sandbox):
    sandbox.add_fault(path="*", kind="status", status=500, count=5)
    assert sandbox.request("GET", "/sandbox/orders").status_code == 200
    sandbox.clear_faults()
    assert sandbox.request("GET", "/sandbox/faults").json() == {"faults": []}


def test_drop_before_closes_the_connection_and_does_nothing(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="drop_before")
    with pytest.raises(requests.ConnectionError):
        _capture(sandbox, order_id)
    assert sandbox.get_order(order_id)["captures"] == []
    [entry] = sandbox.requests_log(order_id)[:1]
    assert (entry["status"], entry["fault"]) == (None, "drop_before")


def test_unreadable_answers_200_with_a_body_that_is_not_json_and_does_nothing(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="unreadable")
    answer = _capture(sandbox, order_id)
    assert answer.status_code == 200
    with pytest.raises(ValueError):
        answer.json()
    assert sandbox.get_order(order_id)["captures"] == []
    [entry] = sandbox.requests_log(order_id)[:1]
    assert (entry["status"], entry["fault"]) == (200, "unreadable")


def test_drop_after_commits_then_closes_and_a_retry_with_the_key_replays(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="drop_after")
    key = str(uuid.uuid4())
    with pytest.raises(requests.ConnectionError):
        _capture(sandbox, order_id, key)
    [capture] = sandbox.get_order(order_id)["captures"]
    retried = _capture(sandbox, order_id, key)
    assert retried.status_code == 201
    assert retried.headers["Capture-Id"] == capture["capture_id"]
    assert len(sandbox.get_order(order_id)["captures"]) == 1


def test_hang_times_the_caller_out_and_does_nothing(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="hang", seconds=0.6)
    with pytest.raises(requests.ReadTimeout):
        _capture(sandbox, order_id, timeout=0.2)
    time.sleep(0.6)
    assert sandbox.get_order(order_id)["captures"] == []


def test_hang_ends_when_its_seconds_have_passed(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="GET", path="/ordermanagement/v1/orders/*", kind="hang", seconds=0.5)
    started = time.monotonic()
    with pytest.raises(requests.ConnectionError):
        sandbox.om("GET", f"/{order_id}", timeout=10)
    assert 0.5 <= time.monotonic() - started < 5


def test_a_hanging_request_does_not_block_others(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.add_fault(method="POST", path=CAPTURES, kind="hang", seconds=1.5)
    hanging = threading.Thread(target=lambda: pytest.raises(requests.ConnectionError, _capture, sandbox, order_id))
    hanging.start()
    time.sleep(0.2)
    started = time.monotonic()
    assert sandbox.get_order(order_id)["status"] == "AUTHORIZED"
    assert _capture(sandbox, order_id, amount=100).status_code == 201
    assert time.monotonic() - started < 1.0
    assert hanging.is_alive()
    hanging.join(timeout=10)


@pytest.mark.parametrize("spec, message", [
    ({"path": CAPTURES, "kind": "explode"}, "The kind value must be one of: latency, status, drop_before, "
                                            "drop_after, hang, unreadable"),
    ({"path": CAPTURES, "kind": "status"}, "The status value must not be null for a status fault"),
    ({"path": CAPTURES, "kind": "status", "status": 200}, "The status value must be between 400 and 599"),
    ({"path": CAPTURES, "kind": "hang"}, "The seconds value must not be null for a hang fault"),
    ({"kind": "drop_before"}, "The path value must not be null"),
])
def test_fault_specifications_are_validated(sandbox, spec, message):
    assert_error(sandbox.request("POST", "/sandbox/faults", json=spec), 422, "UNPROCESSABLE_ENTITY", message)
