"""Capture: take money the customer authorized (all that remains, an amount, or order lines)."""

from __future__ import annotations

from app.actions.base import Action, Confirmation, Target
from app.actions.capturing import CaptureRequest
from app.actions.lines import total_of
from app.actions.registry import register
from app.actions.shipping import describe_one
from app.actions.states import ended, not_possible
from app.forms.capture import CaptureForm
from app.klarna import KlarnaClient
from app.permissions import Permission

FRAUD_REASONS = {
    "PENDING": "Klarna's fraud check is still pending; wait until Klarna accepts the order",
    "REJECTED": "Klarna rejected the order in its fraud check; do not ship it",
}


@register
class CaptureAction(Action[CaptureRequest]):
    name = "capture"
    label = "Capture"
    title = "Capture payment"
    permission = Permission.CAPTURE
    form_class = CaptureForm
    fields_template = "actions/capture/_fields.html"
    confirm_label = "Capture now"
    result_label = "Capture id"

    def unavailable_reason(self, target: Target) -> str | None:
        order = target.order
        reason = ended(order) or FRAUD_REASONS.get(order.fraud_status or "")
        if reason is None and not order.remaining_authorized_amount:
            reason = "nothing remains authorized"
        return not_possible("Capture", reason)

    def confirmation(self, target: Target, request: CaptureRequest) -> Confirmation:
        remaining = target.order.remaining_authorized_amount or 0
        sentence = (
            f"Capture {target.money(request.captured_amount)} of {target.money(remaining)} remaining "
            f"on order {target.reference}."
        )
        facts: list[tuple[str, str]] = []
        for line in request.order_lines or ():
            facts.append(("Line", f"{line.quantity} × {line.name}: {target.money(line.total_amount)}"))
        lines_total = total_of(request.order_lines or ())
        if request.order_lines and lines_total != request.captured_amount:
            facts.append(("Lines' total", f"{target.money(lines_total)} (you chose another amount)"))
        for info in request.shipping_info or ():
            facts.append(("Shipment", describe_one(info)))
        optional = (
            ("Description for the customer", request.description),
            ("Internal reference", request.reference),
            ("Shipping delay (days)", None if request.shipping_delay is None else str(request.shipping_delay)),
        )
        facts.extend((label, value) for label, value in optional if value)
        left = remaining - request.captured_amount
        consequence = None if left else "Nothing will remain authorized: the order will be fully captured."
        return Confirmation(sentence, tuple(facts), consequence)

    def perform(self, client: KlarnaClient, target: Target, request: CaptureRequest, key: str) -> str | None:
        return client.create_capture(target.order_id, **request.arguments(), idempotency_key=key)

    def success_message(self, target: Target, request: CaptureRequest, result_id: str | None) -> str:
        return f"Captured {target.money(request.captured_amount)} on order {target.reference}."
