"""The order index: one row per (store, order) with what staff search, filter and sort by.

Rows are written by ``app.index.refresh`` (every read of an order, push notifications, syncs,
imports). It also remembers who opened an order last, for the start page's "Recently opened".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DDL,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    event,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

RECENT_LIMIT = 25
CLOSED_STATUSES = ("CLOSED", "CANCELLED", "EXPIRED")  # finished: what ``purge`` may delete
OPEN_STATUSES = ("AUTHORIZED", "PART_CAPTURED")  # the authorization is live: what ``sync --open`` reads
_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class IndexedOrder(db.Model):
    __tablename__ = "order_index"
    __table_args__ = (
        UniqueConstraint("order_id", "store_key", name="uq_order_index_order_store"),
        Index("ix_order_index_last_opened_at", "last_opened_at"),
        Index("ix_order_index_created", "created_at", "id"),
        Index("ix_order_index_expires", "expires_at", "id"),
        Index("ix_order_index_amount", "order_amount", "id"),
        Index("ix_order_index_status", "status"),
        Index("ix_order_index_drift", "drift_open"),
        # Partial, case- and accent-insensitive search: LIKE '%term%' on the folded text, which a
        # trigram index answers on PostgreSQL (the pg_trgm extension, created with the table).
        Index(
            "ix_order_index_search_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "public.gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_key: Mapped[str] = mapped_column(String(20))
    order_id: Mapped[str] = mapped_column(String(64))
    klarna_reference: Mapped[str | None] = mapped_column(String(64))
    merchant_reference1: Mapped[str | None] = mapped_column(String(255))
    merchant_reference2: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[str | None] = mapped_column(String(20))
    fraud_status: Mapped[str | None] = mapped_column(String(30))
    currency: Mapped[str | None] = mapped_column(String(3))
    locale: Mapped[str | None] = mapped_column(String(35))
    country: Mapped[str | None] = mapped_column(String(2))
    original_order_amount: Mapped[int | None] = mapped_column(BigInteger)  # minor units, as all amounts
    order_amount: Mapped[int | None] = mapped_column(BigInteger)
    captured_amount: Mapped[int | None] = mapped_column(BigInteger)
    refunded_amount: Mapped[int | None] = mapped_column(BigInteger)
    remaining_authorized_amount: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Customer contact data: left empty with INDEX_CUSTOMER_DATA=0.
    billing_name: Mapped[str | None] = mapped_column(String(255))
    billing_email: Mapped[str | None] = mapped_column(String(255))
    billing_phone: Mapped[str | None] = mapped_column(String(64))
    shipping_name: Mapped[str | None] = mapped_column(String(255))
    shipping_email: Mapped[str | None] = mapped_column(String(255))
    shipping_phone: Mapped[str | None] = mapped_column(String(64))
    search_text: Mapped[str] = mapped_column(Text, default="")  # app/index/text.py
    last_synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # What the last read that found a difference saw change, and when ("captured 0 -> 100.00 SEK").
    last_changes: Mapped[list[str] | None] = mapped_column(JSON)
    last_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Changes our audit log does not explain (made outside the dashboard), until marked reviewed.
    drift: Mapped[list[str] | None] = mapped_column(JSON)
    drift_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    drift_open: Mapped[bool] = mapped_column(Boolean, default=False)
    drift_reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    drift_reviewed_by: Mapped[str | None] = mapped_column(String(64))
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_opened_by: Mapped[str | None] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<IndexedOrder {self.order_id} in {self.store_key} ({self.status})>"

    # --- reading ----------------------------------------------------------------------------------

    @classmethod
    def find(cls, order_id: str, store_key: str) -> IndexedOrder | None:
        query = select(cls).where(cls.order_id == order_id, cls.store_key == store_key)
        return db.session.scalar(query)

    @classmethod
    def by_id(cls, row_id: int) -> IndexedOrder | None:
        return db.session.get(cls, row_id)

    @classmethod
    def recently_opened(cls, limit: int = RECENT_LIMIT) -> list[IndexedOrder]:
        """The most recently opened orders, by anyone, newest first."""
        query = (
            select(cls)
            .where(cls.last_opened_at.is_not(None))
            .order_by(cls.last_opened_at.desc(), cls.id.desc())
            .limit(limit)
        )
        return list(db.session.scalars(query))

    @classmethod
    def newest(cls, limit: int = RECENT_LIMIT) -> list[IndexedOrder]:
        """The newest orders in the index (the start page's offer before anyone opened one)."""
        query = select(cls).order_by(cls.created_at.desc(), cls.id.desc()).limit(limit)
        return list(db.session.scalars(query))

    @classmethod
    def store_key_of(cls, order_id: str) -> str | None:
        """The store this order was last seen in, if the index has it."""
        query = (
            select(cls.store_key)
            .where(cls.order_id == order_id)
            .order_by(cls.last_synced_at.desc())
            .limit(1)
        )
        return db.session.scalar(query)

    @classmethod
    def known_ids(cls, store_key: str, order_ids: list[str]) -> set[str]:
        """Which of ``order_ids`` the index already has in this store."""
        found: set[str] = set()
        for start in range(0, len(order_ids), 500):
            chunk = order_ids[start:start + 500]
            query = select(cls.order_id).where(cls.store_key == store_key, cls.order_id.in_(chunk))
            found.update(db.session.scalars(query))
        return found

    @classmethod
    def ids_to_sync(cls, only_open: bool) -> list[tuple[str, str]]:
        """(store, order id) of every indexed order, or of the open ones (authorized, part captured)."""
        query = select(cls.store_key, cls.order_id).order_by(cls.id)
        if only_open:
            query = query.where(cls.status.in_(OPEN_STATUSES))
        return [(row.store_key, row.order_id) for row in db.session.execute(query)]

    # --- writing (the caller commits) -------------------------------------------------------------

    @classmethod
    def insert(cls, values: dict[str, Any]) -> None:
        """Add the row of an order not indexed yet; when another request added it a moment before,
        update that row instead (one statement, safe on SQLite and PostgreSQL)."""
        statement = _UPSERTS[db.session.get_bind().dialect.name](cls).values(**values)
        changed = {name: statement.excluded[name] for name in values if name not in ("order_id", "store_key")}
        db.session.execute(statement.on_conflict_do_update(index_elements=["order_id", "store_key"], set_=changed))

    @classmethod
    def change(cls, row_id: int, values: dict[str, Any]) -> None:
        db.session.execute(update(cls).where(cls.id == row_id).values(**values))

    @classmethod
    def purge_closed_before(cls, before: datetime) -> int:
        """Delete the rows of orders closed, cancelled or expired whose last change is before ``before``."""
        last_seen = db.func.coalesce(cls.last_changed_at, cls.created_at, cls.last_synced_at)
        statement = delete(cls).where(cls.status.in_(CLOSED_STATUSES), last_seen < before)
        return db.session.execute(statement).rowcount or 0


# The trigram operator class lives in the pg_trgm extension; create it (once per database, in the
# public schema so every schema's tables can use it) before the table when the models build it.
event.listen(
    IndexedOrder.__table__,
    "before_create",
    DDL("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public").execute_if(dialect="postgresql"),
)
