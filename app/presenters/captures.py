"""Captures and refunds: the rows of their panels and the detail of one."""

from __future__ import annotations

from dataclasses import dataclass

from app.display import Amounts, text, when
from app.klarna.types import Capture, Refund
from app.presenters.lines import LinesView, present_lines
from app.presenters.people import AddressView, present_address
from app.presenters.shipping import ParcelView, present_parcels


@dataclass(frozen=True)
class CaptureView:
    capture_id: str
    klarna_reference: str
    captured_at: str
    amount: str
    refunded: str
    any_refunded: bool
    fully_refunded: bool
    description: str | None
    reference: str | None
    lines: LinesView
    parcels: list[ParcelView]
    shipping_address: AddressView | None  # where it went, as Klarna recorded it with the capture


@dataclass(frozen=True)
class RefundView:
    refund_id: str
    refunded_at: str
    amount: str
    description: str | None
    reference: str | None
    credit_invoice: bool
    lines: LinesView


def present_capture(capture: Capture, amounts: Amounts, locale: str | None) -> CaptureView:
    refunded = capture.refunded_amount or 0
    return CaptureView(
        capture_id=capture.capture_id or "",
        klarna_reference=text(capture.klarna_reference),
        captured_at=when(capture.captured_at),
        amount=amounts(capture.captured_amount),
        refunded=amounts(refunded),
        any_refunded=refunded > 0,
        fully_refunded=bool(refunded) and refunded >= (capture.captured_amount or 0),
        description=capture.description or None,
        reference=capture.reference or None,
        lines=present_lines(capture.order_lines, amounts, locale),
        parcels=present_parcels(capture.shipping_info),
        shipping_address=present_address(capture.shipping_address),
    )


def present_refund(refund: Refund, amounts: Amounts, locale: str | None) -> RefundView:
    return RefundView(
        refund_id=refund.refund_id or "",
        refunded_at=when(refund.refunded_at),
        amount=amounts(refund.refunded_amount),
        description=refund.description or None,
        reference=refund.reference or None,
        credit_invoice=bool(refund.credit_invoice),
        lines=present_lines(refund.order_lines, amounts, locale),
    )
