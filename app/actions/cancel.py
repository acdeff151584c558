"""Cancel: drop an order before anything is captured; the customer's whole authorization goes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.actions.base import Action, Confirmation, Target, WholeOrderRequest
from app.actions.registry import register
from app.actions.states import not_possible
from app.forms.actions import NoInputForm
from app.klarna import KlarnaClient
from app.klarna.types import OrderStatus
from app.permissions import Permission
from app.vocabulary import status_words


@dataclass(frozen=True)
class CancelRequest(WholeOrderRequest):
    """``KlarnaClient.cancel``: the authorization the cancellation drops is kept for the audit log."""

    amount_of = "order_amount"


@register
class CancelAction(Action[CancelRequest]):
    name = "cancel"
    label = "Cancel order"
    title = "Cancel the order"
    permission = Permission.CANCEL
    form_class = NoInputForm.of(CancelRequest)
    fields_template = "actions/_no_fields.html"
    confirm_label = "Cancel the order"
    danger = True
    noun = "cancellation"
    again = None
    decline_label = "Keep the order"

    def unavailable_reason(self, target: Target) -> str | None:
        order = target.order
        if order.status == OrderStatus.CANCELLED:
            return not_possible("Cancel", "the order is already cancelled")
        if order.captures or order.captured_amount:
            return not_possible("Cancel", "the order has captures. Refund them, or release what remains authorized")
        return None

    def confirmation(self, target: Target, request: CancelRequest) -> Confirmation:
        order = target.order
        authorized = target.money(order.order_amount or 0)
        sentence = f"Cancel order {target.reference} and drop its authorization of {authorized}."
        status, _meaning = status_words(order.status or "UNKNOWN")
        facts: list[tuple[str, Any]] = [("Status", f"{status}, nothing captured")]
        if order.merchant_reference1:
            facts.append(("Merchant reference", order.merchant_reference1))
        consequence = (
            "The customer will not be charged and nothing can be captured on this order any more. "
            "A cancelled order cannot be reopened."
        )
        return Confirmation(sentence, tuple(facts), consequence)

    def perform(self, client: KlarnaClient, target: Target, request: CancelRequest, key: str) -> str | None:
        client.cancel(target.order_id, idempotency_key=key)
        return None

    def success_message(self, target: Target, request: CancelRequest, result_id: str | None) -> str:
        return f"Order {target.reference} is cancelled; the customer will not be charged."
