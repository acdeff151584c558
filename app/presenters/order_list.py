"""The order list's rows and the CSV export's columns, from index rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.actions import registry
from app.display import NOTHING, Amounts, relative, text, when, within
from app.models.ledger import LedgerKey
from app.models.order_index import OPEN_STATUSES, IndexedOrder
from app.money import minor_to_decimal
from app.presenters.status import StatusView, order_status
from app.upstream import store_label, url_for_order

SOON = timedelta(days=7)  # an expiry this close is highlighted while something is left to capture
FIELD_WORDS = {
    "captured_amount": "captured",
    "refunded_amount": "refunded",
    "order_amount": "order amount",
    "remaining_authorized_amount": "left to capture",
    "expires_at": "expiry",
    "status": "status",
}


@dataclass(frozen=True)
class OrderListRow:
    row_id: int
    order_id: str
    url: str
    reference: str  # merchant reference 1, else Klarna's reference
    klarna_reference: str
    store: str
    customer: str
    status: StatusView
    amount: str
    left_to_capture: str
    expires: str  # relative
    expires_at: str  # absolute, for the title
    expires_soon: bool
    synced: str  # relative
    synced_at: str
    drift: list[str]  # what changed outside the dashboard, in words
    drift_seen: str


def present_rows(rows: Iterable[IndexedOrder], now: datetime | None = None) -> list[OrderListRow]:
    now = now or datetime.now(UTC)
    return [_row(row, now) for row in rows]


def _row(row: IndexedOrder, now: datetime) -> OrderListRow:
    amounts = Amounts(row.currency or "", row.locale)
    left = row.remaining_authorized_amount or 0
    return OrderListRow(
        row_id=row.id,
        order_id=row.order_id,
        url=url_for_order("orders.show", row.order_id, row.store_key),
        reference=text(row.merchant_reference1 or row.klarna_reference or row.order_id[:8]),
        klarna_reference=text(row.klarna_reference),
        store=store_label(row.store_key),
        customer=text(row.billing_name or row.billing_email or row.shipping_name),
        status=order_status(row.status),
        amount=amounts(row.order_amount),
        left_to_capture=amounts(left) if row.status in OPEN_STATUSES else NOTHING,
        expires=relative(row.expires_at, now) or NOTHING,
        expires_at=when(row.expires_at),
        expires_soon=row.status in OPEN_STATUSES and left > 0 and within(row.expires_at, now, SOON),
        synced=relative(row.last_synced_at, now),
        synced_at=when(row.last_synced_at),
        drift=[describe_change(change, amounts) for change in row.drift or []] if row.drift_open else [],
        drift_seen=relative(row.drift_seen_at, now),
    )


def describe_change(change: dict, amounts: Amounts) -> str:
    """One change in words: "captured 0,00 kr → 100,00 kr"."""
    name = change.get("field", "")
    before, after = change.get("before"), change.get("after")
    if name.endswith("_amount"):
        before, after = amounts(before), amounts(after)
    elif name == "expires_at":
        before, after = _day(before), _day(after)
    return f"{FIELD_WORDS.get(name, name.replace('_', ' '))} {text(before)} → {text(after)}"


def _day(value: str | None) -> str:
    return value[:10] if value else NOTHING


CSV_COLUMNS = (
    "order_id", "store", "klarna_reference", "merchant_reference1", "merchant_reference2", "status",
    "fraud_status", "currency", "order_amount", "captured_amount", "refunded_amount", "remaining_authorized_amount",
    "created_at", "expires_at", "billing_name", "billing_email", "billing_phone", "country", "last_synced_at",
    "changed_outside_dashboard",
)


def csv_cells(row: IndexedOrder) -> list[object]:
    """One order as the export's cells: amounts as decimals in the order's currency, times in UTC."""
    def money(minor: int | None) -> object:
        return minor_to_decimal(minor, row.currency) if minor is not None and row.currency else ""

    return [
        row.order_id, row.store_key, row.klarna_reference, row.merchant_reference1, row.merchant_reference2,
        row.status, row.fraud_status, row.currency, money(row.order_amount), money(row.captured_amount),
        money(row.refunded_amount), money(row.remaining_authorized_amount), _iso(row.created_at),
        _iso(row.expires_at), row.billing_name, row.billing_email, row.billing_phone, row.country,
        _iso(row.last_synced_at), "yes" if row.drift_open else "",
    ]


def _iso(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).isoformat(timespec="seconds")


@dataclass(frozen=True)
class UnknownOutcomeRow:
    order_id: str
    order_url: str
    action: str
    by: str
    sent: str  # relative
    sent_at: str
    status_url: str  # the attempt's own page: how it stands, and sending it again


def present_unknown(keys: Iterable[tuple[LedgerKey, str]], now: datetime | None = None) -> list[UnknownOutcomeRow]:
    now = now or datetime.now(UTC)
    rows = []
    for key, username in keys:
        action = registry.get(key.operation)
        ids = {"capture_id": key.capture_id} if key.capture_id else {}
        rows.append(UnknownOutcomeRow(
            order_id=key.order_id,
            order_url=url_for_order("orders.show", key.order_id, key.store),
            action=action.label if action else key.operation.replace("_", " ").capitalize(),
            by=username,
            sent=relative(key.first_sent_at or key.created_at, now),
            sent_at=when(key.first_sent_at or key.created_at),
            status_url=url_for_order("actions.status", key.order_id, key.store, name=key.operation, key=key.key, **ids),
        ))
    return rows
