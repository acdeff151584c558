"""Merchant references 1 and 2: edited in place on the order's summary (or on a page of their own).

No confirmation: nothing moves money. Klarna decides what it accepts (it refuses cancelled orders,
and staff read its words), so the edit is offered on every order.
"""

from __future__ import annotations

from app.actions.base import Action, Target
from app.actions.edit_requests import REFERENCE_LABELS, ReferencesRequest
from app.actions.registry import register
from app.forms.references import ReferencesForm
from app.klarna import KlarnaClient
from app.permissions import Permission


@register
class EditReferences(Action[ReferencesRequest]):
    name = "merchant_references"
    label = "Edit references"
    title = "Edit merchant references"
    noun = "change of references"
    permission = Permission.EDIT_MERCHANT_REFERENCES
    form_class = ReferencesForm
    fields_template = "actions/merchant_references/_fields.html"
    again = None
    confirms = False
    in_menu = False  # offered beside each reference in the summary
    inline_parts = tuple(REFERENCE_LABELS)
    inline_form_template = "actions/merchant_references/_inline_form.html"
    inline_result_template = "actions/merchant_references/_inline_result.html"

    def perform(self, client: KlarnaClient, target: Target, request: ReferencesRequest, key: str) -> str | None:
        client.update_merchant_references(target.order_id, **request.arguments(), idempotency_key=key)
        return None

    def success_message(self, target: Target, request: ReferencesRequest, result_id: str | None) -> str:
        changed = [label for name, label in REFERENCE_LABELS.items() if getattr(request, name) is not None]
        return f"{' and '.join(changed)} of order {target.reference} saved."
