"""Capture and refund operations against the sandbox over HTTP."""

import pytest

from app.klarna import InvalidRequest, NotAllowed, NotFound
from app.klarna.types import Capture, DueDateOptions, OrderStatus, Refund, ShippingInfo

TRACKING = ShippingInfo(shipping_company="DHL", shipping_method="Home", tracking_number="JD0001")


def test_create_capture_returns_the_id_of_a_capture_on_the_order(klarna, order_id):
    capture_id = klarna.create_capture(
        order_id, 4000, description="First parcel", reference="parcel-1", shipping_info=[TRACKING]
    )
    capture = klarna.get_capture(order_id, capture_id)
    assert isinstance(capture, Capture)
    assert (capture.capture_id, capture.captured_amount, capture.reference) == (capture_id, 4000, "parcel-1")
    assert capture.captured_at.tzinfo is not None
    assert capture.shipping_info[0].tracking_number == "JD0001"
    order = klarna.get_order(order_id)
    assert order.status == OrderStatus.PART_CAPTURED and order.remaining_authorized_amount == 6000


def test_list_captures_lists_every_capture(klarna, captured):
    order_id, first = captured
    second = klarna.create_capture(order_id, 4000)
    captures = klarna.list_captures(order_id)
    assert [c.capture_id for c in captures] == [first, second]
    assert klarna.get_order(order_id).status == OrderStatus.CAPTURED


def test_capturing_more_than_remains_is_refused(klarna, captured):
    order_id, _ = captured
    with pytest.raises(NotAllowed) as caught:
        klarna.create_capture(order_id, 4001)
    assert caught.value.error_code == "CAPTURE_NOT_ALLOWED"
    assert caught.value.error_messages == [
        "Captured amount is higher than the remaining authorized amount. Capture not possible."
    ]


def test_a_description_longer_than_the_spec_allows_is_invalid(klarna, order_id):
    with pytest.raises(InvalidRequest) as caught:
        klarna.create_capture(order_id, 100, description="x" * 256)
    assert (caught.value.status, caught.value.error_code) == (422, "UNPROCESSABLE_ENTITY")
    assert "description" in " ".join(caught.value.error_messages)


def test_an_unknown_capture_is_not_found(klarna, order_id):
    with pytest.raises(NotFound) as caught:
        klarna.get_capture(order_id, "no-such-capture")
    assert caught.value.error_code == "NO_SUCH_CAPTURE"


def test_due_date_options_and_extension_of_a_pay_later_capture(klarna, captured):
    order_id, capture_id = captured
    options = klarna.get_extend_due_date_options(order_id, capture_id)
    assert isinstance(options, DueDateOptions) and options.currency.upper() == "SEK"
    assert options.options and all(isinstance(o.amount, int) and o.amount > 0 for o in options.options)
    klarna.extend_due_date(order_id, capture_id, options.options[0].number_of_days)
    assert klarna.get_extend_due_date_options(order_id, capture_id).options == []


def test_extending_by_days_not_offered_is_refused(klarna, captured):
    order_id, capture_id = captured
    with pytest.raises(NotAllowed):
        klarna.extend_due_date(order_id, capture_id, 1000)


def test_add_capture_shipping_info_is_kept_on_the_capture(klarna, captured):
    order_id, capture_id = captured
    klarna.add_capture_shipping_info(order_id, capture_id, [TRACKING])
    assert [i.tracking_number for i in klarna.get_capture(order_id, capture_id).shipping_info] == ["JD0001"]


def test_trigger_send_out_is_accepted_for_a_capture(klarna, sandbox, captured):
    order_id, capture_id = captured
    assert klarna.trigger_send_out(order_id, capture_id) is None
    assert sandbox.requests_log(order_id)[-1]["status"] == 204


def test_trigger_send_out_for_an_unknown_capture_is_not_found(klarna, captured):
    order_id, _ = captured
    with pytest.raises(NotFound) as caught:
        klarna.trigger_send_out(order_id, "no-such-capture")
    assert caught.value.error_code == "NO_SUCH_CAPTURE"


def test_create_refund_returns_the_id_of_a_refund_on_the_order(klarna, captured):
    order_id, _ = captured
    refund_id = klarna.create_refund(order_id, 1500, description="Returned cups", reference="RMA-9")
    refund = klarna.get_refund(order_id, refund_id)
    assert isinstance(refund, Refund)
    assert (refund.refund_id, refund.refunded_amount, refund.reference) == (refund_id, 1500, "RMA-9")
    assert refund.refunded_at.tzinfo is not None
    assert klarna.get_order(order_id).refunded_amount == 1500


def test_a_refund_without_captures_is_refused(klarna, order_id):
    with pytest.raises(NotAllowed) as caught:
        klarna.create_refund(order_id, 100)
    assert caught.value.error_code == "REFUND_NOT_ALLOWED"
    assert caught.value.error_messages == ["Order has no captures. Refund not possible"]


def test_refunding_more_than_captured_is_refused(klarna, captured):
    order_id, _ = captured
    with pytest.raises(NotAllowed) as caught:
        klarna.create_refund(order_id, 6001)
    assert caught.value.error_messages == ["Over refund is not allowed. Refund not possible."]


def test_an_unknown_refund_is_not_found(klarna, captured):
    order_id, _ = captured
    with pytest.raises(NotFound):
        klarna.get_refund(order_id, "no-such-refund")
