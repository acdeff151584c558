"""Keeping an order's index row true: built from the order Klarna returned, written only on change.

``refresh(store_key, order)`` is called for every order the dashboard reads. It reads the row (one
``SELECT`` by its unique key) and compares: nothing changed and nothing to note means no write and
no commit. Timestamps alone ("last synced", "last opened") are written at most every
``INDEX_TOUCH_SECONDS`` per order. A change in money, status or expiry that no audited action of
ours since the last look explains is drift: the order was changed outside the dashboard.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.index.text import search_text
from app.klarna.types import Address, Order
from app.models.audit import AuditEntry
from app.models.order_index import IndexedOrder

logger = logging.getLogger(__name__)

# The fields a change of which can only come from an action on the order, and the actions of ours
# that explain it. A status change to CANCELLED is checked too; other status changes follow these.
EXPLAINED_BY: dict[str, frozenset[str]] = {
    "captured_amount": frozenset({"capture"}),
    "refunded_amount": frozenset({"refund"}),
    "order_amount": frozenset({"update_authorization", "release_authorization"}),
    "remaining_authorized_amount": frozenset({"capture", "release_authorization", "cancel", "update_authorization"}),
    "expires_at": frozenset({"extend_authorization"}),
    "status": frozenset({"cancel"}),
}
DRIFT_STATUSES = frozenset({"CANCELLED"})
# Allowance for clocks and for an action audited a moment before the row was last written.
EXPLANATION_MARGIN = timedelta(seconds=5)
TIMESTAMPS = ("last_synced_at", "last_opened_at", "last_opened_by")


def refresh(store_key: str, order: Order, opened_by: str | None = None, now: datetime | None = None) -> bool:
    """Bring the order's row up to date; True if it wrote. Never raises for a database failure
    (the order page matters more than its index row): it is logged and rolled back."""
    try:
        wrote = _refresh(store_key, order, opened_by, now or datetime.now(UTC))
        if wrote:
            db.session.commit()
        return wrote
    except SQLAlchemyError:
        db.session.rollback()
        logger.exception("the index row of order %s could not be written", order.order_id)
        return False


def _refresh(store_key: str, order: Order, opened_by: str | None, now: datetime) -> bool:
    if not order.order_id:
        return False
    values = row_values(store_key, order, customer_data=current_app.config["INDEX_CUSTOMER_DATA"])
    row = IndexedOrder.find(order.order_id, store_key)
    if row is None:
        IndexedOrder.insert({**values, **_stamps(now, opened_by)})
        return True
    changes = differences(row, values)
    update: dict[str, Any] = {name: values[name] for name in {change["field"] for change in changes}}
    if values["search_text"] != row.search_text:
        update.update({name: values[name] for name in _CONTACT_FIELDS + ("search_text",)})
    if changes:
        update.update(last_changes=changes, last_changed_at=now)
        update.update(_drift(row, changes, now))
    if update or _stale(row.last_synced_at, now):
        update["last_synced_at"] = now
    if opened_by and (opened_by != row.last_opened_by or _stale(row.last_opened_at, now)):
        update.update(last_opened_at=now, last_opened_by=opened_by)
    if not update:
        return False
    IndexedOrder.change(row.id, update)
    return True


_COMPARED = (
    "klarna_reference", "merchant_reference1", "merchant_reference2", "status", "fraud_status", "currency",
    "locale", "country", "original_order_amount", "order_amount", "captured_amount", "refunded_amount",
    "remaining_authorized_amount", "created_at", "expires_at",
)
_CONTACT_FIELDS = ("billing_name", "billing_email", "billing_phone", "shipping_name", "shipping_email", "shipping_phone")


def row_values(store_key: str, order: Order, customer_data: bool = True) -> dict[str, Any]:
    """The index row of ``order`` (customer names, emails and phones only with ``customer_data``)."""
    contact = _contact(order) if customer_data else dict.fromkeys(_CONTACT_FIELDS)
    searched = [order.order_id, order.klarna_reference, order.merchant_reference1, order.merchant_reference2,
                contact["billing_name"], contact["billing_email"], contact["shipping_name"], contact["shipping_email"]]
    return {
        "store_key": store_key,
        "order_id": order.order_id,
        "klarna_reference": _cut(order.klarna_reference, 64),
        "merchant_reference1": _cut(order.merchant_reference1, 255),
        "merchant_reference2": _cut(order.merchant_reference2, 255),
        "status": order.status,
        "fraud_status": order.fraud_status,
        "currency": order.purchase_currency,
        "locale": order.locale,
        "country": (order.purchase_country or "").upper()[:2] or None,
        "original_order_amount": order.original_order_amount,
        "order_amount": order.order_amount,
        "captured_amount": order.captured_amount,
        "refunded_amount": order.refunded_amount,
        "remaining_authorized_amount": order.remaining_authorized_amount,
        "created_at": order.created_at,
        "expires_at": order.expires_at,
        **contact,
        "search_text": search_text(searched, phones=[contact["billing_phone"], contact["shipping_phone"]]),
    }


def _contact(order: Order) -> dict[str, str | None]:
    billing, shipping = order.billing_address, order.shipping_address
    return {
        "billing_name": _name(billing),
        "billing_email": _cut(billing and billing.email, 255),
        "billing_phone": _cut(billing and billing.phone, 64),
        "shipping_name": _name(shipping),
        "shipping_email": _cut(shipping and shipping.email, 255),
        "shipping_phone": _cut(shipping and shipping.phone, 64),
    }


def _name(address: Address | None) -> str | None:
    if address is None:
        return None
    parts = [address.given_name, address.family_name] if (address.given_name or address.family_name) else []
    return _cut(" ".join(part for part in parts if part) or address.organization_name, 255)


def _cut(value: str | None, length: int) -> str | None:
    return value[:length] if value else None


def differences(row: IndexedOrder, values: dict[str, Any]) -> list[dict[str, Any]]:
    """What differs between the row and the order now: ``{"field", "before", "after"}`` each."""
    found = []
    for name in _COMPARED:
        before, after = getattr(row, name), values[name]
        if isinstance(before, datetime) and before.tzinfo is None:
            before = before.replace(tzinfo=UTC)  # SQLite gives naive datetimes back
        if before != after:
            found.append({"field": name, "before": _plain(before), "after": _plain(after)})
    return found


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def _drift(row: IndexedOrder, changes: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """The drift columns to write when some of ``changes`` are not explained by our audit log."""
    checked = [change for change in changes if _checked(change)]
    if not checked:
        return {}
    since = _as_utc(row.last_synced_at) - EXPLANATION_MARGIN
    ours = AuditEntry.operations_since(row.store_key, row.order_id, since)
    unexplained = [change for change in checked if not EXPLAINED_BY[change["field"]] & ours]
    if not unexplained:
        return {}
    kept = [*(row.drift or []), *unexplained] if row.drift_open else unexplained
    return {"drift": kept, "drift_seen_at": now, "drift_open": True}


def _checked(change: dict[str, Any]) -> bool:
    if change["field"] == "status":
        return change["after"] in DRIFT_STATUSES
    return change["field"] in EXPLAINED_BY


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stale(moment: datetime | None, now: datetime) -> bool:
    touch = timedelta(seconds=current_app.config["INDEX_TOUCH_SECONDS"])
    return moment is None or now - _as_utc(moment) >= touch


def _stamps(now: datetime, opened_by: str | None) -> dict[str, Any]:
    opened = {"last_opened_at": now, "last_opened_by": opened_by} if opened_by else {}
    return {"last_synced_at": now, **opened}


def mark_reviewed(row: IndexedOrder, username: str, now: datetime | None = None) -> None:
    """Staff looked at the drift of this order: it leaves the queue (the caller audits and commits)."""
    IndexedOrder.change(row.id, {"drift_open": False, "drift_reviewed_at": now or datetime.now(UTC),
                                 "drift_reviewed_by": username})
