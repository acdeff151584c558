"""Odd answers, typed arguments, observers and log lines (scripted answers; see scripted.py)."""

import base64
import logging

import pytest

from app.klarna import CallRecord, KlarnaError, NotAllowed, UnexpectedResponse
from app.klarna.errors import (
    AuthenticationFailed,
    Conflict,
    InvalidRequest,
    NotFound,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    ServerError,
    error_class_for,
)
from app.klarna.types import OrderLine
from tests.klarna.scripted import answer, refused, scripted_client

REFUSED_CAPTURE = answer(
    403,
    {
        "error_code": "CAPTURE_NOT_ALLOWED",
        "error_messages": [
            "Captured amount is higher than the remaining authorized amount. Capture not possible."
        ],
        "correlation_id": "66782175-ae05-44fc-9eb3-eeceadbad271",
    },
)


def test_a_redirect_is_not_followed():
    client, adapter, _ = scripted_client([answer(302, headers={"Location": "https://elsewhere.example/"})])
    with pytest.raises(UnexpectedResponse) as caught:
        client.cancel("order-1")
    assert caught.value.status == 302 and len(adapter.requests) == 1


def test_an_unreadable_body_is_an_unexpected_response():
    client, _, _ = scripted_client([answer(200, raw=b"<html>maintenance</html>")])
    with pytest.raises(UnexpectedResponse, match="could not read Klarna's answer"):
        client.get_order("order-1")


def test_a_created_refund_id_falls_back_to_the_location():
    location = "https://api.playground.klarna.com/ordermanagement/v1/orders/o/refunds/ref-9"
    client, _, _ = scripted_client([answer(201, headers={"Location": location})])
    assert client.create_refund("o", 100) == "ref-9"


def test_a_created_capture_without_any_id_is_unexpected():
    client, _, _ = scripted_client([answer(201)])
    with pytest.raises(UnexpectedResponse, match="neither Capture-Id nor Location"):
        client.create_capture("o", 100)


def test_an_error_without_a_klarna_body_still_has_a_type_and_status():
    client, _, _ = scripted_client([answer(404, raw=b"Not Found")])
    with pytest.raises(NotFound) as caught:
        client.get_order("o")
    assert caught.value.status == 404 and caught.value.error_code is None
    assert str(caught.value) == "get_order: Klarna answered HTTP 404: no details given"


def test_klarnas_refusal_reads_clearly():
    client, _, _ = scripted_client([REFUSED_CAPTURE])
    with pytest.raises(NotAllowed) as caught:
        client.create_capture("o", 100)
    assert str(caught.value) == (
        "create_capture: Klarna answered HTTP 403 CAPTURE_NOT_ALLOWED: Captured amount is higher "
        "than the remaining authorized amount. Capture not possible. "
        "(correlation id 66782175-ae05-44fc-9eb3-eeceadbad271)"
    )
    assert caught.value.outcome_known and not caught.value.retryable


@pytest.mark.parametrize(
    ("status", "kind", "outcome_known", "retryable"),
    [
        (400, InvalidRequest, True, False),
        (401, AuthenticationFailed, True, False),
        (403, NotAllowed, True, False),
        (404, NotFound, True, False),
        (409, Conflict, False, True),
        (413, InvalidRequest, True, False),
        (422, InvalidRequest, True, False),
        (429, RateLimited, True, True),
        (500, ServerError, False, True),
        (503, ServerError, False, True),
        (418, KlarnaError, True, False),
    ],
)
def test_each_status_has_its_error_class_and_meaning(status, kind, outcome_known, retryable):
    assert error_class_for(status) is kind
    assert (kind.outcome_known, kind.retryable) == (outcome_known, retryable)


def test_network_errors_say_whether_anything_happened():
    assert (NotSent.outcome_known, NotSent.retryable) == (True, True)
    assert (OutcomeUnknown.outcome_known, OutcomeUnknown.retryable) == (False, True)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.create_capture("o", 12.5),
        lambda c: c.create_capture("o", "1250"),
        lambda c: c.create_refund("o", True),
        lambda c: c.create_capture("o", 100, order_lines=[{"name": "raw dict"}]),
        lambda c: c.update_customer_details("o", {"city": "Stockholm"}),
        lambda c: c.extend_due_date("o", "c", 14.0),
    ],
)
def test_untyped_arguments_are_refused_before_anything_is_sent(call):
    client, adapter, _ = scripted_client([])
    with pytest.raises(TypeError):
        call(client)
    assert adapter.requests == []


def test_a_blank_idempotency_key_is_refused():
    client, adapter, _ = scripted_client([])
    with pytest.raises(ValueError, match="idempotency_key"):
        client.cancel("o", idempotency_key=" ")
    assert adapter.requests == []


def test_order_lines_are_sent_as_klarna_json():
    line = OrderLine(name="Headphones", quantity=1, unit_price=100, total_amount=100, type="physical")
    client, adapter, _ = scripted_client([answer(201, headers={"Capture-Id": "c"})])
    client.create_capture("o", 100, order_lines=[line], description="Shipped")
    assert adapter.requests[0].body == (
        b'{"captured_amount": 100, "description": "Shipped", "order_lines": [{"name": "Headphones", '
        b'"quantity": 1, "unit_price": 100, "total_amount": 100, "type": "physical"}]}'
    )


def test_observers_receive_one_record_per_call_even_when_one_fails():
    records: list[CallRecord] = []

    def broken(record):
        raise RuntimeError("metrics are down")

    client, _, _ = scripted_client([refused(), REFUSED_CAPTURE], on_call=[broken, records.append])
    with pytest.raises(NotAllowed):
        client.create_capture("order-7", 100, idempotency_key="key-7")
    assert records == [
        CallRecord(
            operation="create_capture",
            method="POST",
            path="/ordermanagement/v1/orders/order-7/captures",
            order_id="order-7",
            status=403,
            attempts=2,
            duration_ms=records[0].duration_ms,
            correlation_id="66782175-ae05-44fc-9eb3-eeceadbad271",
            idempotency_key="key-7",
            outcome="NotAllowed",
        )
    ]


def test_the_log_line_names_the_call_and_never_the_credentials(caplog):
    caplog.set_level(logging.INFO, logger="app.klarna")
    client, _, _ = scripted_client([REFUSED_CAPTURE])
    with pytest.raises(NotAllowed):
        client.create_capture("order-7", 100)
    (line,) = [r for r in caplog.records if r.name == "app.klarna"]
    message = line.getMessage()
    assert "create_capture" in message and "order=order-7" in message and "status=403" in message
    assert "correlation_id=66782175-ae05-44fc-9eb3-eeceadbad271" in message and "attempts=1" in message
    assert line.klarna_outcome == "NotAllowed" and line.klarna_status == 403
    basic = base64.b64encode(b"merchant:s3cret-password").decode()
    assert "s3cret-password" not in caplog.text and basic not in caplog.text
    assert "s3cret-password" not in repr(client)
