"""Captures: what each order line still lets staff capture, and the typed request of a capture."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
    mode: str | None = not_sent()  # everything, amount or lines: how staff chose (not sent)

    @property
    def amount(self) -> int:
        return self.captured_amount

    def detail_items(self) -> list[tuple[str, Any]]:
        return [
            ("mode", self.mode),
            ("description", self.description),
            ("reference", self.reference),
            ("shipping", describe(self.shipping_info)),
            ("shipping delay", self.shipping_delay),
        ]


def capturable_lines(order: Order) -> list[lines.LineState]:
    """Each order line with the units already captured."""
    captured = [line for capture in order.captures for line in capture.order_lines]
    return lines.line_states(order.order_lines, captured)
