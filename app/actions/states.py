"""Where an order stands, in the words the actions use to say why they are not possible."""

from __future__ import annotations

from app.klarna.types import Order, OrderStatus

# Why nothing more can be captured, authorized or extended (the statuses that are not open).
ENDED = {
    OrderStatus.CANCELLED: "the order is cancelled",
    OrderStatus.EXPIRED: "the authorization has expired",
    OrderStatus.CLOSED: "the order is closed (its remaining authorization was released)",
    OrderStatus.CAPTURED: "the whole order has been captured",
}


def ended(order: Order) -> str | None:
    """Why the order's authorization is no longer live, or None while it is."""
    return ENDED.get(order.status or "")


def not_possible(what: str, reason: str | None) -> str | None:
    """``Cancel is not possible: the order has captures.`` (None when there is no reason)."""
    return f"{what} is not possible: {reason}." if reason else None
