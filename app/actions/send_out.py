"""Resend customer communication: Klarna sends the customer the payment details of a capture again."""

from __future__ import annotations

from app.actions.base import CAPTURE_SCOPE, Action, ActionRequest, Confirmation, Target, capture_facts
from app.actions.registry import register
from app.forms.actions import NoInputForm
from app.klarna import KlarnaClient
from app.permissions import Permission


@register
class ResendToCustomer(Action[ActionRequest]):
    name = "trigger_send_out"
    label = "Resend to customer"
    title = "Resend customer communication"
    noun = "resend"
    permission = Permission.TRIGGER_SEND_OUT
    form_class = NoInputForm
    fields_template = "actions/_no_fields.html"
    again = None
    decline_label = "Do not resend"
    scope = CAPTURE_SCOPE
    confirm_label = "Resend now"

    def confirmation(self, target: Target, request: ActionRequest) -> Confirmation:
        sentence = f"Ask Klarna to send the customer the payment details of capture {target.capture_reference} again."
        return Confirmation(sentence, capture_facts(target), "Klarna contacts the customer now; this cannot be taken back.")

    def perform(self, client: KlarnaClient, target: Target, request: ActionRequest, key: str) -> str | None:
        client.trigger_send_out(target.order_id, target.capture_id or "", idempotency_key=key)
        return None

    def success_message(self, target: Target, request: ActionRequest, result_id: str | None) -> str:
        return f"Klarna will send the customer the payment details of capture {target.capture_reference} again."
