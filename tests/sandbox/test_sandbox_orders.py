"""``/sandbox/orders``: creating orders in any starting shape, and listing them."""

from __future__ import annotations

import uuid

import pytest

from tests.fixtures.sandbox_helper import default_order
from tests.sandbox.expect import assert_error


def test_created_order_is_answered_as_get_shows_it(sandbox):
    response = sandbox.request("POST", "/sandbox/orders", json=default_order())
    assert response.status_code == 201
    order = response.json()
    assert response.headers["Location"] == f"{sandbox.url}/ordermanagement/v1/orders/{order['order_id']}"
    assert sandbox.get_order(order["order_id"]) == order
    assert uuid.UUID(order["order_id"]).version == 4


def test_an_order_id_can_be_chosen_once(sandbox):
    order_id = f"test-{uuid.uuid4()}"
    assert sandbox.create_order(order_id=order_id)["order_id"] == order_id
    response = sandbox.request("POST", "/sandbox/orders", json=dict(default_order(), order_id=order_id))
    assert_error(response, 409, "CONFLICT", f"Order {order_id} already exists")


@pytest.mark.parametrize("changes, message", [
    ({"order_amount": 50000}, "The order_amount value must equal the sum of the order_lines total_amount (49700)"),
    ({"purchase_currency": None}, "The purchase_currency value must not be null"),
    ({"purchase_currency": "KRONA"}, 'The purchase_currency value must match "[A-Za-z]{3}"'),
    ({"expires_at": "next week"}, "The expires_at value must be a valid date-time"),
    ({"order_lines": []}, "The size of the order_lines value must be between 1 and 1000"),
])
def test_invalid_orders_are_unprocessable(sandbox, changes, message):
    body = default_order()
    body.update(changes)
    body = {name: value for name, value in body.items() if value is not None}
    assert_error(sandbox.request("POST", "/sandbox/orders", json=body), 422, "UNPROCESSABLE_ENTITY", message)


def test_line_totals_must_follow_klarnas_formula(sandbox):
    body = default_order()
    body["order_lines"][0]["total_amount"] = 49000
    body["order_amount"] = 48900
    assert_error(sandbox.request("POST", "/sandbox/orders", json=body), 422, "UNPROCESSABLE_ENTITY",
                 "The order_lines[0].total_amount value must equal quantity * unit_price - total_discount_amount (49800)")


def test_orders_are_listed_newest_first(sandbox):
    first = sandbox.create_order()["order_id"]
    second = sandbox.create_order()["order_id"]
    listed = [order["order_id"] for order in sandbox.request("GET", "/sandbox/orders").json()["orders"]]
    assert listed.index(second) < listed.index(first)
