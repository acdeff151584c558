"""Refunds: 201 with Klarna's headers, spread over the captures, refused without captures or beyond them."""

from __future__ import annotations

import uuid

from tests.sandbox.expect import assert_error


def test_refund_answers_201_with_location_and_refund_id(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id)
    response = sandbox.om("POST", f"/{order_id}/refunds", idempotency_key=str(uuid.uuid4()),
                          json={"refunded_amount": 24900, "description": "One thermos returned"})
    assert response.status_code == 201
    assert response.content == b""
    refund_id = response.headers["Refund-Id"]
    assert response.headers["Location"] == f"{sandbox.url}/ordermanagement/v1/orders/{order_id}/refunds/{refund_id}"
    order = sandbox.get_order(order_id)
    assert order["refunded_amount"] == 24900
    assert order["status"] == "CAPTURED"
    assert [refund["refund_id"] for refund in order["refunds"]] == [refund_id]


def test_refunds_are_spread_over_captures_oldest_first(sandbox):
    order_id = sandbox.create_order()["order_id"]
    first = sandbox.capture(order_id, 10000)
    second = sandbox.capture(order_id, 20000)
    sandbox.refund(order_id, 15000)
    captures = {capture["capture_id"]: capture for capture in sandbox.get_order(order_id)["captures"]}
    assert captures[first]["refunded_amount"] == 10000
    assert captures[second]["refunded_amount"] == 5000


def test_refund_without_captures_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    response = sandbox.om("POST", f"/{order_id}/refunds", json={"refunded_amount": 100})
    assert_error(response, 403, "REFUND_NOT_ALLOWED", "Order has no captures. Refund not possible")


def test_refund_beyond_the_captured_amount_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 30000)
    sandbox.refund(order_id, 20000)
    response = sandbox.om("POST", f"/{order_id}/refunds", json={"refunded_amount": 10001})
    assert_error(response, 403, "REFUND_NOT_ALLOWED", "Over refund is not allowed. Refund not possible.")
    assert sandbox.get_order(order_id)["refunded_amount"] == 20000
    sandbox.refund(order_id, 10000)
    assert sandbox.get_order(order_id)["refunded_amount"] == 30000


def test_refund_of_zero_is_unprocessable(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id)
    response = sandbox.om("POST", f"/{order_id}/refunds", json={"refunded_amount": 0})
    assert_error(response, 422, "UNPROCESSABLE_ENTITY", "The refunded_amount value must be greater than 0")


def test_a_closed_order_can_still_be_refunded(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 20000)
    assert sandbox.om("POST", f"/{order_id}/release-remaining-authorization").status_code == 204
    sandbox.refund(order_id, 20000)
    order = sandbox.get_order(order_id)
    assert (order["status"], order["refunded_amount"]) == ("CLOSED", 20000)
