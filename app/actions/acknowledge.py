"""Acknowledge an order: tell Klarna the shop has received it (Klarna Checkout orders).

Klarna does not report whether an order was acknowledged, so what staff see is what this
dashboard's audit log knows (``acknowledgement`` in ``app/presenters/timeline.py``, shown beside the
form by ``app/presenters/actions.py``).
"""

from __future__ import annotations

from app.actions.base import Action, ActionRequest, Target
from app.actions.registry import register
from app.forms.actions import NoInputForm
from app.klarna import KlarnaClient
from app.permissions import Permission


@register
class Acknowledge(Action[ActionRequest]):
    name = "acknowledge"
    label = "Acknowledge"
    title = "Acknowledge the order"
    noun = "acknowledgement"
    permission = Permission.ACKNOWLEDGE
    form_class = NoInputForm
    fields_template = "actions/acknowledge/_fields.html"
    again = None
    confirms = False

    def perform(self, client: KlarnaClient, target: Target, request: ActionRequest, key: str) -> str | None:
        client.acknowledge(target.order_id, idempotency_key=key)
        return None

    def success_message(self, target: Target, request: ActionRequest, result_id: str | None) -> str:
        return f"Order {target.reference} acknowledged."
