"""The customer: masked identity data and the billing and shipping addresses."""

from __future__ import annotations

from dataclasses import dataclass

from app.display import country, mask, text
from app.klarna.types import Address, Customer

DATE_OF_BIRTH_VISIBLE = 2  # the day of the month
NATIONAL_ID_VISIBLE = 4
CITY_REGION_POSTCODE = {"US", "CA", "AU"}  # countries whose town line is "City, ST 12345" ("City ST 1234" in AU)
POSTCODE_LAST = {"GB", "IE"}  # countries that write the postcode on a line of its own, under the city


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
    name = _words(address.title, address.given_name, address.family_name)
    attention = f"Attn: {address.attention}" if address.attention else None
    parts = (name, address.organization_name, attention, address.street_address, address.street_address2,
             *_town_lines(address))  # fmt: skip
    lines = [part for part in parts if part]
    if address.country:
        lines.append(country(address.country))
    return AddressView(lines, address.email or None, address.phone or None)


def _town_lines(address: Address) -> list[str | None]:
    """The postal code, city and region in the order the address's country writes them."""
    place = (address.country or "").upper()
    if place in CITY_REGION_POSTCODE:
        city = f"{address.city}," if address.city and address.region and place != "AU" else address.city
        return [_words(city, address.region, address.postal_code)]  # San Francisco, CA 94103
    if place in POSTCODE_LAST:
        return [address.city, address.region, address.postal_code]  # Manchester / M1 1AA
    return [_words(address.postal_code, address.city), address.region]  # 111 34 Stockholm


def _words(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)
