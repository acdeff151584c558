"""Failures over real HTTP: error classes, retries with one idempotency key, what the sandbox saw."""

import base64
import logging
import socket

import pytest

from app.klarna import (
    AuthenticationFailed,
    InvalidRequest,
    KlarnaClient,
    NotAllowed,
    NotFound,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    ServerError,
)
from app.klarna.responses import user_agent
from tests.klarna.conftest import ORDERS


def _captures_path(order_id: str) -> str:
    return f"{ORDERS}/{order_id}/captures"


def _capture_requests(sandbox, order_id: str) -> list[dict]:
    return [e for e in sandbox.requests_log(order_id) if e["method"] == "POST" and e["path"].endswith("/captures")]


def test_the_sandbox_receives_the_given_idempotency_key(klarna, sandbox, order_id):
    klarna.create_capture(order_id, 1000, idempotency_key="ledger-key-42")
    (entry,) = _capture_requests(sandbox, order_id)
    assert entry["idempotency_key"] == "ledger-key-42"


def test_the_sandbox_receives_our_user_agent(klarna, sandbox, order_id):
    klarna.get_order(order_id)
    (entry,) = sandbox.requests_log(order_id)
    assert entry["user_agent"] == user_agent()
    assert entry["user_agent"].startswith("KlarnaBackOffice/0.1.0 python-requests/")


def test_without_a_given_key_each_call_gets_a_fresh_uuid4(klarna, sandbox, order_id):
    klarna.create_capture(order_id, 1000)
    klarna.create_capture(order_id, 1000)
    keys = [e["idempotency_key"] for e in _capture_requests(sandbox, order_id)]
    assert len(set(keys)) == 2 and all(len(key) == 36 and key[14] == "4" for key in keys)


def test_a_dropped_connection_after_the_capture_is_retried_into_exactly_one_capture(
    klarna, sandbox, order_id, calls
):
    sandbox.add_fault(method="POST", path=_captures_path(order_id), kind="drop_after")
    capture_id = klarna.create_capture(order_id, 2500, idempotency_key="ledger-key-7")
    assert [c.capture_id for c in klarna.list_captures(order_id)] == [capture_id]
    assert [e["idempotency_key"] for e in _capture_requests(sandbox, order_id)] == ["ledger-key-7"] * 2
    assert calls[0].attempts == 2 and calls[0].outcome == "ok"


def test_drops_on_every_attempt_leave_the_outcome_unknown_yet_one_capture(klarna, sandbox, order_id):
    sandbox.add_fault(method="POST", path=_captures_path(order_id), kind="drop_after", count=3)
    with pytest.raises(OutcomeUnknown) as caught:
        klarna.create_capture(order_id, 2500)
    assert caught.value.attempts == 3 and not caught.value.outcome_known
    assert len(klarna.list_captures(order_id)) == 1


def test_a_503_then_success(klarna, sandbox, order_id, sleeps, calls):
    sandbox.add_fault(method="POST", path=_captures_path(order_id), kind="status", status=503)
    klarna.create_capture(order_id, 1000)
    assert calls[0].attempts == 2 and calls[0].status == 201
    assert len(sleeps) == 1 and 0.125 <= sleeps[0] <= 0.25


def test_a_429_with_retry_after_is_honoured(klarna, sandbox, order_id, sleeps):
    sandbox.add_fault(method="POST", path=_captures_path(order_id), kind="status", status=429, retry_after=2)
    klarna.create_capture(order_id, 1000)
    assert sleeps == [2.0]


def test_rate_limited_on_every_attempt(klarna, sandbox, order_id, sleeps):
    sandbox.add_fault(method="GET", path=f"{ORDERS}/{order_id}", kind="status", status=429, retry_after=1, count=3)
    with pytest.raises(RateLimited) as caught:
        klarna.get_order(order_id)
    assert (caught.value.status, caught.value.error_code, caught.value.retry_after) == (429, "TOO_MANY_REQUESTS", 1.0)
    assert sleeps == [1.0, 1.0]


def test_server_errors_on_every_attempt(klarna, sandbox, order_id):
    sandbox.add_fault(method="POST", path=_captures_path(order_id), kind="status", status=503, count=3)
    with pytest.raises(ServerError) as caught:
        klarna.create_capture(order_id, 1000)
    assert (caught.value.status, caught.value.error_code) == (503, "TEMPORARILY_UNAVAILABLE")
    assert caught.value.attempts == 3 and caught.value.retryable


def test_a_hang_past_the_read_timeout_is_an_unknown_outcome(sandbox, order_id):
    sandbox.add_fault(method="POST", path=_captures_path(order_id), kind="hang", seconds=1.5, count=3)
    client = KlarnaClient(sandbox.url, sandbox.username, sandbox.password, read_timeout=0.3, sleep=lambda s: None)
    with client, pytest.raises(OutcomeUnknown) as caught:
        client.create_capture(order_id, 1000)
    assert caught.value.attempts == 3 and "read timed out" in str(caught.value)
    assert len(_capture_requests(sandbox, order_id)) == 3


def test_a_closed_port_means_nothing_was_sent():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = KlarnaClient(f"http://127.0.0.1:{port}", "merchant", "secret", sleep=lambda s: None)
    with client, pytest.raises(NotSent) as caught:
        client.cancel("any-order")
    assert caught.value.attempts == 3 and caught.value.outcome_known and caught.value.status is None


def test_a_wrong_password_fails_authentication_without_retries(sandbox, order_id):
    with KlarnaClient(sandbox.url, sandbox.username, "wrong-password") as client:
        with pytest.raises(AuthenticationFailed) as caught:
            client.get_order(order_id)
    assert caught.value.status == 401 and caught.value.attempts == 1
    assert "check the configured username and password" in str(caught.value)


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda k, order_id: k.create_refund(order_id, 100), NotAllowed),
        (lambda k, order_id: k.create_capture("no-such-order", 100), NotFound),
        (lambda k, order_id: k.create_capture(order_id, 200_000_001), InvalidRequest),
    ],
    ids=["403", "404", "422"],
)
def test_no_retry_after_a_refusal(klarna, sandbox, order_id, sleeps, call, error):
    with pytest.raises(error) as caught:
        call(klarna, order_id)
    assert caught.value.attempts == 1 and sleeps == []
    received = [e for e in sandbox.requests_log() if e["path"].startswith(ORDERS)]
    assert [e["status"] for e in received] == [caught.value.status]


def test_log_lines_never_contain_credentials(sandbox, order_id, caplog):
    caplog.set_level(logging.DEBUG)
    secret = base64.b64encode(f"{sandbox.username}:{sandbox.password}".encode()).decode()
    with KlarnaClient(sandbox.url, sandbox.username, sandbox.password) as client:
        client.create_capture(order_id, 1000)
        with pytest.raises(NotAllowed):
            client.cancel(order_id)
    klarna_lines = [r.getMessage() for r in caplog.records if r.name == "app.klarna"]
    assert len(klarna_lines) == 2 and "create_capture" in klarna_lines[0] and "cancel" in klarna_lines[1]
    assert sandbox.password not in caplog.text and secret not in caplog.text
