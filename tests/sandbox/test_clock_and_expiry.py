"""The sandbox clock moves forward on request; orders past ``expires_at`` read EXPIRED."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tests.sandbox.expect import assert_error


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_clock_advances_and_resets(sandbox):
    clock = sandbox.request("GET", "/sandbox/clock").json()
    assert clock["offset_days"] == 0
    assert abs(_parse(clock["now"]) - datetime.now(timezone.utc)) < timedelta(seconds=5)
    advanced = sandbox.advance_clock(2.5)
    assert advanced["offset_days"] == 2.5
    assert abs(_parse(advanced["now"]) - datetime.now(timezone.utc) - timedelta(days=2.5)) < timedelta(seconds=5)
    assert sandbox.reset_clock()["offset_days"] == 0


@pytest.mark.parametrize("body, message", [
    ({"advance_days": -1}, "The advance_days value must be between 0 and 3650"),
    ({}, "The advance_days value must not be null"),
])
def test_clock_only_moves_forward(sandbox, body, message):
    assert_error(sandbox.request("POST", "/sandbox/clock", json=body), 422, "UNPROCESSABLE_ENTITY", message)


def test_an_order_reads_expired_once_its_expiry_has_passed(sandbox):
    tomorrow = datetime.now(timezone.utc) + timedelta(days=1)
    order_id = sandbox.create_order(expires_at=tomorrow.isoformat())["order_id"]
    sandbox.advance_clock(0.9)
    assert sandbox.get_order(order_id)["status"] == "AUTHORIZED"
    sandbox.advance_clock(0.2)
    order = sandbox.get_order(order_id)
    assert (order["status"], order["remaining_authorized_amount"]) == ("EXPIRED", 0)
    sandbox.reset_clock()
    assert sandbox.get_order(order_id)["status"] == "AUTHORIZED"


def test_a_part_captured_order_expires_but_can_still_be_refunded(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id, 20000)
    sandbox.advance_clock(30)
    assert sandbox.get_order(order_id)["status"] == "EXPIRED"
    sandbox.refund(order_id, 20000)
    assert sandbox.get_order(order_id)["refunded_amount"] == 20000


def test_a_fully_captured_order_never_expires(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.capture(order_id)
    sandbox.advance_clock(60)
    assert sandbox.get_order(order_id)["status"] == "CAPTURED"


def test_a_cancelled_order_stays_cancelled_after_expiry(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.cancel(order_id)
    sandbox.advance_clock(60)
    assert sandbox.get_order(order_id)["status"] == "CANCELLED"
