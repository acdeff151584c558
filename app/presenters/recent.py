"""The start page's list of orders: recently opened ones, or the newest indexed before anyone opened one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from app.display import Amounts, relative, text, when
from app.models.order_index import IndexedOrder
from app.presenters.status import StatusView, order_status
from app.upstream import store_label, url_for_order


@dataclass(frozen=True)
class RecentOrderRow:
    order_id: str
    url: str
    store: str
    merchant_reference1: str
    status: StatusView
    amount: str
    opened_by: str | None
    opened_at: str  # absolute, for the title
    opened_ago: str  # "5 minutes ago"; for an order nobody opened, when it was created


def present_recent_orders(rows: Iterable[IndexedOrder], now: datetime | None = None) -> list[RecentOrderRow]:
    now = now or datetime.now(UTC)
    return [
        RecentOrderRow(
            order_id=row.order_id,
            url=url_for_order("orders.show", row.order_id, row.store_key),
            store=store_label(row.store_key),
            merchant_reference1=text(row.merchant_reference1),
            status=order_status(row.status),
            amount=Amounts(row.currency or "", row.locale)(row.order_amount),
            opened_by=row.last_opened_by,
            opened_at=when(row.last_opened_at or row.created_at),
            opened_ago=relative(row.last_opened_at or row.created_at, now),
        )
        for row in rows
    ]
