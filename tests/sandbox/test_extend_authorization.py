"""Extending the authorization: day of request + 28 days, at most 180 days after purchase."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from tests.sandbox.expect import assert_error, assert_no_content


def _sandbox_today(sandbox) -> date:
    clock = sandbox.request("GET", "/sandbox/clock").json()
    return datetime.fromisoformat(clock["now"].replace("Z", "+00:00")).date()


def _extend(sandbox, order_id):
    return sandbox.om("POST", f"/{order_id}/extend-authorization-time")


def test_new_expiry_is_the_end_of_the_day_28_days_after_the_request(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.advance_clock(10)
    assert_no_content(_extend(sandbox, order_id))
    expected = _sandbox_today(sandbox) + timedelta(days=28)
    assert sandbox.get_order(order_id)["expires_at"] == f"{expected.isoformat()}T23:59:59.000Z"


def test_extending_twice_on_the_same_day_gives_the_same_date(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.advance_clock(5)
    assert_no_content(_extend(sandbox, order_id))
    first = sandbox.get_order(order_id)["expires_at"]
    assert_no_content(_extend(sandbox, order_id))
    assert sandbox.get_order(order_id)["expires_at"] == first


def test_expiry_is_capped_180_days_after_the_purchase(sandbox):
    soon = datetime.now(timezone.utc) + timedelta(days=170)
    order = sandbox.create_order(expires_at=soon.isoformat())
    sandbox.advance_clock(165)
    assert_no_content(_extend(sandbox, order["order_id"]))
    created = datetime.fromisoformat(order["created_at"].replace("Z", "+00:00"))
    expires = datetime.fromisoformat(sandbox.get_order(order["order_id"])["expires_at"].replace("Z", "+00:00"))
    assert expires == created + timedelta(days=180)


def test_extension_never_shortens_the_authorization(sandbox):
    later = datetime.now(timezone.utc) + timedelta(days=60)
    order = sandbox.create_order(expires_at=later.isoformat())
    assert_no_content(_extend(sandbox, order["order_id"]))
    assert sandbox.get_order(order["order_id"])["expires_at"] == order["expires_at"]


def test_extension_is_refused_once_expired(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.advance_clock(29)
    assert_error(_extend(sandbox, order_id), 403, "NOT_ALLOWED",
                 "Order has expired. Authorization time cannot be extended")


def test_extension_is_refused_when_cancelled(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.cancel(order_id)
    assert_error(_extend(sandbox, order_id), 403, "NOT_ALLOWED",
                 "Order is cancelled. Authorization time cannot be extended")


def test_an_extended_order_can_be_captured_after_its_first_expiry(sandbox):
    order_id = sandbox.create_order()["order_id"]
    sandbox.advance_clock(20)
    assert_no_content(_extend(sandbox, order_id))
    sandbox.advance_clock(20)
    assert sandbox.get_order(order_id)["status"] == "AUTHORIZED"
    sandbox.capture(order_id)
    assert sandbox.get_order(order_id)["status"] == "CAPTURED"
