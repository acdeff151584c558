"""Shipping information as staff read it: the API's shipping methods, and a shipment in one line."""

from __future__ import annotations

from app.klarna.types import ShippingInfo

# The API's list (shipping_info.shipping_method), with what staff read.
SHIPPING_METHODS = (
    ("Home", "Home delivery"),
    ("PickUpPoint", "Pick-up point"),
    ("PickUpStore", "Pick-up in store"),
    ("ClickCollect", "Click and collect"),
    ("PickUpWarehouse", "Pick-up at warehouse"),
    ("BoxReg", "Parcel box (registered)"),
    ("BoxUnreg", "Parcel box (unregistered)"),
    ("DHLPackstation", "DHL Packstation"),
    ("Postal", "Postal"),
    ("PalletDelivery", "Pallet delivery"),
    ("Digital", "Digital delivery"),
    ("Own", "Own delivery"),
    ("Undefined", "Other"),
)


def describe(infos: tuple[ShippingInfo, ...] | None) -> str | None:
    """The shipments, separated by semicolons: for confirmations and the audit log."""
    if not infos:
        return None
    return "; ".join(describe_one(info) for info in infos)


def describe_one(info: ShippingInfo) -> str:
    methods = dict(SHIPPING_METHODS)
    parts = [
        info.shipping_company,
        methods.get(info.shipping_method or ""),
        f"tracking {info.tracking_number}" if info.tracking_number else None,
        info.tracking_uri,
        f"return via {info.return_shipping_company}" if info.return_shipping_company else None,
        f"return tracking {info.return_tracking_number}" if info.return_tracking_number else None,
        info.return_tracking_uri,
    ]
    return ", ".join(part for part in parts if part)
