"""Recently opened orders: what staff last saw of each order they opened, newest first.

Klarna keeps the orders; this table only remembers which ones the team looked at (in which store,
with the status, amount and reference seen then), so the start page can offer them again and the
order lookup knows which store to ask first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Index, Integer, String, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.klarna.types import Order

RECENT_LIMIT = 25
_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


class RecentOrder(db.Model):
    __tablename__ = "recent_orders"
    __table_args__ = (Index("ix_recent_orders_last_opened_at", "last_opened_at"),)

    order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_key: Mapped[str] = mapped_column(String(20), primary_key=True)
    status: Mapped[str | None] = mapped_column(String(20))
    currency: Mapped[str | None] = mapped_column(String(3))
    locale: Mapped[str | None] = mapped_column(String(35))
    order_amount: Mapped[int | None] = mapped_column(Integer)  # minor units
    merchant_reference1: Mapped[str | None] = mapped_column(String(255))
    last_opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_opened_by: Mapped[str] = mapped_column(String(64))

    def __repr__(self) -> str:
        return f"<RecentOrder {self.order_id} in {self.store_key} ({self.status})>"

    @classmethod
    def remember(cls, order: Order, store_key: str, opened_by: str, opened_at: datetime | None = None) -> None:
        """Insert or refresh the row of ``order`` in one statement (safe when several staff open the
        same order at once, on SQLite and PostgreSQL). The caller commits."""
        values = {
            "order_id": order.order_id,
            "store_key": store_key,
            "status": order.status,
            "currency": order.purchase_currency,
            "locale": order.locale,
            "order_amount": order.order_amount,
            "merchant_reference1": (order.merchant_reference1 or "")[:255] or None,
            "last_opened_at": opened_at or datetime.now(UTC),
            "last_opened_by": opened_by,
        }
        insert = _UPSERTS[db.session.get_bind().dialect.name](cls).values(**values)
        changed = {name: insert.excluded[name] for name in values if name not in ("order_id", "store_key")}
        db.session.execute(insert.on_conflict_do_update(index_elements=["order_id", "store_key"], set_=changed))

    @classmethod
    def latest(cls, limit: int = RECENT_LIMIT) -> list[RecentOrder]:
        """The most recently opened orders, by anyone, newest first."""
        query = select(cls).order_by(cls.last_opened_at.desc(), cls.order_id).limit(limit)
        return list(db.session.scalars(query))

    @classmethod
    def store_key_of(cls, order_id: str) -> str | None:
        """The store the order was last opened in, if anyone opened it."""
        query = select(cls.store_key).where(cls.order_id == order_id).order_by(cls.last_opened_at.desc()).limit(1)
        return db.session.scalar(query)
