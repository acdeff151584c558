"""Change the shipping address (Klarna's "customer details"; the billing address cannot change)."""

from __future__ import annotations

from app.actions.base import Action, Target
from app.actions.edit_requests import ShippingAddressRequest
from app.actions.registry import register
from app.actions.states import ended, not_possible
from app.forms.address import ShippingAddressForm
from app.klarna import KlarnaClient, KlarnaError, NotAllowed
from app.klarna.types import OrderStatus
from app.permissions import Permission

# The order's statuses that rule the change out (a captured order can still change where it ships).
CLOSED_TO_CHANGES = (OrderStatus.CANCELLED, OrderStatus.EXPIRED, OrderStatus.CLOSED)
RISK_REFUSAL = (
    "Klarna checks every new shipping address against its risk assessment, and this one was not accepted: "
    "the order still ships to the old address. Contact Klarna's merchant support with the correlation id "
    "below, or cancel the order and sell it again to the new address."
)


@register
class EditShippingAddress(Action[ShippingAddressRequest]):
    name = "shipping_address"
    label = "Edit shipping address"
    title = "Edit shipping address"
    noun = "change of shipping address"
    permission = Permission.EDIT_SHIPPING_ADDRESS
    form_class = ShippingAddressForm
    fields_template = "actions/shipping_address/_fields.html"
    again = None
    confirms = False

    def unavailable_reason(self, target: Target) -> str | None:
        closed = target.order.status in CLOSED_TO_CHANGES
        return not_possible("Changing the shipping address", ended(target.order) if closed else None)

    def refusal_advice(self, error: KlarnaError) -> str | None:
        return RISK_REFUSAL if isinstance(error, NotAllowed) else None

    def perform(self, client: KlarnaClient, target: Target, request: ShippingAddressRequest, key: str) -> str | None:
        client.update_customer_details(target.order_id, **request.arguments(), idempotency_key=key)
        return None

    def success_message(self, target: Target, request: ShippingAddressRequest, result_id: str | None) -> str:
        return f"Shipping address of order {target.reference} changed."
