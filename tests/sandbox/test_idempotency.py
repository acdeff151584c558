"""Klarna-Idempotency-Key: the first outcome is replayed exactly, with no second effect, for 24 hours."""

from __future__ import annotations

import threading
import uuid

from tests.sandbox.expect import assert_error


def _capture(sandbox, order_id, amount, key):
    return sandbox.om("POST", f"/{order_id}/captures", idempotency_key=key, json={"captured_amount": amount})


def _replayed_parts(response):
    headers = {name: response.headers.get(name) for name in ("Location", "Capture-Id", "Content-Type")}
    return response.status_code, headers, response.content


def test_same_key_replays_the_first_capture_without_a_second_one(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    first = _capture(sandbox, order_id, 10000, key)
    again = _capture(sandbox, order_id, 10000, key)
    assert first.status_code == 201
    assert _replayed_parts(again) == _replayed_parts(first)
    order = sandbox.get_order(order_id)
    assert [capture["capture_id"] for capture in order["captures"]] == [first.headers["Capture-Id"]]
    assert order["captured_amount"] == 10000


def test_only_the_key_counts_not_the_request(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    first = _capture(sandbox, order_id, 10000, key)
    different_amount = _capture(sandbox, order_id, 20000, key)
    assert different_amount.headers["Capture-Id"] == first.headers["Capture-Id"]
    invalid_body = _capture(sandbox, order_id, "not a number", key)
    assert _replayed_parts(invalid_body) == _replayed_parts(first)
    assert sandbox.get_order(order_id)["captured_amount"] == 10000


def test_a_refusal_is_replayed_exactly_including_its_correlation_id(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    refused = _capture(sandbox, order_id, 99999, key)
    body = assert_error(refused, 403, "CAPTURE_NOT_ALLOWED")
    retried = _capture(sandbox, order_id, 100, key)
    assert assert_error(retried, 403, "CAPTURE_NOT_ALLOWED") == body
    assert sandbox.get_order(order_id)["captures"] == []
    assert _capture(sandbox, order_id, 100, str(uuid.uuid4())).status_code == 201


def test_a_request_rejected_as_invalid_is_not_remembered(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    assert_error(_capture(sandbox, order_id, "100", key), 400, "BAD_VALUE")
    assert _capture(sandbox, order_id, 100, key).status_code == 201


def test_keys_belong_to_one_order(sandbox):
    first_order, second_order = (sandbox.create_order()["order_id"] for _ in range(2))
    key = str(uuid.uuid4())
    assert _capture(sandbox, first_order, 100, key).status_code == 201
    assert _capture(sandbox, second_order, 100, key).status_code == 201
    assert sandbox.get_order(second_order)["captured_amount"] == 100


def test_204_operations_are_idempotent_too(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    assert sandbox.om("POST", f"/{order_id}/cancel", idempotency_key=key).status_code == 204
    assert sandbox.om("POST", f"/{order_id}/cancel", idempotency_key=key).status_code == 204
    assert_error(sandbox.om("POST", f"/{order_id}/cancel", idempotency_key=str(uuid.uuid4())), 403, "CANCEL_NOT_ALLOWED")


def test_a_key_is_remembered_for_24_hours_of_sandbox_time(sandbox):
    order = sandbox.create_order(expires_at="2099-01-01T00:00:00Z")
    key = str(uuid.uuid4())
    first = _capture(sandbox, order["order_id"], 100, key)
    sandbox.advance_clock(23 / 24)
    assert _capture(sandbox, order["order_id"], 100, key).headers["Capture-Id"] == first.headers["Capture-Id"]
    sandbox.advance_clock(2 / 24)
    after_a_day = _capture(sandbox, order["order_id"], 100, key)
    assert after_a_day.status_code == 201
    assert after_a_day.headers["Capture-Id"] != first.headers["Capture-Id"]
    assert sandbox.get_order(order["order_id"])["captured_amount"] == 200


def _at_once(count, action):
    """Run ``action`` in ``count`` threads released together; returns their results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        barrier.wait()
        results[index] = action()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_concurrent_requests_with_one_key_capture_once(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    responses = _at_once(8, lambda: _capture(sandbox, order_id, 10000, key))
    assert {response.status_code for response in responses} == {201}
    assert len({response.headers["Capture-Id"] for response in responses}) == 1
    assert sandbox.get_order(order_id)["captured_amount"] == 10000


def test_concurrent_captures_with_different_keys_never_exceed_the_authorization(sandbox):
    order_id = sandbox.create_order()["order_id"]
    responses = _at_once(5, lambda: _capture(sandbox, order_id, 20000, str(uuid.uuid4())))
    assert sorted(response.status_code for response in responses) == [201, 201, 403, 403, 403]
    order = sandbox.get_order(order_id)
    assert (order["captured_amount"], order["remaining_authorized_amount"]) == (40000, 9700)


def test_keys_belong_to_one_operation(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    assert sandbox.om("POST", f"/{order_id}/acknowledge", idempotency_key=key).status_code == 204
    captured = _capture(sandbox, order_id, 100, key)
    assert captured.status_code == 201
    assert sandbox.get_order(order_id)["captured_amount"] == 100
