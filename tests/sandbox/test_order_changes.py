"""Changes to the order as a whole: authorization amount, references, addresses, shipping info,
acknowledge, cancel and release of the remaining authorization."""

from __future__ import annotations

from tests.sandbox.expect import assert_error, assert_no_content

NEW_LINES = [{"type": "physical", "reference": "TERMOS-05", "name": "Termos 0,5 l", "quantity": 1,
              "unit_price": 24900, "tax_rate": 2500, "total_amount": 24900, "total_tax_amount": 4980}]


def test_update_authorization_sets_amount_and_lines(sandbox):
    order_id = sandbox.create_order()["order_id"]
    assert_no_content(sandbox.om("PATCH", f"/{order_id}/authorization",
                                 json={"order_amount": 24900, "order_lines": NEW_LINES, "description": "One less"}))
    order = sandbox.get_order(order_id)
    assert (order["order_amount"], order["original_order_amount"]) == (24900, 49700)
    assert order["order_lines"] == NEW_LINES
    assert order["remaining_authorized_amount"] == 24900


def test_update_authorization_below_the_captured_amount_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 30000)
    response = sandbox.om("PATCH", f"/{order_id}/authorization", json={"order_amount": 29999})
    assert_error(response, 403, "NOT_ALLOWED",
                 "Resulting authorization amount 29999 cannot be less than the captured amount 30000")
    assert_no_content(sandbox.om("PATCH", f"/{order_id}/authorization", json={"order_amount": 30000}))
    assert sandbox.get_order(order_id)["status"] == "CAPTURED"


def test_update_authorization_lines_must_add_up(sandbox):
    order_id = sandbox.create_order()["order_id"]
    response = sandbox.om("PATCH", f"/{order_id}/authorization", json={"order_amount": 30000, "order_lines": NEW_LINES})
    assert_error(response, 422, "UNPROCESSABLE_ENTITY",
                 "The order_amount value must equal the sum of the order_lines total_amount (24900)")


def test_update_authorization_is_refused_when_cancelled_expired_or_captured(sandbox):
    cancelled, expired, captured = (sandbox.create_order()["order_id"] for _ in range(3))
    sandbox.cancel(cancelled)
    sandbox.capture(captured)
    for order_id, message in ((cancelled, "Order is cancelled. Order authorization cannot be updated"),
                              (captured, "Order is fully captured. Order authorization cannot be updated")):
        response = sandbox.om("PATCH", f"/{order_id}/authorization", json={"order_amount": 60000})
        assert_error(response, 403, "NOT_ALLOWED", message)
    sandbox.advance_clock(30)
    response = sandbox.om("PATCH", f"/{expired}/authorization", json={"order_amount": 100})
    assert_error(response, 403, "NOT_ALLOWED", "Order has expired. Order authorization cannot be updated")


def test_merchant_references_are_overwritten_when_present(sandbox):
    order_id = sandbox.create_order(merchant_reference2="ERP-1")["order_id"]
    assert_no_content(sandbox.om("PATCH", f"/{order_id}/merchant-references", json={"merchant_reference1": "NEW-1"}))
    order = sandbox.get_order(order_id)
    assert (order["merchant_reference1"], order["merchant_reference2"]) == ("NEW-1", "ERP-1")


def test_merchant_references_are_refused_on_a_cancelled_order(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.cancel(order_id)
    response = sandbox.om("PATCH", f"/{order_id}/merchant-references", json={"merchant_reference1": "X"})
    assert_error(response, 403, "NOT_ALLOWED", "Order is cancelled. Merchant references cannot be updated")


def test_only_the_shipping_address_can_change(sandbox):
    order = sandbox.create_order()
    address = dict(order["shipping_address"], city="Uppsala", postal_code="753 20")
    assert_no_content(sandbox.om("PATCH", f"/{order['order_id']}/customer-details", json={"shipping_address": address}))
    changed = sandbox.get_order(order["order_id"])
    assert changed["shipping_address"] == address
    assert changed["billing_address"] == order["billing_address"]
    response = sandbox.om("PATCH", f"/{order['order_id']}/customer-details", json={"billing_address": address})
    assert_error(response, 403, "NOT_ALLOWED", "Billing address cannot be updated")


def test_customer_details_are_refused_on_a_cancelled_order(sandbox):
    order = sandbox.create_order()
    sandbox.cancel(order["order_id"])
    response = sandbox.om("PATCH", f"/{order['order_id']}/customer-details",
                          json={"shipping_address": order["shipping_address"]})
    assert_error(response, 403, "NOT_ALLOWED", "Order is cancelled. Customer details cannot be updated")


def test_shipping_info_is_added_to_the_order(sandbox):
    order_id = sandbox.create_order()["order_id"]
    info = {"shipping_company": "Bring", "shipping_method": "Home", "tracking_number": "70701"}
    assert_no_content(sandbox.om("POST", f"/{order_id}/shipping-info", json={"shipping_info": [info]}))
    assert sandbox.get_order(order_id)["shipping_info"] == [info]


def test_acknowledge_answers_204_and_changes_no_amount(sandbox):
    order = sandbox.create_order()
    assert_no_content(sandbox.om("POST", f"/{order['order_id']}/acknowledge"))
    assert_no_content(sandbox.om("POST", f"/{order['order_id']}/acknowledge"))
    assert sandbox.get_order(order["order_id"]) == order


def test_cancel_then_cancel_again(sandbox):
    order_id = sandbox.create_order()["order_id"]
    assert_no_content(sandbox.om("POST", f"/{order_id}/cancel"))
    order = sandbox.get_order(order_id)
    assert (order["status"], order["remaining_authorized_amount"]) == ("CANCELLED", 0)
    assert_error(sandbox.om("POST", f"/{order_id}/cancel"), 403, "CANCEL_NOT_ALLOWED",
                 "Order is cancelled. Cancel not possible")


def test_cancel_with_captures_is_refused(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 100)
    assert_error(sandbox.om("POST", f"/{order_id}/cancel"), 403, "CANCEL_NOT_ALLOWED",
                 "Order has previous captures. Cancel not possible")
    assert sandbox.get_order(order_id)["status"] == "PART_CAPTURED"


def test_release_closes_a_part_captured_order(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 20000)
    assert_no_content(sandbox.om("POST", f"/{order_id}/release-remaining-authorization"))
    order = sandbox.get_order(order_id)
    assert (order["status"], order["remaining_authorized_amount"], order["captured_amount"]) == ("CLOSED", 0, 20000)


def test_release_is_refused_unless_part_captured(sandbox):
    fresh, captured, cancelled = (sandbox.create_order()["order_id"] for _ in range(3))
    sandbox.capture(captured)
    sandbox.cancel(cancelled)
    cases = ((fresh, "Order has no captures. Remaining authorization cannot be released."),
             (captured, "Order is fully captured. Remaining authorization cannot be released."),
             (cancelled, "Order is cancelled. Remaining authorization cannot be released."))
    for order_id, message in cases:
        assert_error(sandbox.om("POST", f"/{order_id}/release-remaining-authorization"), 403, "NOT_ALLOWED", message)
