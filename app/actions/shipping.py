"""A shipment in one line, as confirmations and the audit log show it."""

from __future__ import annotations

from app.klarna.types import ShippingInfo
from app.vocabulary import SHIPPING_METHODS


def describe(infos: tuple[ShippingInfo, ...] | None) -> str | None:
    """The shipments, separated by semicolons: for confirmations and the audit log."""
    if not infos:
        return None
    return "; ".join(describe_one(info) for info in infos)


def describe_one(info: ShippingInfo) -> str:
    parts = [
        info.shipping_company,
        SHIPPING_METHODS.get(info.shipping_method or ""),
        f"tracking {info.tracking_number}" if info.tracking_number else None,
        info.tracking_uri,
        f"return via {info.return_shipping_company}" if info.return_shipping_company else None,
        f"return tracking {info.return_tracking_number}" if info.return_tracking_number else None,
        info.return_tracking_uri,
    ]
    return ", ".join(part for part in parts if part)
