"""Klarna's rules for operations on the order as a whole.

Each function checks the rule, raises ``Refused`` (403) when Klarna would refuse, and otherwise
changes the stored order document in place. ``now`` is the sandbox clock's time.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

from . import model
from .clock import isoformat, parse_iso
from .errors import Refused
from .order_lines import check_lines_match_amount

AUTHORIZATION_EXTENSION_DAYS = 28
MAX_AUTHORIZATION_DAYS = 180

STATE_PHRASES = {
    model.CANCELLED: "Order is cancelled.",
    model.EXPIRED: "Order has expired.",
    model.CAPTURED: "Order is fully captured.",
    model.CLOSED: "Order is closed.",
}


def _refuse_unless_open(order: dict, now: datetime, consequence: str, code: str = "NOT_ALLOWED") -> str:
    status = model.status(order, now)
    if status not in model.OPEN_STATUSES:
        raise Refused(code, f"{STATE_PHRASES[status]} {consequence}")
    return status


def acknowledge(order: dict, now: datetime) -> None:
    """Always allowed; acknowledging twice changes nothing."""
    order["acknowledged_at"] = order.get("acknowledged_at") or isoformat(now)


def update_authorization(order: dict, body: dict, now: datetime) -> None:
    _refuse_unless_open(order, now, "Order authorization cannot be updated")
    new_amount, captured = body["order_amount"], model.captured_amount(order)
    if new_amount < captured:
        raise Refused("NOT_ALLOWED",
                      f"Resulting authorization amount {new_amount} cannot be less than the captured amount {captured}")
    if "order_lines" in body:
        check_lines_match_amount(body["order_lines"], new_amount)
        order["order_lines"] = body["order_lines"]
    order["order_amount"] = new_amount


def new_expiry(order: dict, now: datetime) -> datetime:
    """End of (day of request + 28 days) in UTC, at most 180 days after creation, never before the current expiry."""
    wanted = datetime.combine(now.date() + timedelta(days=AUTHORIZATION_EXTENSION_DAYS), time(23, 59, 59),
                              tzinfo=timezone.utc)
    cap = parse_iso(order["created_at"]) + timedelta(days=MAX_AUTHORIZATION_DAYS)
    return max(parse_iso(order["expires_at"]), min(wanted, cap))


def extend_authorization_time(order: dict, now: datetime) -> None:
    _refuse_unless_open(order, now, "Authorization time cannot be extended")
    order["expires_at"] = isoformat(new_expiry(order, now))


def update_merchant_references(order: dict, body: dict, now: datetime) -> None:
    if model.status(order, now) == model.CANCELLED:
        raise Refused("NOT_ALLOWED", "Order is cancelled. Merchant references cannot be updated")
    for name in ("merchant_reference1", "merchant_reference2"):
        if name in body:
            order[name] = body[name]


def update_customer_details(order: dict, body: dict, now: datetime) -> None:
    """Only the shipping address can change, and not on cancelled, expired or closed orders."""
    if "billing_address" in body:
        raise Refused("NOT_ALLOWED", "Billing address cannot be updated")
    status = model.status(order, now)
    if status in (model.CANCELLED, model.EXPIRED, model.CLOSED):
        raise Refused("NOT_ALLOWED", f"{STATE_PHRASES[status]} Customer details cannot be updated")
    if "shipping_address" in body:
        order["shipping_address"] = body["shipping_address"]


def add_order_shipping_info(order: dict, body: dict, now: datetime) -> None:
    order["shipping_info"] = order.get("shipping_info", []) + body["shipping_info"]


def release_remaining_authorization(order: dict, now: datetime) -> None:
    status = model.status(order, now)
    if status == model.AUTHORIZED:
        raise Refused("NOT_ALLOWED", "Order has no captures. Remaining authorization cannot be released.")
    if status != model.PART_CAPTURED:
        raise Refused("NOT_ALLOWED", f"{STATE_PHRASES[status]} Remaining authorization cannot be released.")
    order["released_at"] = isoformat(now)


def cancel(order: dict, now: datetime) -> None:
    if order["captures"]:
        raise Refused("CANCEL_NOT_ALLOWED", "Order has previous captures. Cancel not possible")
    if model.status(order, now) == model.CANCELLED:
        raise Refused("CANCEL_NOT_ALLOWED", "Order is cancelled. Cancel not possible")
    order["cancelled_at"] = isoformat(now)
