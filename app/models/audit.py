"""The audit log: one row for every attempt a staff member makes to change an order, and one for
every sign-in, sign-out, ended session and staff account change (``record_event``: no order, the
staff member it is about in ``staff_member``).

Rows are only ever added. The application cannot change or delete one: the ORM refuses UPDATE and
DELETE of audit rows, both through objects and as bulk statements (see ``_refuse_changes``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, ForeignKey, Integer, String, Text, event, select
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from app.extensions import db
from app.models.ledger import utcnow


class AuditOutcome(enum.StrEnum):
    SUCCEEDED = "succeeded"  # Klarna carried it out
    REFUSED = "refused"  # Klarna said no (error_code, messages), or it could not be sent
    UNKNOWN = "unknown"  # sent, but no answer: it may or may not have happened
    INVALID = "invalid"  # our validation stopped it; nothing was sent
    DUPLICATE = "duplicate"  # the form had been sent before; its recorded outcome was shown
    IN_PROGRESS = "in_progress"  # the same form was being sent at that moment; nothing was sent
    EXPIRED = "expired"  # the form's key had expired or did not fit; nothing was sent
    MISMATCH = "mismatch"  # the form's key was sent before with other values; nothing was sent

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    AuditOutcome.SUCCEEDED: "succeeded",
    AuditOutcome.REFUSED: "refused",
    AuditOutcome.UNKNOWN: "result unknown",
    AuditOutcome.INVALID: "invalid input",
    AuditOutcome.DUPLICATE: "sent twice",
    AuditOutcome.IN_PROGRESS: "still in progress",
    AuditOutcome.EXPIRED: "expired form",
    AuditOutcome.MISMATCH: "form reused with other values",
}


class AuditLogIsAppendOnly(RuntimeError):
    """Raised when code tries to change or delete an audit row."""


@dataclass(frozen=True)
class Actor:
    """Who acted, from where."""

    user_id: int | None  # None: the command line
    username: str
    client_address: str | None


@dataclass(frozen=True)
class Subject:
    """What was acted on, and what the request said (amounts in minor units)."""

    store: str
    order_id: str
    operation: str
    capture_id: str | None = None
    amount: int | None = None
    currency: str | None = None
    lines_summary: str | None = None
    details: str | None = None


class AuditEntry(db.Model):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("staff_users.id"))
    username: Mapped[str] = mapped_column(String(64), index=True)
    client_address: Mapped[str | None] = mapped_column(String(64))
    store: Mapped[str | None] = mapped_column(String(40))
    order_id: Mapped[str | None] = mapped_column(String(64), index=True)
    staff_member: Mapped[str | None] = mapped_column(String(64))  # whom a staff or session event is about
    operation: Mapped[str] = mapped_column(String(40), index=True)
    capture_id: Mapped[str | None] = mapped_column(String(64))
    amount: Mapped[int | None] = mapped_column(Integer)
    currency: Mapped[str | None] = mapped_column(String(3))
    lines_summary: Mapped[str | None] = mapped_column(Text)
    details: Mapped[str | None] = mapped_column(Text)
    idempotency_key: Mapped[str | None] = mapped_column(String(36), index=True)
    outcome: Mapped[AuditOutcome] = mapped_column(
        Enum(AuditOutcome, native_enum=False, length=20, values_callable=lambda items: [i.value for i in items]),
        index=True,
    )
    error_code: Mapped[str | None] = mapped_column(String(100))
    messages: Mapped[list[str] | None] = mapped_column(JSON)
    correlation_id: Mapped[str | None] = mapped_column(String(100))
    result_id: Mapped[str | None] = mapped_column(String(64))
    duration_ms: Mapped[int | None] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<AuditEntry {self.id} {self.operation} {self.order_id} {self.outcome}>"

    @classmethod
    def record(
        cls,
        actor: Actor,
        subject: Subject,
        outcome: AuditOutcome,
        *,
        idempotency_key: str | None = None,
        error_code: str | None = None,
        messages: list[str] | tuple[str, ...] = (),
        correlation_id: str | None = None,
        result_id: str | None = None,
        duration_ms: int | None = None,
    ) -> AuditEntry:
        """Add an entry to the session (the caller commits)."""
        entry = cls(
            **_who_and_when(actor),
            store=subject.store,
            order_id=subject.order_id,
            operation=subject.operation,
            capture_id=subject.capture_id,
            amount=subject.amount,
            currency=subject.currency,
            lines_summary=subject.lines_summary,
            details=subject.details,
            idempotency_key=idempotency_key,
            outcome=outcome,
            error_code=error_code,
            messages=list(messages) or None,
            correlation_id=correlation_id,
            result_id=result_id,
            duration_ms=duration_ms,
        )
        db.session.add(entry)
        return entry

    @classmethod
    def record_event(
        cls, actor: Actor, operation: str, *, staff_member: str | None = None, details: str | None = None
    ) -> AuditEntry:
        """Add a staff or session event (no order, nothing sent to Klarna) to the session (the caller commits)."""
        entry = cls(
            **_who_and_when(actor),
            operation=operation,
            staff_member=staff_member,
            details=details,
            outcome=AuditOutcome.SUCCEEDED,
        )
        db.session.add(entry)
        return entry

    @property
    def is_staff_event(self) -> bool:
        return self.order_id is None

    @classmethod
    def for_order(cls, order_id: str, store: str | None = None) -> list[AuditEntry]:
        """Every entry about one order, oldest first (the order page's timeline)."""
        query = select(cls).where(cls.order_id == order_id)
        if store is not None:
            query = query.where(cls.store == store)
        return list(db.session.scalars(query.order_by(cls.at, cls.id)))

    @classmethod
    def search(
        cls,
        *,
        order_id: str | None = None,
        username: str | None = None,
        operation: str | None = None,
        outcome: str | None = None,
        since: datetime | None = None,
        before: datetime | None = None,
        kind: str | None = None,
    ) -> Any:
        """A newest-first query for the audit page's filters (``None`` or empty: any). ``kind``:
        ``None`` for order attempts, ``"staff"`` for staff and session events, ``"all"`` for both;
        ``since`` inclusive, ``before`` exclusive."""
        query = select(cls)
        if not kind:
            query = query.where(cls.order_id.is_not(None))
        elif kind == "staff":
            query = query.where(cls.order_id.is_(None))
        if since is not None:
            query = query.where(cls.at >= since)
        if before is not None:
            query = query.where(cls.at < before)
        if order_id:
            query = query.where(cls.order_id == order_id.strip().lower())
        if username:
            query = query.where(cls.username == username)
        if operation:
            query = query.where(cls.operation == operation)
        if outcome:
            query = query.where(cls.outcome == AuditOutcome(outcome))
        return query.order_by(cls.at.desc(), cls.id.desc())

    @classmethod
    def operations_since(cls, store: str, order_id: str, since: datetime) -> set[str]:
        """The operations on this order sent to Klarna since ``since`` that did or may have
        happened (succeeded or unknown): what explains a change Klarna shows."""
        query = select(cls.operation).distinct().where(
            cls.store == store,
            cls.order_id == order_id,
            cls.at >= since,
            cls.outcome.in_([AuditOutcome.SUCCEEDED, AuditOutcome.UNKNOWN]),
        )
        return set(db.session.scalars(query))

    @classmethod
    def usernames(cls) -> list[str]:
        return list(db.session.scalars(select(cls.username).distinct().order_by(cls.username)))


def _who_and_when(actor: Actor) -> dict[str, Any]:
    return {"at": utcnow(), "user_id": actor.user_id, "username": actor.username, "client_address": actor.client_address}


def _refuse(*_args: Any) -> None:
    raise AuditLogIsAppendOnly("The audit log is append-only: entries cannot be changed or deleted.")


event.listen(AuditEntry, "before_update", _refuse)
event.listen(AuditEntry, "before_delete", _refuse)


@event.listens_for(Session, "do_orm_execute")
def _refuse_changes(state: ORMExecuteState) -> None:
    """Bulk ``update(AuditEntry)`` / ``delete(AuditEntry)`` statements skip the mapper events."""
    if (state.is_update or state.is_delete) and any(
        mapper.class_ is AuditEntry for mapper in state.all_mappers
    ):
        _refuse()
