"""Refunds: what an order still lets staff refund, a return fee line, and the typed request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.actions import lines
from app.actions.base import ActionRequest, not_sent
from app.klarna.types import Order, OrderLine

RETURN_FEE_NAME = "Return fee"
RETURN_FEE_TYPE = "return_fee"  # the order line type Klarna gives a return fee


@dataclass(frozen=True)
class RefundRequest(ActionRequest):
    """The arguments of ``KlarnaClient.create_refund`` (amounts in minor units)."""

    refunded_amount: int
    description: str | None = None
    reference: str | None = None
    order_lines: tuple[OrderLine, ...] | None = None
    mode: str | None = not_sent()  # everything, amount or lines: how staff chose (not sent)

    @property
    def amount(self) -> int:
        return self.refunded_amount

    def detail_items(self) -> list[tuple[str, Any]]:
        return [("mode", self.mode), ("description", self.description), ("reference", self.reference)]


def refundable(order: Order) -> int:
    """Captured and not yet refunded (minor units)."""
    return max((order.captured_amount or 0) - (order.refunded_amount or 0), 0)


def refundable_lines(order: Order) -> list[lines.LineState]:
    """Each order line with the units already refunded (the amount check bounds the rest)."""
    refunded = [line for refund in order.refunds for line in refund.order_lines if line.type != RETURN_FEE_TYPE]
    return lines.line_states(order.order_lines, refunded)


def return_fee_line(fee: int) -> OrderLine:
    """What the customer pays for returning goods: a negative line that lowers the refund."""
    return OrderLine(type=RETURN_FEE_TYPE, name=RETURN_FEE_NAME, quantity=1, unit_price=-fee, total_amount=-fee)
