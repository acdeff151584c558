"""Refund: give captured money back (everything refundable, an amount, or order lines)."""

from __future__ import annotations

from app.actions.base import Action, Confirmation, Target
from app.actions.refunding import RETURN_FEE_TYPE, RefundRequest, refundable
from app.actions.registry import register
from app.forms.refund import RefundForm
from app.klarna import KlarnaClient
from app.klarna.types import OrderLine
from app.permissions import Permission


@register
class RefundAction(Action[RefundRequest]):
    name = "refund"
    label = "Refund"
    title = "Refund money"
    permission = Permission.REFUND
    form_class = RefundForm
    fields_template = "actions/refund/_fields.html"
    confirm_label = "Refund now"
    result_label = "Refund id"

    def unavailable_reason(self, target: Target) -> str | None:
        order = target.order
        if not order.captures and not order.captured_amount:
            return "Refund is not possible: nothing has been captured yet."
        if refundable(order) <= 0:
            return "Refund is not possible: everything captured has already been refunded."
        return None

    def confirmation(self, target: Target, request: RefundRequest) -> Confirmation:
        sentence = (
            f"Refund {target.money(request.refunded_amount)} of {target.money(refundable(target.order))} "
            f"refundable on order {target.reference} to the customer."
        )
        facts = [_line_fact(target, line) for line in request.order_lines or ()]
        facts.extend((label, value) for label, value in (
            ("Reason, shown to the customer", request.description),
            ("Internal reference", request.reference),
        ) if value)
        consequence = "Klarna pays the money back to the customer; this cannot be undone."
        return Confirmation(sentence, tuple(facts), consequence)

    def perform(self, client: KlarnaClient, target: Target, request: RefundRequest, key: str) -> str | None:
        return client.create_refund(target.order_id, **request.arguments(), idempotency_key=key)

    def success_message(self, target: Target, request: RefundRequest, result_id: str | None) -> str:
        return f"Refunded {target.money(request.refunded_amount)} on order {target.reference}."


def _line_fact(target: Target, line: OrderLine) -> tuple[str, str]:
    """A refunded line for the confirmation; the return fee as what the customer keeps paying."""
    if line.type == RETURN_FEE_TYPE:
        return "Return fee", f"{target.money(-(line.total_amount or 0))}, kept back from the refund"
    return "Line", f"{line.quantity} × {line.name}: {target.money(line.total_amount)}"
