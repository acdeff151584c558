"""The typed requests of the edits and post-delivery actions (references, address, tracking, due date).

Each is built by its form's ``validate()`` and holds the client method's keyword arguments; the
actions that send nothing but the order or capture id (acknowledge, send-out) use ``ActionRequest``
itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.actions.base import ActionRequest, not_sent
from app.actions.shipping import describe
from app.klarna.types import Address, ShippingInfo

REFERENCE_LABELS = {"merchant_reference1": "Merchant reference 1", "merchant_reference2": "Merchant reference 2"}


@dataclass(frozen=True)
class ReferencesRequest(ActionRequest):
    """``update_merchant_references``: a reference left as None is not changed ("" clears it)."""

    merchant_reference1: str | None = None
    merchant_reference2: str | None = None

    def detail_items(self) -> list[tuple[str, Any]]:
        return [
            (label.lower(), _shown(getattr(self, name)))
            for name, label in REFERENCE_LABELS.items()
            if getattr(self, name) is not None
        ]


def _shown(value: str) -> str:
    return value or "(cleared)"


@dataclass(frozen=True)
class ShippingAddressRequest(ActionRequest):
    """``update_customer_details``: the new shipping address (never the billing address)."""

    shipping_address: Address

    def detail_items(self) -> list[tuple[str, Any]]:
        address = self.shipping_address
        town = " ".join(part for part in (address.postal_code, address.city) if part)
        where = ", ".join(part for part in (address.street_address, town, address.region, address.country) if part)
        return [("shipping address", where)]  # where to, without the person's name, phone or email


@dataclass(frozen=True)
class ShippingInfoRequest(ActionRequest):
    """``add_order_shipping_info`` / ``add_capture_shipping_info``: one or more shipments."""

    shipping_info: tuple[ShippingInfo, ...]

    def detail_items(self) -> list[tuple[str, Any]]:
        return [("shipping", describe(self.shipping_info))]


@dataclass(frozen=True)
class DueDateRequest(ActionRequest):
    """``extend_due_date``: the number of days chosen, and the fee Klarna offered for it (confirmed
    by staff, not sent)."""

    number_of_days: int
    fee: str | None = not_sent(shown=True)  # "SEK 29,00"

    def detail_items(self) -> list[tuple[str, Any]]:
        return [("days", self.number_of_days), ("fee", self.fee)]
