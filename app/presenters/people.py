"""The customer: masked identity data and the billing and shipping addresses."""

from __future__ import annotations

from dataclasses import dataclass

from app.klarna.types import Address, Customer
from app.presenters.display import country, mask, text

DATE_OF_BIRTH_VISIBLE = 2  # the day of the month
NATIONAL_ID_VISIBLE = 4


@dataclass(frozen=True)
class AddressView:
    lines: list[str]  # name, organization, attention, street, postal code and city, region, country
    email: str | None
    phone: str | None


@dataclass(frozen=True)
class CustomerView:
    name: str
    date_of_birth: str
    national_id: str
    billing: AddressView | None
    shipping: AddressView | None
    shipping_same_as_billing: bool


def present_customer(customer: Customer | None, billing: Address | None, shipping: Address | None) -> CustomerView:
    customer = customer or Customer()
    return CustomerView(
        name=customer_name(billing or shipping),
        date_of_birth=mask(customer.date_of_birth, DATE_OF_BIRTH_VISIBLE),
        national_id=mask(customer.national_identification_number, NATIONAL_ID_VISIBLE),
        billing=present_address(billing),
        shipping=present_address(shipping),
        shipping_same_as_billing=shipping is None or shipping == billing,
    )


def customer_name(address: Address | None) -> str:
    """The person's name, or the organization's."""
    if address is None:
        return text(None)
    person = " ".join(part for part in (address.given_name, address.family_name) if part)
    return person or text(address.organization_name)


def present_address(address: Address | None) -> AddressView | None:
    if address is None:
        return None
    name = " ".join(part for part in (address.title, address.given_name, address.family_name) if part)
    town = " ".join(part for part in (address.postal_code, address.city) if part)
    attention = f"Attn: {address.attention}" if address.attention else None
    parts = (name, address.organization_name, attention, address.street_address, address.street_address2,
             town, address.region)  # fmt: skip
    lines = [part for part in parts if part]
    if address.country:
        lines.append(country(address.country))
    return AddressView(lines, address.email or None, address.phone or None)
