"""Order operations against the sandbox over HTTP: what comes back and what the order becomes."""

from datetime import datetime, timedelta, timezone

import pytest

from app.klarna import NotAllowed, NotFound
from app.klarna.types import Address, Order, OrderLine, OrderStatus, ShippingInfo
from tests.klarna.conftest import line

UUID_LENGTH = 36


def test_get_order_returns_a_typed_order(klarna, new_order):
    created = new_order(10000, merchant_reference1="A-1001", order_lines=[line("Grinder", 10000, reference="G-1")])
    order = klarna.get_order(created["order_id"])
    assert isinstance(order, Order)
    assert order.order_id == created["order_id"] and order.status == OrderStatus.AUTHORIZED
    assert order.purchase_currency == "SEK" and order.merchant_reference1 == "A-1001"
    assert order.order_amount == 10000 and order.remaining_authorized_amount == 10000
    assert order.captured_amount == 0 and order.captures == []
    assert isinstance(order.order_lines[0], OrderLine) and order.order_lines[0].reference == "G-1"
    assert order.created_at.tzinfo is not None and order.expires_at > order.created_at


def test_get_order_of_an_unknown_id_is_not_found(klarna):
    with pytest.raises(NotFound) as caught:
        klarna.get_order("no-such-order")
    assert caught.value.status == 404 and caught.value.error_code == "NO_SUCH_ORDER"
    assert len(caught.value.correlation_id) == UUID_LENGTH


def test_acknowledge_answers_nothing_and_is_received_once(klarna, sandbox, order_id):
    assert klarna.acknowledge(order_id, idempotency_key="ack-key-1") is None
    (entry,) = [e for e in sandbox.requests_log(order_id) if e["path"].endswith("/acknowledge")]
    assert entry["status"] == 204 and entry["idempotency_key"] == "ack-key-1"


def test_update_authorization_changes_the_order_amount(klarna, order_id):
    klarna.update_authorization(order_id, 8000, description="Removed an item", order_lines=[
        OrderLine(type="physical", name="Espresso machine", quantity=1, unit_price=8000, total_amount=8000)
    ])
    order = klarna.get_order(order_id)
    assert order.order_amount == 8000 and order.remaining_authorized_amount == 8000


def test_update_authorization_below_the_captured_amount_is_refused(klarna, captured):
    order_id, _ = captured
    with pytest.raises(NotAllowed) as caught:
        klarna.update_authorization(order_id, 5000)
    assert caught.value.error_code == "NOT_ALLOWED"
    assert "cannot be less than the captured amount" in " ".join(caught.value.error_messages)


def test_update_customer_details_replaces_the_shipping_address(klarna, order_id):
    address = Address(
        given_name="Klara", family_name="Joyce", street_address="Sveavägen 46",
        postal_code="11134", city="Stockholm", country="SE", email="klara@example.com",
    )  # fmt: skip
    klarna.update_customer_details(order_id, address)
    shipping = klarna.get_order(order_id).shipping_address
    assert (shipping.street_address, shipping.postal_code, shipping.city) == ("Sveavägen 46", "11134", "Stockholm")


def test_extend_authorization_time_moves_the_expiry_28_days_ahead(klarna, order_id):
    klarna.extend_authorization_time(order_id)
    expires_at = klarna.get_order(order_id).expires_at
    assert expires_at.date() - datetime.now(timezone.utc).date() in (timedelta(days=28), timedelta(days=29))


def test_update_merchant_references_sets_both(klarna, order_id):
    klarna.update_merchant_references(order_id, merchant_reference1="ORDER-77", merchant_reference2="CRM-3")
    order = klarna.get_order(order_id)
    assert (order.merchant_reference1, order.merchant_reference2) == ("ORDER-77", "CRM-3")


def test_merchant_references_of_a_cancelled_order_are_refused(klarna, order_id):
    klarna.cancel(order_id)
    with pytest.raises(NotAllowed):
        klarna.update_merchant_references(order_id, merchant_reference1="too late")


def test_release_remaining_authorization_closes_a_part_captured_order(klarna, captured):
    order_id, _ = captured
    klarna.release_remaining_authorization(order_id)
    order = klarna.get_order(order_id)
    assert order.remaining_authorized_amount == 0 and order.status == OrderStatus.CLOSED


def test_release_without_captures_is_refused(klarna, order_id):
    with pytest.raises(NotAllowed) as caught:
        klarna.release_remaining_authorization(order_id)
    assert caught.value.error_messages == ["Order has no captures. Remaining authorization cannot be released."]


def test_add_order_shipping_info_is_kept_on_the_order(klarna, order_id):
    info = ShippingInfo(shipping_company="PostNord", shipping_method="PickUpPoint", tracking_number="PN123SE")
    klarna.add_order_shipping_info(order_id, [info])
    (kept,) = klarna.get_order(order_id).shipping_info
    assert (kept.shipping_company, kept.tracking_number) == ("PostNord", "PN123SE")


def test_cancel_cancels_an_order_without_captures(klarna, order_id):
    klarna.cancel(order_id)
    assert klarna.get_order(order_id).status == OrderStatus.CANCELLED


def test_cancel_after_a_capture_is_refused_with_klarnas_words(klarna, captured):
    order_id, _ = captured
    with pytest.raises(NotAllowed) as caught:
        klarna.cancel(order_id)
    error = caught.value
    assert (error.status, error.error_code) == (403, "CANCEL_NOT_ALLOWED")
    assert error.error_messages == ["Order has previous captures. Cancel not possible"]
    assert len(error.correlation_id) == UUID_LENGTH and error.correlation_id in str(error)
    assert error.operation == "cancel" and error.order_id == order_id
