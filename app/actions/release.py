"""Release the remaining authorization: after a partial capture, let the customer off the rest."""

from __future__ import annotations

from dataclasses import dataclass

from app.actions.base import Action, Confirmation, Target, WholeOrderRequest
from app.actions.registry import register
from app.actions.states import ended, not_possible
from app.forms.actions import NoInputForm
from app.klarna import KlarnaClient
from app.klarna.types import OrderStatus
from app.permissions import Permission

NOT_RELEASABLE = {
    OrderStatus.AUTHORIZED: "nothing has been captured yet (cancel the order instead)",
    OrderStatus.CLOSED: "the remaining authorization has already been released",
}


@dataclass(frozen=True)
class ReleaseRequest(WholeOrderRequest):
    """``KlarnaClient.release_remaining_authorization``: the amount released is kept for the audit log."""

    amount_of = "remaining_authorized_amount"


@register
class ReleaseAction(Action[ReleaseRequest]):
    name = "release_authorization"
    label = "Release remaining"
    title = "Release the remaining authorization"
    permission = Permission.RELEASE_AUTHORIZATION
    form_class = NoInputForm.of(ReleaseRequest)
    fields_template = "actions/_no_fields.html"
    confirm_label = "Release it"
    danger = True
    noun = "release"
    again = None
    decline_label = "Keep it authorized"

    def unavailable_reason(self, target: Target) -> str | None:
        order = target.order
        reason = NOT_RELEASABLE.get(order.status or "") or ended(order)
        if reason is None and not order.remaining_authorized_amount:
            reason = "nothing remains authorized"
        return not_possible("Release", reason)

    def confirmation(self, target: Target, request: ReleaseRequest) -> Confirmation:
        order = target.order
        released = request.concerned or 0
        sentence = f"Release {target.money(released)} still authorized on order {target.reference}."
        facts = (
            ("Order amount", target.money(order.order_amount or 0)),
            ("Captured", target.money(order.captured_amount or 0)),
            ("Released now", target.money(released)),
        )
        consequence = (
            f"The customer will never be charged the {target.money(released)}: the order is closed and nothing "
            "more can be captured on it. What was captured can still be refunded. This cannot be undone."
        )
        return Confirmation(sentence, facts, consequence)

    def perform(self, client: KlarnaClient, target: Target, request: ReleaseRequest, key: str) -> str | None:
        client.release_remaining_authorization(target.order_id, idempotency_key=key)
        return None

    def success_message(self, target: Target, request: ReleaseRequest, result_id: str | None) -> str:
        return (
            f"Released {target.money(request.concerned or 0)} on order {target.reference}; "
            "the order is closed."
        )
