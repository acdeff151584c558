"""Queries over the order index: the order list's search, filters, sorting and keyset pages, and
the work queues (saved filters with their counts)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from app.extensions import db
from app.models.order_index import OPEN_STATUSES, IndexedOrder

LIKE_ESCAPE = "\\"


class Queue:
    """The work queues: saved views of the list."""

    EXPIRING = "expiring"  # the authorization ends within N days and something is left to capture
    WAITING = "waiting"  # authorized, nothing captured for more than N days
    DRIFT = "drift"  # changed outside the dashboard, not reviewed yet
    ALL = (EXPIRING, WAITING, DRIFT)


@dataclass(frozen=True)
class Sort:
    column: str
    descending: bool


SORTS = {
    "created_desc": Sort("created_at", True),
    "created_asc": Sort("created_at", False),
    "expires_asc": Sort("expires_at", False),
    "expires_desc": Sort("expires_at", True),
    "amount_desc": Sort("order_amount", True),
    "amount_asc": Sort("order_amount", False),
}
DEFAULT_SORT = "created_desc"


@dataclass(frozen=True)
class OrderFilter:
    terms: tuple[tuple[str, ...], ...] = ()  # folded search terms (app/index/text.py): each must match
    # in one of its spellings
    statuses: tuple[str, ...] = ()
    store: str | None = None
    currency: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None  # exclusive
    expires_from: datetime | None = None
    expires_to: datetime | None = None  # exclusive
    amount_from: int | None = None  # minor units
    amount_to: int | None = None
    left_to_capture: bool = False
    has_refunds: bool = False
    queue: str | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    expiring_days: int = 7
    waiting_days: int = 5

    def conditions(self) -> list[ColumnElement[bool]]:
        order = IndexedOrder
        found: list[ColumnElement[bool]] = [
            or_(*(order.search_text.like(f"%{_escaped(spelling)}%", escape=LIKE_ESCAPE) for spelling in term))
            for term in self.terms
        ]
        equal = {order.store_key: self.store, order.currency: self.currency}
        found += [column == value for column, value in equal.items() if value]
        if self.statuses:
            found.append(order.status.in_(self.statuses))
        bounds = [
            (order.created_at, self.created_from, self.created_to),
            (order.expires_at, self.expires_from, self.expires_to),
            (order.order_amount, self.amount_from, None),
        ]
        for column, low, high in bounds:
            if low is not None:
                found.append(column >= low)
            if high is not None:
                found.append(column < high)
        if self.amount_to is not None:
            found.append(order.order_amount <= self.amount_to)
        if self.left_to_capture:
            found.append(order.remaining_authorized_amount > 0)
        if self.has_refunds:
            found.append(order.refunded_amount > 0)
        if self.queue:
            found += queue_conditions(self.queue, self.now, self.expiring_days, self.waiting_days)
        return found


def queue_conditions(queue: str, now: datetime, expiring_days: int, waiting_days: int) -> list[ColumnElement[bool]]:
    order = IndexedOrder
    if queue == Queue.EXPIRING:
        return [order.status.in_(OPEN_STATUSES), order.remaining_authorized_amount > 0,
                order.expires_at >= now, order.expires_at < now + timedelta(days=expiring_days)]
    if queue == Queue.WAITING:
        return [order.status == "AUTHORIZED", func.coalesce(order.captured_amount, 0) == 0,
                order.created_at < now - timedelta(days=waiting_days)]
    if queue == Queue.DRIFT:
        return [order.drift_open.is_(True)]
    raise ValueError(f"no queue {queue!r}")


def _escaped(term: str) -> str:
    return term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")


# --- keyset pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    rows: list[IndexedOrder]
    total: int
    next_cursor: str | None  # the ``after`` of the next page, None on the last


def encode_cursor(value: object, row_id: int) -> str:
    plain = json.dumps([value.isoformat() if isinstance(value, datetime) else value, row_id])
    return base64.urlsafe_b64encode(plain.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, sort: Sort) -> tuple[object, int] | None:
    """The (sort value, id) a cursor stands for; None for a missing or unreadable one (first page)."""
    if not cursor:
        return None
    try:
        value, row_id = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if value is not None and sort.column.endswith("_at"):
            value = datetime.fromisoformat(value)
        return value, int(row_id)
    except (ValueError, TypeError):
        return None


def _after(sort: Sort, cursor: tuple[object, int]) -> ColumnElement[bool]:
    """Rows after the cursor in (sort column, id) order, empty values last whatever the direction."""
    column = getattr(IndexedOrder, sort.column)
    value, row_id = cursor
    row_after = IndexedOrder.id < row_id if sort.descending else IndexedOrder.id > row_id
    if value is None:
        return and_(column.is_(None), row_after)
    beyond = column < value if sort.descending else column > value
    return or_(beyond, and_(column == value, row_after), column.is_(None))


def _ordered(query: Select, sort: Sort, filtered: bool = False) -> Select:
    """In (sort column, id) order. On SQLite a filtered query sorts what it found rather than walking
    the sort column's index and looking up every row in turn (which reads the whole table at random
    when few rows match); PostgreSQL's planner weighs both ways itself."""
    column = getattr(IndexedOrder, sort.column)
    if filtered and db.session.get_bind().dialect.name == "sqlite":
        column = func.ifnull(column, column)  # the same values, but not the index's
    if sort.descending:
        return query.order_by(column.desc().nulls_last(), IndexedOrder.id.desc())
    return query.order_by(column.asc().nulls_last(), IndexedOrder.id.asc())


def matching(where: OrderFilter, sort_key: str) -> Select:
    """Every matching row, in the chosen order (the CSV export)."""
    conditions = where.conditions()
    return _ordered(select(IndexedOrder).where(*conditions), SORTS.get(sort_key, SORTS[DEFAULT_SORT]), bool(conditions))


def page(where: OrderFilter, sort_key: str, after: str | None, size: int) -> Page:
    """One page of matching rows after the cursor, with the total number of matches."""
    sort = SORTS.get(sort_key, SORTS[DEFAULT_SORT])
    conditions = where.conditions()
    query = _ordered(select(IndexedOrder).where(*conditions), sort, bool(conditions))
    cursor = decode_cursor(after, sort)
    if cursor is not None:
        query = query.where(_after(sort, cursor))
    rows = list(db.session.scalars(query.limit(size + 1)))
    total = db.session.scalar(select(func.count()).select_from(IndexedOrder).where(*conditions)) or 0
    more = len(rows) > size
    rows = rows[:size]
    next_cursor = encode_cursor(getattr(rows[-1], sort.column), rows[-1].id) if more and rows else None
    return Page(rows, total, next_cursor)


def stream(where: OrderFilter, sort_key: str, chunk: int = 1000) -> Iterator[IndexedOrder]:
    """Every matching row, read in chunks (for an export of any size)."""
    yield from db.session.scalars(matching(where, sort_key).execution_options(yield_per=chunk))


def count(where: OrderFilter) -> int:
    return db.session.scalar(select(func.count()).select_from(IndexedOrder).where(*where.conditions())) or 0


def queue_counts(now: datetime, expiring_days: int, waiting_days: int) -> dict[str, int]:
    """How many orders each work queue holds now."""
    return {queue: count(replace(OrderFilter(now=now, expiring_days=expiring_days, waiting_days=waiting_days),
                                 queue=queue)) for queue in Queue.ALL}


def single_match(where: OrderFilter) -> IndexedOrder | None:
    """The only matching row, or None when there are none or several."""
    rows = list(db.session.scalars(select(IndexedOrder).where(*where.conditions()).limit(2)))
    return rows[0] if len(rows) == 1 else None
