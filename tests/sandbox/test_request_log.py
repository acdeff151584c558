"""The request log lists the Order Management requests the sandbox received, newest last."""

from __future__ import annotations

import uuid

import requests


def test_entries_describe_each_request_in_order(sandbox):
    order_id = sandbox.create_order()["order_id"]
    key = str(uuid.uuid4())
    sandbox.om("POST", f"/{order_id}/captures", idempotency_key=key, json={"captured_amount": 100})
    sandbox.om("GET", f"/{order_id}")
    first, second = sandbox.requests_log()
    assert first["method"] == "POST"
    assert first["path"] == f"/ordermanagement/v1/orders/{order_id}/captures"
    assert (first["order_id"], first["idempotency_key"], first["status"]) == (order_id, key, 201)
    assert first["username"] == sandbox.username
    assert first["at"] <= second["at"]
    assert (second["method"], second["idempotency_key"], second["status"]) == ("GET", None, 200)


def test_log_is_filtered_by_order_and_cleared(sandbox):
    first_order, second_order = (sandbox.create_order()["order_id"] for _ in range(2))
    sandbox.get_order(first_order)
    sandbox.get_order(second_order)
    assert [entry["order_id"] for entry in sandbox.requests_log(second_order)] == [second_order]
    sandbox.clear_requests_log()
    assert sandbox.requests_log() == []


def test_rejected_requests_are_logged_too(sandbox):
    order_id = sandbox.create_order()["order_id"]
    requests.get(f"{sandbox.url}/ordermanagement/v1/orders/{order_id}", auth=("intruder", "guess"), timeout=10)
    [entry] = sandbox.requests_log(order_id)
    assert (entry["status"], entry["username"]) == (401, "intruder")


def test_sandbox_endpoints_are_not_logged(sandbox):
    sandbox.create_order()
    sandbox.request("GET", "/sandbox/orders")
    assert sandbox.requests_log() == []


def test_every_answer_carries_a_correlation_id_and_errors_repeat_it_in_the_body(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.clear_requests_log()
    found = sandbox.om("GET", f"/{order_id}")
    refused = sandbox.om("POST", f"/{order_id}/refunds", json={"refunded_amount": 100})
    assert refused.status_code == 403
    assert refused.headers["Klarna-Correlation-Id"] == refused.json()["correlation_id"]
    found_id = found.headers["Klarna-Correlation-Id"]
    assert str(uuid.UUID(found_id)) == found_id and found_id != refused.headers["Klarna-Correlation-Id"]
    logged = [entry["correlation_id"] for entry in sandbox.requests_log(order_id)]
    assert logged == [found_id, refused.headers["Klarna-Correlation-Id"]]
