"""A restart over the same SQLite file keeps every order, idempotency record and the clock."""

from __future__ import annotations

import uuid

from tests.fixtures.sandbox_helper import default_order


def _client(app, auth_headers):
    client = app.test_client()
    client.environ_base.update({"HTTP_AUTHORIZATION": auth_headers["Authorization"]})
    return client


def test_orders_captures_and_keys_survive_a_restart(open_sandbox, auth_headers):
    before = _client(open_sandbox(), auth_headers)
    order_id = before.post("/sandbox/orders", json=default_order()).get_json()["order_id"]
    key = str(uuid.uuid4())
    captured = before.post(f"/ordermanagement/v1/orders/{order_id}/captures", json={"captured_amount": 100},
                           headers={"Klarna-Idempotency-Key": key})
    before.post("/sandbox/clock", json={"advance_days": 0.5})

    after = _client(open_sandbox(), auth_headers)
    order = after.get(f"/ordermanagement/v1/orders/{order_id}").get_json()
    assert (order["status"], order["captured_amount"]) == ("PART_CAPTURED", 100)
    replayed = after.post(f"/ordermanagement/v1/orders/{order_id}/captures", json={"captured_amount": 100},
                          headers={"Klarna-Idempotency-Key": key})
    assert replayed.headers["Capture-Id"] == captured.headers["Capture-Id"]
    assert after.get("/sandbox/clock").get_json()["offset_days"] == 0.5


def test_demo_orders_are_seeded_once(open_sandbox, auth_headers):
    first = _client(open_sandbox(seed=True), auth_headers)
    count = len(first.get("/sandbox/orders").get_json()["orders"])
    again = _client(open_sandbox(seed=True), auth_headers)
    assert len(again.get("/sandbox/orders").get_json()["orders"]) == count >= 25


def test_without_seeding_the_sandbox_starts_empty(open_sandbox, auth_headers):
    client = _client(open_sandbox(seed=False), auth_headers)
    assert client.get("/sandbox/orders").get_json() == {"orders": []}
