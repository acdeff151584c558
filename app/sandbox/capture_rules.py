"""Klarna's rules for captures, refunds, capture shipping info and customer send-outs."""

from __future__ import annotations

import uuid
from datetime import datetime

from . import model
from .clock import isoformat
from .errors import Refused, Unprocessable
from .rules import STATE_PHRASES

CAPTURE_CLOSED_STATES = (model.CANCELLED, model.EXPIRED, model.CLOSED)


def _require_positive(body: dict, field: str) -> int:
    amount = body[field]
    if amount <= 0:
        raise Unprocessable("UNPROCESSABLE_ENTITY", f"The {field} value must be greater than 0")
    return amount


def create_capture(order: dict, body: dict, now: datetime, capture_id: str | None = None) -> dict:
    amount = _require_positive(body, "captured_amount")
    status = model.status(order, now)
    if status in CAPTURE_CLOSED_STATES:
        raise Refused("CAPTURE_NOT_ALLOWED", f"{STATE_PHRASES[status]} Capture not possible.")
    if amount > model.remaining_authorized_amount(order, now):
        raise Refused("CAPTURE_NOT_ALLOWED",
                      "Captured amount is higher than the remaining authorized amount. Capture not possible.")
    capture = {
        "capture_id": capture_id or str(uuid.uuid4()),
        "klarna_reference": f"{order['klarna_reference']}-{len(order['captures']) + 1}",
        "captured_amount": amount,
        "captured_at": isoformat(now),
        "description": body.get("description"),
        "reference": body.get("reference"),
        "order_lines": body.get("order_lines", []),
        "refunded_amount": 0,
        # Snapshots: a later change of the order's shipping address does not move a parcel already sent.
        "billing_address": order.get("billing_address"),
        "shipping_address": order.get("shipping_address"),
        "shipping_info": body.get("shipping_info", []),
    }
    order["captures"].append(capture)
    return capture


def create_refund(order: dict, body: dict, now: datetime, refund_id: str | None = None) -> dict:
    amount = _require_positive(body, "refunded_amount")
    if not order["captures"]:
        raise Refused("REFUND_NOT_ALLOWED", "Order has no captures. Refund not possible")
    if model.refunded_amount(order) + amount > model.captured_amount(order):
        raise Refused("REFUND_NOT_ALLOWED", "Over refund is not allowed. Refund not possible.")
    refund = {
        "refund_id": refund_id or str(uuid.uuid4()),
        "refunded_amount": amount,
        "refunded_at": isoformat(now),
        "description": body.get("description"),
        "reference": body.get("reference"),
        "order_lines": body.get("order_lines", []),
    }
    _allocate_to_captures(order["captures"], amount)
    order["refunds"].append(refund)
    return refund


def _allocate_to_captures(captures: list[dict], amount: int) -> None:
    """Spread a refund over the captures, oldest first, so each capture shows what was refunded from it."""
    for capture in captures:
        share = min(amount, capture["captured_amount"] - capture["refunded_amount"])
        capture["refunded_amount"] += share
        amount -= share


def capture_for_update(order: dict, capture_id: str) -> dict:
    """The capture an update targets: 403 when the order has no captures at all, 404 when this one is unknown."""
    if not order["captures"]:
        raise Refused("NOT_ALLOWED", "Order has no captures.")
    return model.find_capture(order, capture_id)


def add_capture_shipping_info(order: dict, capture_id: str, body: dict, now: datetime) -> None:
    capture = capture_for_update(order, capture_id)
    capture["shipping_info"] = capture.get("shipping_info", []) + body["shipping_info"]


def trigger_send_out(order: dict, capture_id: str, now: datetime) -> None:
    capture = capture_for_update(order, capture_id)
    capture["send_outs"] = capture.get("send_outs", []) + [isoformat(now)]
