"""The stored order document, the values Klarna derives from it, and its API representation.

A stored order holds what was given at creation plus ``captures``, ``refunds`` and the internal
markers ``cancelled_at``, ``released_at`` and ``acknowledged_at``. Status and amounts are derived:

* CANCELLED once cancelled; CLOSED once the remaining authorization was released;
* CAPTURED when the captures reach the order amount;
* EXPIRED when ``expires_at`` has passed (for orders that were AUTHORIZED or PART_CAPTURED);
* otherwise PART_CAPTURED with captures, AUTHORIZED without.
"""

from __future__ import annotations

from datetime import datetime

from .clock import parse_iso
from .errors import no_such_capture, no_such_refund

AUTHORIZED = "AUTHORIZED"
PART_CAPTURED = "PART_CAPTURED"
CAPTURED = "CAPTURED"
CANCELLED = "CANCELLED"
EXPIRED = "EXPIRED"
CLOSED = "CLOSED"
STATUSES = (AUTHORIZED, PART_CAPTURED, CAPTURED, CANCELLED, EXPIRED, CLOSED)
OPEN_STATUSES = (AUTHORIZED, PART_CAPTURED)

ORDER_FIELDS = (
    "order_id", "status", "fraud_status", "order_amount", "original_order_amount", "captured_amount",
    "refunded_amount", "remaining_authorized_amount", "purchase_currency", "locale", "order_lines",
    "merchant_reference1", "merchant_reference2", "klarna_reference", "customer", "billing_address",
    "shipping_address", "created_at", "purchase_country", "expires_at", "captures", "refunds",
    "merchant_data", "initial_payment_method", "selected_shipping_option", "shipping_info",
)
CAPTURE_FIELDS = (
    "capture_id", "klarna_reference", "captured_amount", "captured_at", "description", "order_lines",
    "refunded_amount", "billing_address", "shipping_address", "shipping_info", "reference",
)
REFUND_FIELDS = (
    "refund_id", "refunded_amount", "refunded_at", "description", "order_lines", "reference", "credit_invoice",
)


def captured_amount(order: dict) -> int:
    return sum(capture["captured_amount"] for capture in order["captures"])


def refunded_amount(order: dict) -> int:
    return sum(refund["refunded_amount"] for refund in order["refunds"])


def is_expired(order: dict, now: datetime) -> bool:
    return now >= parse_iso(order["expires_at"])


def status(order: dict, now: datetime) -> str:
    if order.get("cancelled_at"):
        return CANCELLED
    if order.get("released_at"):
        return CLOSED
    captured = captured_amount(order)
    if captured and captured >= order["order_amount"]:
        return CAPTURED
    if is_expired(order, now):
        return EXPIRED
    return PART_CAPTURED if captured else AUTHORIZED


def remaining_authorized_amount(order: dict, now: datetime) -> int:
    if status(order, now) not in OPEN_STATUSES:
        return 0
    return order["order_amount"] - captured_amount(order)


def find_capture(order: dict, capture_id: str) -> dict:
    for capture in order["captures"]:
        if capture["capture_id"] == capture_id:
            return capture
    raise no_such_capture(order["order_id"], capture_id)


def find_refund(order: dict, refund_id: str) -> dict:
    for refund in order["refunds"]:
        if refund["refund_id"] == refund_id:
            return refund
    raise no_such_refund(order["order_id"], refund_id)


def _present(source: dict, fields: tuple[str, ...]) -> dict:
    """Fields in Klarna's order, leaving out absent ones (the spec has no nullable fields)."""
    return {name: source[name] for name in fields if source.get(name) is not None}


def capture_dto(capture: dict) -> dict:
    return _present(capture, CAPTURE_FIELDS)


def refund_dto(refund: dict) -> dict:
    return _present(refund, REFUND_FIELDS)


def order_dto(order: dict, now: datetime) -> dict:
    derived = dict(order)
    derived.update(
        status=status(order, now),
        captured_amount=captured_amount(order),
        refunded_amount=refunded_amount(order),
        remaining_authorized_amount=remaining_authorized_amount(order, now),
        captures=[capture_dto(capture) for capture in order["captures"]],
        refunds=[refund_dto(refund) for refund in order["refunds"]],
    )
    return _present(derived, ORDER_FIELDS)


def summary(order: dict, now: datetime) -> dict:
    """A short line per order for the sandbox's own order list."""
    return {
        "order_id": order["order_id"],
        "status": status(order, now),
        "purchase_currency": order["purchase_currency"],
        "order_amount": order["order_amount"],
        "merchant_reference1": order.get("merchant_reference1"),
        "created_at": order["created_at"],
        "expires_at": order["expires_at"],
    }
