"""Captures: Klarna's headers, the status they lead to, what they snapshot, and when they are refused."""

from __future__ import annotations

import uuid

import requests

from tests.sandbox.expect import assert_error, assert_no_content

SHIPPING = {"shipping_company": "PostNord", "shipping_method": "PickUpPoint", "tracking_number": "0037071234",
            "tracking_uri": "https://tracking.example/0037071234"}


def test_capture_answers_201_with_location_and_capture_id(sandbox):
    order = sandbox.create_order()
    response = sandbox.om("POST", f"/{order['order_id']}/captures", idempotency_key=str(uuid.uuid4()),
                          json={"captured_amount": 49700, "description": "Everything", "reference": "C-1",
                                "order_lines": order["order_lines"], "shipping_info": [SHIPPING]})
    assert response.status_code == 201
    assert response.content == b""
    capture_id = response.headers["Capture-Id"]
    assert response.headers["Location"] == f"{sandbox.url}/ordermanagement/v1/orders/{order['order_id']}/captures/{capture_id}"
    capture = requests.get(response.headers["Location"], auth=(sandbox.username, sandbox.password), timeout=10).json()
    assert capture["captured_amount"] == 49700
    assert capture["klarna_reference"] == f"{order['klarna_reference']}-1"
    assert capture["captured_at"].endswith("Z")
    assert capture["order_lines"] == order["order_lines"]
    assert capture["shipping_info"] == [SHIPPING]
    assert capture["refunded_amount"] == 0
    assert (capture["description"], capture["reference"]) == ("Everything", "C-1")


def test_partial_captures_then_full(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 30000)
    order = sandbox.get_order(order_id)
    assert (order["status"], order["captured_amount"], order["remaining_authorized_amount"]) == ("PART_CAPTURED", 30000, 19700)
    second = sandbox.capture(order_id, 19700)
    order = sandbox.get_order(order_id)
    assert (order["status"], order["captured_amount"], order["remaining_authorized_amount"]) == ("CAPTURED", 49700, 0)
    assert [capture["klarna_reference"][-2:] for capture in order["captures"]] == ["-1", "-2"]
    assert order["captures"][1]["capture_id"] == second


def test_capture_snapshots_the_addresses_at_capture_time(sandbox):
    order_id = sandbox.create_order()["order_id"]
    first = sandbox.capture(order_id, 10000)
    new_address = dict(sandbox.get_order(order_id)["shipping_address"], street_address="Ny gata 2", postal_code="222 22")
    assert_no_content(sandbox.om("PATCH", f"/{order_id}/customer-details", json={"shipping_address": new_address}))
    second = sandbox.capture(order_id, 10000)
    captures = {capture["capture_id"]: capture for capture in sandbox.get_order(order_id)["captures"]}
    assert captures[first]["shipping_address"]["street_address"] == "Drottninggatan 1"
    assert captures[second]["shipping_address"]["street_address"] == "Ny gata 2"
    assert captures[second]["billing_address"]["street_address"] == "Drottninggatan 1"


def test_capture_above_the_remaining_amount_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 40000)
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 9701})
    assert_error(response, 403, "CAPTURE_NOT_ALLOWED",
                 "Captured amount is higher than the remaining authorized amount. Capture not possible.")
    assert sandbox.get_order(order_id)["captured_amount"] == 40000


def test_capture_on_a_fully_captured_order_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id)
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 1})
    assert_error(response, 403, "CAPTURE_NOT_ALLOWED",
                 "Captured amount is higher than the remaining authorized amount. Capture not possible.")


def test_capture_on_a_cancelled_order_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.cancel(order_id)
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 100})
    assert_error(response, 403, "CAPTURE_NOT_ALLOWED", "Order is cancelled. Capture not possible.")


def test_capture_on_an_expired_order_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.advance_clock(29)
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 100})
    assert_error(response, 403, "CAPTURE_NOT_ALLOWED", "Order has expired. Capture not possible.")


def test_capture_on_a_closed_order_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 100)
    assert_no_content(sandbox.om("POST", f"/{order_id}/release-remaining-authorization"))
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 100})
    assert_error(response, 403, "CAPTURE_NOT_ALLOWED", "Order is closed. Capture not possible.")


def test_capture_of_zero_is_unprocessable(sandbox):
    order_id = sandbox.create_order()["order_id"]
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 0})
    assert_error(response, 422, "UNPROCESSABLE_ENTITY", "The captured_amount value must be greater than 0")


def test_shipping_info_is_appended_to_a_capture(sandbox):
    order_id = sandbox.create_order()["order_id"]
    capture_id = sandbox.capture(order_id, shipping_info=[SHIPPING])
    more = {"shipping_company": "DHL SE", "shipping_method": "Home", "tracking_number": "JJD0001"}
    assert_no_content(sandbox.om("POST", f"/{order_id}/captures/{capture_id}/shipping-info",
                                 json={"shipping_info": [more]}))
    capture = sandbox.om("GET", f"/{order_id}/captures/{capture_id}").json()
    assert capture["shipping_info"] == [SHIPPING, more]


def test_capture_shipping_info_needs_an_existing_capture(sandbox):
    order_id = sandbox.create_order()["order_id"]
    body = {"shipping_info": [SHIPPING]}
    assert_error(sandbox.om("POST", f"/{order_id}/captures/{uuid.uuid4()}/shipping-info", json=body),
                 403, "NOT_ALLOWED", "Order has no captures.")
    sandbox.capture(order_id, 100)
    assert_error(sandbox.om("POST", f"/{order_id}/captures/unknown/shipping-info", json=body),
                 404, "NO_SUCH_CAPTURE")


def test_send_out_is_triggered_for_an_existing_capture_only(sandbox):
    order_id = sandbox.create_order()["order_id"]
    assert_error(sandbox.om("POST", f"/{order_id}/captures/{uuid.uuid4()}/trigger-send-out"),
                 403, "NOT_ALLOWED", "Order has no captures.")
    capture_id = sandbox.capture(order_id, 100)
    assert_no_content(sandbox.om("POST", f"/{order_id}/captures/{capture_id}/trigger-send-out"))
    assert_error(sandbox.om("POST", f"/{order_id}/captures/unknown/trigger-send-out"), 404, "NO_SUCH_CAPTURE")
