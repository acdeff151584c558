"""The idempotency ledger: one row per form we render for a mutating action.

A key is minted when the form is rendered and travels in the form. Submitting *claims* it with one
conditional UPDATE (``claim``); only the request that moved the row to ``in_flight`` may call
Klarna, with the key as ``Klarna-Idempotency-Key``. The outcome then *settles* it.

States::

    new ──claim──> in_flight ──> succeeded   (definite: Klarna did it; result_id is the new capture/refund)
     ^                 │    └──> refused     (definite: Klarna said no, or it was never sent)
     │                 └──────> unknown      (no answer: claimable again with the same request)
     └ in_flight older than the client's longest call also counts as unknown (the process died).

A key expires 24 hours after it was minted, and is never sent to Klarna more than 23 hours after
its first attempt (Klarna remembers keys for 24 hours).
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Enum,
    ForeignKey,
    String,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

KEY_LIFETIME = timedelta(hours=24)
SEND_WINDOW = timedelta(hours=23)


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every time we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class KeyState(enum.StrEnum):
    NEW = "new"
    IN_FLIGHT = "in_flight"
    SUCCEEDED = "succeeded"
    REFUSED = "refused"
    UNKNOWN = "unknown"

    @property
    def settled(self) -> bool:
        return self in (KeyState.SUCCEEDED, KeyState.REFUSED)


CLAIMABLE = (KeyState.NEW, KeyState.UNKNOWN)


class ClaimProblem(enum.StrEnum):
    """Why a claim failed; ``None`` from ``diagnose`` means the key could be claimed."""

    MISSING = "missing"  # no such key: not a form we rendered, or purged
    WRONG_TARGET = "wrong_target"  # minted for another order, operation, store, capture or user
    EXPIRED = "expired"  # minted more than 24 hours ago
    TOO_OLD_TO_SEND = "too_old_to_send"  # first sent more than 23 hours ago
    DIFFERENT_REQUEST = "different_request"  # claimed before with other values
    IN_PROGRESS = "in_progress"  # another request holds it right now
    SETTLED = "settled"  # already has a definite outcome


@dataclass(frozen=True)
class Scope:
    """What a key was minted for; a claim must name the same."""

    store: str
    order_id: str
    operation: str
    user_id: int
    capture_id: str | None = None


@dataclass(frozen=True)
class Settlement:
    """The outcome data recorded when a claim ends."""

    state: KeyState
    result_id: str | None = None
    error_code: str | None = None
    error_messages: tuple[str, ...] = ()
    correlation_id: str | None = None


class LedgerKey(db.Model):
    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    store: Mapped[str] = mapped_column(String(40))
    order_id: Mapped[str] = mapped_column(String(64), index=True)
    operation: Mapped[str] = mapped_column(String(40))
    capture_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    state: Mapped[KeyState] = mapped_column(
        Enum(KeyState, native_enum=False, length=20, values_callable=lambda states: [s.value for s in states]),
        default=KeyState.NEW,
    )
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    # Kept at the first claim, so that sending the form again sends exactly the same request: its
    # values as plain JSON (never logged), and a digest of the form's fields it was built from.
    request: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    form_digest: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    first_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    result_id: Mapped[str | None] = mapped_column(String(64))
    error_code: Mapped[str | None] = mapped_column(String(100))
    error_messages: Mapped[list[str] | None] = mapped_column(JSON)
    correlation_id: Mapped[str | None] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"<LedgerKey {self.key} {self.operation} {self.state}>"

    # --- reading ----------------------------------------------------------------------------------

    @classmethod
    def find(cls, key: str | None) -> LedgerKey | None:
        if not key or not is_key_shaped(key):
            return None
        return db.session.get(cls, key, populate_existing=True)

    def matches(self, scope: Scope) -> bool:
        return (self.store, self.order_id, self.operation, self.capture_id, self.user_id) == (
            scope.store, scope.order_id, scope.operation, scope.capture_id, scope.user_id
        )  # fmt: skip

    def diagnose(
        self, scope: Scope, fingerprint: str | None, stale_after: timedelta, form_digest: str | None = None
    ) -> ClaimProblem | None:
        """Why ``claim`` would refuse this key now (``None``: it would not). ``fingerprint=None``
        skips the request comparison (the values are not known yet), ``form_digest=None`` the
        comparison of the form's fields."""
        now = utcnow()
        if not self.matches(scope):
            return ClaimProblem.WRONG_TARGET
        if self.state.settled:
            return ClaimProblem.SETTLED
        if as_utc(self.created_at) <= now - KEY_LIFETIME:
            return ClaimProblem.EXPIRED
        if self.first_sent_at is not None and as_utc(self.first_sent_at) <= now - SEND_WINDOW:
            return ClaimProblem.TOO_OLD_TO_SEND
        if fingerprint is not None and self.fingerprint not in (None, fingerprint):
            return ClaimProblem.DIFFERENT_REQUEST
        if form_digest is not None and self.form_digest not in (None, form_digest):
            return ClaimProblem.DIFFERENT_REQUEST
        if self.state == KeyState.IN_FLIGHT and not self.is_stale(stale_after):
            return ClaimProblem.IN_PROGRESS
        return None

    def is_stale(self, stale_after: timedelta) -> bool:
        """In flight for longer than any call can take: the process that claimed it is gone."""
        claimed = as_utc(self.claimed_at)
        return self.state == KeyState.IN_FLIGHT and claimed is not None and claimed <= utcnow() - stale_after

    # --- changing (each commits: other processes must see it at once) -----------------------------

    @classmethod
    def mint(cls, scope: Scope) -> LedgerKey:
        row = cls(
            key=str(uuid.uuid4()),
            store=scope.store,
            order_id=scope.order_id,
            operation=scope.operation,
            capture_id=scope.capture_id,
            user_id=scope.user_id,
            created_at=utcnow(),
            state=KeyState.NEW,
        )
        db.session.add(row)
        db.session.commit()
        return row

    @classmethod
    def claim(
        cls,
        key: str,
        scope: Scope,
        fingerprint: str,
        stale_after: timedelta,
        *,
        request: dict[str, Any] | None = None,
        form_digest: str | None = None,
    ) -> bool:
        """Move the key to ``in_flight`` for this request, atomically; True if this caller won it.
        ``request`` and ``form_digest`` are kept from the first claim on (see the columns).

        One conditional UPDATE: the database lets exactly one of several concurrent claims (threads,
        processes or hosts) match the row; the others see ``rowcount`` 0.
        """
        now = utcnow()
        claimable = or_(
            cls.state.in_(CLAIMABLE),
            and_(cls.state == KeyState.IN_FLIGHT, cls.claimed_at <= now - stale_after),
        )
        statement = (
            update(cls)
            .where(
                cls.key == key,
                cls.store == scope.store,
                cls.order_id == scope.order_id,
                cls.operation == scope.operation,
                _same_or_both_null(cls.capture_id, scope.capture_id),
                cls.user_id == scope.user_id,
                claimable,
                cls.created_at > now - KEY_LIFETIME,
                or_(cls.first_sent_at.is_(None), cls.first_sent_at > now - SEND_WINDOW),
                or_(cls.fingerprint.is_(None), cls.fingerprint == fingerprint),
                or_(cls.form_digest.is_(None), cls.form_digest == form_digest) if form_digest else true(),
            )
            .values(
                state=KeyState.IN_FLIGHT,
                fingerprint=fingerprint,
                request=func.coalesce(cls.request, bindparam("request", request, type_=JSON)),
                form_digest=func.coalesce(cls.form_digest, form_digest),
                claimed_at=now,
                first_sent_at=func.coalesce(cls.first_sent_at, now),
            )
            .execution_options(synchronize_session=False)
        )
        won = db.session.execute(statement).rowcount == 1
        db.session.commit()
        return won

    @classmethod
    def settle(cls, key: str, settlement: Settlement) -> None:
        """Record the outcome of the claim that holds the key (the caller commits, with the audit)."""
        statement = (
            update(cls)
            .where(cls.key == key, cls.state == KeyState.IN_FLIGHT)
            .values(
                state=settlement.state,
                settled_at=utcnow() if settlement.state.settled else None,
                result_id=settlement.result_id,
                error_code=settlement.error_code,
                error_messages=list(settlement.error_messages) or None,
                correlation_id=settlement.correlation_id,
            )
            .execution_options(synchronize_session=False)
        )
        db.session.execute(statement)

    @classmethod
    def unknown(cls, limit: int = 200) -> list[tuple[LedgerKey, str]]:
        """Attempts Klarna never confirmed (sent, no definite answer), newest first, each with the
        username of who sent it: the queue of unknown outcomes."""
        from app.models.user import User  # imported here: the user model's modules import this one

        query = (
            select(cls, User.username)
            .join(User, User.id == cls.user_id)
            .where(cls.state == KeyState.UNKNOWN)
            .order_by(cls.created_at.desc())
            .limit(limit)
        )
        return [(row[0], row[1]) for row in db.session.execute(query)]

    @classmethod
    def count_unknown(cls) -> int:
        return db.session.scalar(select(func.count()).select_from(cls).where(cls.state == KeyState.UNKNOWN)) or 0

    @classmethod
    def purge(cls, older_than: timedelta) -> int:
        """Delete keys minted more than ``older_than`` ago (at least their 24-hour lifetime, so no
        usable key goes); returns how many. Their attempts stay in the audit log."""
        cutoff = utcnow() - max(older_than, KEY_LIFETIME)
        statement = delete(cls).where(cls.created_at < cutoff)
        count = db.session.execute(statement.execution_options(synchronize_session=False)).rowcount
        db.session.commit()
        return count


def _same_or_both_null(column, value):
    return column.is_(None) if value is None else column == value


def is_key_shaped(key: str) -> bool:
    """Whether ``key`` could be one ``mint`` made: a UUID in its lower-case form."""
    try:
        return str(uuid.UUID(key)) == key.lower() and len(key) == 36
    except ValueError:
        return False
