"""Reading orders, captures and refunds; unknown ids answer Klarna's 404 codes."""

from __future__ import annotations

import uuid

from tests.sandbox.expect import assert_error


def test_a_new_order_reads_authorized_with_its_amounts(sandbox):
    created = sandbox.create_order()
    response = sandbox.om("GET", f"/{created['order_id']}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    order = response.json()
    assert order == created
    assert order["status"] == "AUTHORIZED"
    assert order["order_amount"] == order["original_order_amount"] == order["remaining_authorized_amount"] == 49700
    assert order["captured_amount"] == order["refunded_amount"] == 0
    assert order["purchase_currency"] == "SEK" and order["locale"] == "sv-SE"
    assert [line["type"] for line in order["order_lines"]] == ["physical", "discount", "shipping_fee"]
    assert len(order["klarna_reference"]) == 7
    assert order["created_at"].endswith("Z") and order["expires_at"].endswith("Z")


def test_unknown_order_is_no_such_order(sandbox):
    missing = str(uuid.uuid4())
    assert_error(sandbox.om("GET", f"/{missing}"), 404, "NO_SUCH_ORDER", f"Order {missing} cannot be found")
    assert_error(sandbox.om("GET", f"/{missing}/captures"), 404, "NO_SUCH_ORDER")
    assert_error(sandbox.om("POST", f"/{missing}/cancel"), 404, "NO_SUCH_ORDER")


def test_captures_are_listed_and_read_one_by_one(sandbox):
    order_id = sandbox.create_order()["order_id"]
    first = sandbox.capture(order_id, 20000, description="First parcel")
    second = sandbox.capture(order_id, 10000)
    listed = sandbox.om("GET", f"/{order_id}/captures").json()
    assert [capture["capture_id"] for capture in listed] == [first, second]
    one = sandbox.om("GET", f"/{order_id}/captures/{first}").json()
    assert one == listed[0]
    assert one["captured_amount"] == 20000 and one["description"] == "First parcel"


def test_unknown_capture_is_no_such_capture(sandbox):
    order_id = sandbox.create_order()["order_id"]
    assert_error(sandbox.om("GET", f"/{order_id}/captures/nope"), 404, "NO_SUCH_CAPTURE",
                 f"Capture nope cannot be found for order {order_id}")


def test_refund_is_read_by_id_and_unknown_refund_is_not_found(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id)
    refund_id = sandbox.refund(order_id, 4900, description="Shipping refunded", reference="R-1")
    refund = sandbox.om("GET", f"/{order_id}/refunds/{refund_id}").json()
    assert refund["refund_id"] == refund_id
    assert refund["refunded_amount"] == 4900
    assert refund["description"] == "Shipping refunded" and refund["reference"] == "R-1"
    assert refund["refunded_at"].endswith("Z")
    assert_error(sandbox.om("GET", f"/{order_id}/refunds/other"), 404, "NOT_FOUND",
                 f"Refund other cannot be found for order {order_id}")


def test_unknown_paths_and_methods_answer_klarna_error_bodies(sandbox):
    order_id = sandbox.create_order()["order_id"]
    assert_error(sandbox.om("GET", f"/{order_id}/nothing-here"), 404, "NOT_FOUND")
    assert_error(sandbox.om("DELETE", f"/{order_id}"), 405, "METHOD_NOT_ALLOWED")
