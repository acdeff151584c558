"""The shipping address form: every field of the API's ``address`` with its length limit.

Prefilled with the order's shipping address (or the billing address when the order has none).
A name or an organization, the street, the city and the country are needed; US addresses need
their state in ``region``. An address identical to the current one is not sent.
"""

from __future__ import annotations

from typing import Any

from wtforms import EmailField, SelectField, TelField
from wtforms.validators import Email, Optional

from app.actions.edit_requests import ShippingAddressRequest
from app.forms.actions import ActionForm, choices, text_field
from app.forms.countries import COUNTRIES
from app.klarna.types import Address

# The API's address fields (Address also keeps fields it does not know, in ``extra``).
ADDRESS_FIELDS = (
    "title", "given_name", "family_name", "organization_name", "attention", "street_address", "street_address2",
    "postal_code", "city", "region", "country", "phone", "email",
)  # fmt: skip
REGION_REQUIRED = {"US": "Enter the state: US addresses need one (for example TN)."}
REQUIRED = {
    "street_address": "Enter the street address.",
    "city": "Enter the city.",
    "country": "Choose the country.",
}


class ShippingAddressForm(ActionForm):
    title = text_field("Title", 20, placeholder="e.g. Mrs")
    given_name = text_field("Given name", 100)
    family_name = text_field("Family name", 100)
    organization_name = text_field("Organization", 255)
    attention = text_field("Attention (c/o)", 255)
    street_address = text_field("Street address", 100)
    street_address2 = text_field("Street address, second line", 100)
    postal_code = text_field("Postal code", 10)
    city = text_field("City", 200)
    region = text_field("Region or state", 200)
    country = SelectField("Country", choices=choices([("", "Choose a country"), *COUNTRIES]), default="")
    phone = text_field("Phone", 100, TelField)
    email = text_field("Email", 100, EmailField, checks=(Optional(), Email("Enter an email address like name@example.com.")))

    def prefill(self) -> None:
        order = self.target.order
        current = order.shipping_address or order.billing_address or Address(country=order.purchase_country)
        for name, value in _plain(current).items():
            self[name].data = value or ""

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        self._require()
        if not valid or self.error_messages():
            return False
        address = Address(**{name: self[name].data or None for name in ADDRESS_FIELDS})
        if _plain(address) == _plain(self.target.order.shipping_address):
            self.form_errors.append("This is the shipping address already: change a field, or close the form.")
            return False
        self.set_request(ShippingAddressRequest(shipping_address=address))
        return True

    def _require(self) -> None:
        for name, message in REQUIRED.items():
            if not self[name].data and not self[name].errors:
                self[name].errors.append(message)
        if not (self.given_name.data or self.family_name.data or self.organization_name.data):
            self.family_name.errors.append("Enter the recipient's name, or an organization.")
        region_message = REGION_REQUIRED.get(self.country.data or "")
        if region_message and not self.region.data:
            self.region.errors.append(region_message)


def _plain(address: Address | None) -> dict[str, str | None]:
    """An address as comparable values: empty text as None, the country code in capitals."""
    values = {name: getattr(address, name, None) or None for name in ADDRESS_FIELDS}
    if values["country"]:
        values["country"] = values["country"].upper()
    return values
