"""Shipping information rows: carrier, method, tracking and return tracking (for captures and edits),
and the form that adds shipments to an order or a capture afterwards (``TrackingForm``).

Several rows work without JavaScript: the form shows a row to fill in, and an "add another
shipment" button (``ADD_ROW``) sends the form back to be shown with one more row. Empty rows are
ignored.
"""

from __future__ import annotations

from typing import Any

from wtforms import Field, FieldList, Form, FormField, SelectField, StringField, ValidationError
from wtforms.fields import URLField

from app.actions.edit_requests import ShippingInfoRequest
from app.display import http_url
from app.forms.actions import ActionForm, choices, optional_text, text_field
from app.klarna.types import ShippingInfo
from app.vocabulary import SHIPPING_METHODS

ADD_ROW = "add_shipping_row"
MAX_ROWS = 10


def web_address(form: Form, field: Field) -> None:
    """Tracking links must be http or https addresses (nothing else is safe to show customers)."""
    if field.data and http_url(field.data) is None:  # the test the order page makes before showing a link
        raise ValidationError("Enter a web address that starts with https:// or http://.")


def _link(label: str) -> Field:
    return text_field(label, 1024, URLField, checks=(web_address,), placeholder="https://")


class ShippingInfoForm(Form):
    shipping_company = text_field("Carrier", 100, placeholder="e.g. PostNord SE")
    shipping_method = SelectField(
        "Method", choices=choices([("", "Not given"), *SHIPPING_METHODS.items()]), validate_choice=True, default=""
    )
    tracking_number = text_field("Tracking number", 100)
    tracking_uri = _link("Tracking link")
    return_shipping_company = text_field("Return carrier", 100)
    return_tracking_number = text_field("Return tracking number", 100)
    return_tracking_uri = _link("Return tracking link")

    def is_empty(self) -> bool:
        return not any(field.data for field in self)

    def to_shipping_info(self) -> ShippingInfo:
        return ShippingInfo(**{field.short_name: optional_text(field) for field in self})


def shipping_rows(label: str = "Shipping information") -> FieldList:
    return FieldList(FormField(ShippingInfoForm), label=label, min_entries=1, max_entries=MAX_ROWS)


def add_row(rows: FieldList) -> bool:
    """Show one more empty row, if there is room; False when the form already has the most."""
    if len(rows.entries) >= MAX_ROWS:
        return False
    rows.append_entry()
    return True


def row_requested(button: Field, rows: FieldList) -> bool:
    """Whether the form was sent by the "add another shipment" button (``button``'s value "1"): then
    it is only shown again, with one more row if there is room."""
    if button.data != "1":
        return False
    add_row(rows)
    return True


def shipping_info_of(rows: FieldList) -> tuple[ShippingInfo, ...] | None:
    """The filled-in rows, or None when every row is empty."""
    infos = tuple(entry.form.to_shipping_info() for entry in rows.entries if not entry.form.is_empty())
    return infos or None


class TrackingForm(ActionForm):
    """Shipments added to an order or to one capture after the fact."""

    shipping = shipping_rows("Shipments")
    add_shipping_row = StringField()  # "1" from the "add another shipment" button

    def needs_another_look(self) -> bool:
        return row_requested(self.add_shipping_row, self.shipping)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        infos = shipping_info_of(self.shipping)
        if infos is None:
            self.form_errors.append("Fill in at least one shipment: a carrier, a tracking number or a link.")
            return False
        if not valid:
            return False
        self.set_request(ShippingInfoRequest(shipping_info=infos))
        return True
