"""Add shipping information (carrier, method, tracking links) to an order or to one of its captures."""

from __future__ import annotations

from app.actions.base import CAPTURE_SCOPE, Action, Target
from app.actions.edit_requests import ShippingInfoRequest
from app.actions.registry import register
from app.forms.shipping import TrackingForm
from app.klarna import KlarnaClient
from app.permissions import Permission


class AddTracking(Action[ShippingInfoRequest]):
    label = "Add tracking"
    noun = "shipping information"
    permission = Permission.ADD_SHIPPING_INFO
    form_class = TrackingForm
    fields_template = "actions/tracking/_fields.html"
    again = "Add more shipments"
    confirms = False

    def success_message(self, target: Target, request: ShippingInfoRequest, result_id: str | None) -> str:
        count = len(request.shipping_info)
        shipments = "1 shipment" if count == 1 else f"{count} shipments"
        return f"Added {shipments} to {self.place(target)}."

    def place(self, target: Target) -> str:
        """Where the shipments go, in words: "order K-123" or "capture K-123-1"."""
        raise NotImplementedError


@register
class AddOrderTracking(AddTracking):
    name = "order_shipping_info"
    title = "Add shipping information to the order"

    def place(self, target: Target) -> str:
        return f"order {target.reference}"

    def perform(self, client: KlarnaClient, target: Target, request: ShippingInfoRequest, key: str) -> str | None:
        client.add_order_shipping_info(target.order_id, **request.arguments(), idempotency_key=key)
        return None


@register
class AddCaptureTracking(AddTracking):
    name = "capture_shipping_info"
    title = "Add shipping information to the capture"
    scope = CAPTURE_SCOPE

    def place(self, target: Target) -> str:
        return f"capture {target.capture_reference}"

    def perform(self, client: KlarnaClient, target: Target, request: ShippingInfoRequest, key: str) -> str | None:
        client.add_capture_shipping_info(
            target.order_id, target.capture_id or "", **request.arguments(), idempotency_key=key
        )
        return None
