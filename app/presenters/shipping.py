"""Shipping: the option the customer chose at checkout and the parcels the merchant reported."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.display import Amounts, http_url, text, words
from app.klarna.types import Addon, Location, SelectedShippingOption, ShippingInfo, Timeslot


@dataclass(frozen=True)
class Tracking:
    number: str
    url: str | None  # a safe http(s) link
    url_text: str | None  # an address that is not a safe link, shown as text only


@dataclass(frozen=True)
class ParcelView:
    company: str
    method: str
    tracking: Tracking | None
    return_company: str | None
    return_tracking: Tracking | None


@dataclass(frozen=True)
class ShippingOptionView:
    name: str
    carrier: str
    product: str
    method: str
    price: str
    location: str | None  # "ICA Nära Rådmansgatan, Rådmansgatan 40, 113 57 Stockholm (SE-PN-2311)"
    timeslot: str | None  # "18:00–21:00, order by 12:00"
    addons: list[str]  # "sms: +46701234567"


def present_parcels(infos: Sequence[ShippingInfo]) -> list[ParcelView]:
    return [
        ParcelView(
            company=text(info.shipping_company),
            method=words(info.shipping_method) if info.shipping_method else text(None),
            tracking=_tracking(info.tracking_number, info.tracking_uri),
            return_company=info.return_shipping_company,
            return_tracking=_tracking(info.return_tracking_number, info.return_tracking_uri),
        )
        for info in infos
    ]


def _tracking(number: str | None, uri: str | None) -> Tracking | None:
    if not number and not uri:
        return None
    link = http_url(uri)
    return Tracking(text(number), link, uri if uri and not link else None)


def present_shipping_option(option: SelectedShippingOption | None, amounts: Amounts) -> ShippingOptionView | None:
    if option is None:
        return None
    product = option.carrier_product.name if option.carrier_product else None
    return ShippingOptionView(
        name=text(option.name),
        carrier=text(option.carrier),
        product=text(product),
        method=words(option.method) if option.method else text(option.type),
        price=amounts(option.price),
        location=_location(option.location),
        timeslot=_timeslot(option.timeslot),
        addons=[_addon(addon, amounts) for addon in option.selected_addons],
    )


def _location(location: Location | None) -> str | None:
    if location is None:
        return None
    address = location.address
    parts = [location.name]
    if address is not None:
        town = " ".join(part for part in (address.postal_code, address.city) if part)
        parts += [address.street_address, address.street_address_2, town]
    shown = ", ".join(part for part in parts if part)
    return f"{shown} ({location.id})" if location.id else shown


def _timeslot(slot: Timeslot | None) -> str | None:
    if slot is None:
        return None
    span = "–".join(part for part in (slot.start, slot.end) if part) or text(slot.id)
    return f"{span}, order by {slot.cutoff}" if slot.cutoff else span


def _addon(addon: Addon, amounts: Amounts) -> str:
    shown = words(addon.type) if addon.type else text(addon.external_id)
    if addon.user_input:
        shown += f": {addon.user_input}"
    if addon.price:
        shown += f" ({amounts(addon.price)})"
    return shown
