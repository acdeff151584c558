"""Update the authorization: a new order amount and, if staff edit them, new order lines."""

from __future__ import annotations

from app.actions.authorizing import AuthorizationRequest, LineChange, changes
from app.actions.base import Action, Confirmation, Target
from app.actions.registry import register
from app.actions.states import ended, not_possible
from app.display import tax_rate
from app.forms.authorization import UpdateAuthorizationForm
from app.klarna import KlarnaClient
from app.klarna.types import OrderLine
from app.permissions import Permission

RISK_CHECK = (
    "Klarna runs a new risk check on the customer for the higher amount and may refuse it; "
    "the order then stays as it is."
)
CHANGE_LABELS = {"new": "New line", "changed": "Changed line", "removed": "Removed line"}


@register
class UpdateAuthorizationAction(Action[AuthorizationRequest]):
    name = "update_authorization"
    label = "Update authorization"
    title = "Update the authorization"
    permission = Permission.UPDATE_AUTHORIZATION
    form_class = UpdateAuthorizationForm
    fields_template = "actions/update_authorization/_fields.html"
    confirm_label = "Update the authorization"
    noun = "authorization update"
    own_page = True  # the line editor needs the page's width

    def unavailable_reason(self, target: Target) -> str | None:
        return not_possible("Updating the authorization", ended(target.order))

    def confirmation(self, target: Target, request: AuthorizationRequest) -> Confirmation:
        order, money = target.order, target.money
        before, after = order.order_amount or 0, request.order_amount
        reference = target.reference
        if after == before:
            sentence = f"Keep the order amount of order {reference} at {money(before)} and replace its order lines."
        else:
            sentence = f"Change the authorized amount of order {reference} from {money(before)} to {money(after)}."
        facts = [("Difference", ("+" if after >= before else "") + money(after - before))]
        facts.append(("Captured so far", money(order.captured_amount or 0)))
        found, kept = changes(order.order_lines, request)
        facts.extend((CHANGE_LABELS[change.kind], self._describe(target, change)) for change in found)
        if request.order_lines is None:
            facts.append(("Order lines", "Not sent: the order keeps its lines"))
        elif kept:
            facts.append(("Unchanged lines", str(kept)))
        if request.description:
            facts.append(("Description of the change", request.description))
        if after > before:
            consequence = RISK_CHECK
        elif after < before:
            consequence = f"The customer's authorization is lowered: at most {money(after)} can be captured in all."
        else:
            consequence = None
        return Confirmation(sentence, tuple(facts), consequence)

    @staticmethod
    def _describe(target: Target, change: LineChange) -> str:
        if change.before is not None:
            return f"{change.line.name}: {_terms(target, change.before)} → {_terms(target, change.line)}"
        return f"{change.line.name}: {_terms(target, change.line)}"

    def perform(self, client: KlarnaClient, target: Target, request: AuthorizationRequest, key: str) -> str | None:
        client.update_authorization(target.order_id, **request.arguments(), idempotency_key=key)
        return None

    def success_message(self, target: Target, request: AuthorizationRequest, result_id: str | None) -> str:
        before = target.order.order_amount or 0
        return (
            f"The authorization of order {target.reference} is now {target.money(request.order_amount)} "
            f"(it was {target.money(before)})."
        )


def _terms(target: Target, line: OrderLine) -> str:
    """``2 × SEK 249,00 − SEK 10,00 = SEK 488,00, tax 25 %``."""
    money = target.money
    text = f"{line.quantity} × {money(line.unit_price)}"
    if line.total_discount_amount:
        text += f" − {money(line.total_discount_amount)}"
    text += f" = {money(line.total_amount)}"
    if line.tax_rate is not None:
        text += f", tax {tax_rate(line.tax_rate, target.locale)}"
    return text
