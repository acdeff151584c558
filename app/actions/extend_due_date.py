"""Extend a capture's payment due date by one of the options Klarna offers, for a fee the merchant pays."""

from __future__ import annotations

from dataclasses import replace

from app.actions.base import CAPTURE_SCOPE, Action, Confirmation, Target, capture_facts
from app.actions.due_dates import DueDateChoice, offered
from app.actions.edit_requests import DueDateRequest
from app.actions.outcomes import Outcome
from app.actions.registry import register
from app.forms.due_date import DueDateForm
from app.klarna import KlarnaClient
from app.permissions import Permission


@register
class ExtendDueDate(Action[DueDateRequest]):
    name = "extend_due_date"
    label = "Extend due date"
    title = "Extend the payment due date"
    noun = "due-date extension"
    permission = Permission.EXTEND_DUE_DATE
    form_class = DueDateForm
    fields_template = "actions/extend_due_date/_fields.html"
    again = None
    scope = CAPTURE_SCOPE
    confirm_label = "Extend and pay the fee"

    def prepare(self, client: KlarnaClient, target: Target) -> Target:
        return replace(target, extra=offered(client, target))

    def unavailable_reason(self, target: Target) -> str | None:
        choice: DueDateChoice | None = target.extra
        if choice is None or choice.options:  # not asked yet (the menu), or something is offered
            return None
        if choice.refusal is not None:  # Klarna's words are in unavailable_details, shown above
            return f"Klarna does not allow extending the due date of capture {target.capture_reference}."
        return f"Klarna offers no options to extend the due date of capture {target.capture_reference}."

    def unavailable_details(self, target: Target) -> Outcome | None:
        return target.extra.refusal if target.extra is not None else None

    def confirmation(self, target: Target, request: DueDateRequest) -> Confirmation:
        sentence = f"Extend the due date by {request.number_of_days} days for a fee of {request.fee} charged to the merchant."
        consequence = "Klarna charges the fee to the merchant, not to the customer. This cannot be undone."
        return Confirmation(sentence, capture_facts(target), consequence)

    def perform(self, client: KlarnaClient, target: Target, request: DueDateRequest, key: str) -> str | None:
        client.extend_due_date(target.order_id, target.capture_id or "", **request.arguments(), idempotency_key=key)
        return None

    def success_message(self, target: Target, request: DueDateRequest, result_id: str | None) -> str:
        return (
            f"The due date of capture {target.capture_reference} was extended by {request.number_of_days} days "
            f"(fee {request.fee})."
        )
