"""Captures: what an order still lets staff capture, and the typed request a capture form produces."""

from __future__ import annotations

from dataclasses import dataclass

from app.actions import lines
from app.actions.base import ActionRequest, not_sent
from app.actions.shipping import describe
from app.klarna.types import Order, OrderLine, ShippingInfo


@dataclass(frozen=True)
class CaptureRequest(ActionRequest):
    """The arguments of ``KlarnaClient.create_capture`` (amounts in minor units)."""

    captured_amount: int
    description: str | None = None
    reference: str | None = None
    order_lines: tuple[OrderLine, ...] | None = None
    shipping_info: tuple[ShippingInfo, ...] | None = None
    shipping_delay: int | None = None
    mode: str | None = not_sent()  # full, amount or lines: how staff chose (not sent)

    @property
    def amount(self) -> int:
        return self.captured_amount

    def lines_summary(self) -> str | None:
        return lines.summary(self.order_lines) if self.order_lines else None

    def details(self) -> str | None:
        parts = [
            f"mode: {self.mode}" if self.mode else None,
            f"description: {self.description}" if self.description else None,
            f"reference: {self.reference}" if self.reference else None,
            f"shipping: {describe(self.shipping_info)}" if self.shipping_info else None,
            f"shipping delay: {self.shipping_delay}" if self.shipping_delay is not None else None,
        ]
        return "; ".join(part for part in parts if part) or None


def capturable_lines(order: Order) -> list[lines.LineState]:
    """Each order line with the units already captured."""
    captured = [line for capture in order.captures for line in capture.order_lines]
    return lines.line_states(order.order_lines, captured)


def everything_left(order: Order) -> tuple[int, tuple[OrderLine, ...] | None]:
    """What "capture everything" sends: the remaining amount, with the remaining lines when they
    add up to exactly that amount (otherwise without lines, rather than lines that disagree)."""
    remaining = order.remaining_authorized_amount or 0
    left = tuple(state.part(state.left) for state in capturable_lines(order) if state.left > 0)
    if left and lines.total_of(left) == remaining:
        return remaining, left
    return remaining, None
