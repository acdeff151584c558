"""Signed-in sessions kept on the server: one row per sign-in, found by the random token in the cookie.

The cookie holds the token; the table holds only its SHA-256 digest, so a copy of the table cannot
be turned into a working cookie. A session is *open* until something ends it (``ended_at`` set:
signing out, an admin, the account's changes) and *active* while open and neither idle for longer
than the idle limit nor older than the absolute one (see ``Limits``). Every process reads the same
rows, so a session ended on one host is refused by every other on its next request.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import DateTime, ForeignKey, String, func, select, update
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.elements import ColumnElement

from app.extensions import db
from app.models.ledger import utcnow

if TYPE_CHECKING:
    from app.models.user import User

# "last seen" is written at most once per this interval per session, never on every request.
TOUCH_INTERVAL = timedelta(minutes=1)
USER_AGENT_LENGTH = 512
ADDRESS_LENGTH = 64


class EndReason:
    """Why a session ended (kept in ``end_reason``, shown in the audit log)."""

    SIGNED_OUT = "signed out"
    ENDED_BY_USER = "ended by its owner"
    ENDED_BY_ADMIN = "ended by an admin"
    IDLE = "idle too long"
    LIFETIME = "lifetime over"
    MOVED = "used from another address or browser"
    DISABLED = "account disabled"
    PASSWORD = "password changed"
    ROLE = "role changed"
    EXPIRED = "had expired"


@dataclass(frozen=True)
class Limits:
    """How long a session lives: ``idle`` without a request, ``lifetime`` from sign-in whatever the activity."""

    idle: timedelta
    lifetime: timedelta

    @classmethod
    def configured(cls) -> Limits:
        """``SESSION_IDLE_MINUTES`` and ``SESSION_LIFETIME_HOURS`` of the running app."""
        config = current_app.config
        return cls(timedelta(minutes=float(config["SESSION_IDLE_MINUTES"])),
                   timedelta(hours=float(config["SESSION_LIFETIME_HOURS"])))


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class StaffSession(db.Model):
    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_users.id"), index=True)
    signed_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    client_address: Mapped[str | None] = mapped_column(String(ADDRESS_LENGTH))
    user_agent: Mapped[str | None] = mapped_column(String(USER_AGENT_LENGTH))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    end_reason: Mapped[str | None] = mapped_column(String(60))

    def __repr__(self) -> str:
        return f"<StaffSession {self.id} of user {self.user_id}{' ended' if self.ended_at else ''}>"

    # the request's session
    @classmethod
    def start(cls, user_id: int, client_address: str | None, user_agent: str | None) -> tuple[StaffSession, str]:
        """A new session (added; the caller commits) and the token for its cookie."""
        token = secrets.token_urlsafe(32)
        now = utcnow()
        row = cls(
            token_hash=token_digest(token),
            user_id=user_id,
            signed_in_at=now,
            last_seen_at=now,
            client_address=fit_address(client_address),
            user_agent=fit_user_agent(user_agent),
        )
        db.session.add(row)
        return row, token

    @classmethod
    def open_with_user(cls, token: str) -> tuple[StaffSession, User] | None:
        """The open session this cookie token names and its user, in one indexed query."""
        from app.models.user import User

        query = (
            select(cls, User)
            .join(User, User.id == cls.user_id)
            .where(cls.token_hash == token_digest(token), cls.ended_at.is_(None))
        )
        row = db.session.execute(query).first()
        return (row[0], row[1]) if row else None

    def expiry(self, limits: Limits) -> datetime:
        """When this session ends by itself unless used again: the idle or the absolute limit."""
        return min(_aware(self.last_seen_at) + limits.idle, _aware(self.signed_in_at) + limits.lifetime)

    def expired_because(self, limits: Limits, now: datetime) -> str | None:
        if now - _aware(self.signed_in_at) >= limits.lifetime:
            return EndReason.LIFETIME
        if now - _aware(self.last_seen_at) >= limits.idle:
            return EndReason.IDLE
        return None

    def is_renewable(self, limits: Limits) -> bool:
        """Whether activity can push its end further (false once the absolute limit is what ends it)."""
        return _aware(self.last_seen_at) + limits.idle < _aware(self.signed_in_at) + limits.lifetime

    def touch_due(self, now: datetime) -> bool:
        return now - _aware(self.last_seen_at) >= TOUCH_INTERVAL

    def touch(self, now: datetime, *, always: bool = False) -> None:
        """Write "last seen" (the caller commits); unless ``always``, only when the last write is a
        minute old, checked in the statement itself so several processes write it once."""
        statement = update(StaffSession).where(StaffSession.id == self.id, StaffSession.ended_at.is_(None))
        if not always:
            statement = statement.where(StaffSession.last_seen_at <= now - TOUCH_INTERVAL)
        written = db.session.execute(statement.values(last_seen_at=now).execution_options(synchronize_session=False))
        if written.rowcount == 1:
            set_committed_value(self, "last_seen_at", now)

    def end(self, reason: str) -> bool:
        """End this session now (the caller commits); ``False`` if it had already ended."""
        now = utcnow()
        statement = (
            update(StaffSession)
            .where(StaffSession.id == self.id, StaffSession.ended_at.is_(None))
            .values(ended_at=now, end_reason=reason)
            .execution_options(synchronize_session=False)
        )
        ended = db.session.execute(statement).rowcount == 1
        if ended:
            set_committed_value(self, "ended_at", now)
            set_committed_value(self, "end_reason", reason)
        return ended

    # a user's sessions
    @classmethod
    def end_all(cls, user_id: int, reason: str, limits: Limits, keep: int | None = None) -> int:
        """End every open session of a user (but ``keep``); the number that were still active.

        Open sessions already past a limit are closed too (as expired), so no later change of the
        limits can bring one back."""
        mine = [cls.user_id == user_id, cls.ended_at.is_(None)]
        if keep is not None:
            mine.append(cls.id != keep)
        now = utcnow()
        ended = cls._close(mine + cls._active_at(limits, now), now, reason)
        cls._close(mine, now, EndReason.EXPIRED)
        return ended

    @classmethod
    def _close(cls, conditions: list[ColumnElement[bool]], now: datetime, reason: str) -> int:
        statement = (
            update(cls).where(*conditions).values(ended_at=now, end_reason=reason)
            .execution_options(synchronize_session=False)
        )
        return db.session.execute(statement).rowcount

    @classmethod
    def _active_at(cls, limits: Limits, now: datetime) -> list[ColumnElement[bool]]:
        return [cls.ended_at.is_(None), cls.last_seen_at > now - limits.idle, cls.signed_in_at > now - limits.lifetime]

    @classmethod
    def active_for(cls, user_id: int, limits: Limits) -> list[StaffSession]:
        """A user's active sessions, most recently used first."""
        query = select(cls).where(cls.user_id == user_id, *cls._active_at(limits, utcnow()))
        return list(db.session.scalars(query.order_by(cls.last_seen_at.desc(), cls.id.desc())))

    @classmethod
    def active_counts(cls, limits: Limits) -> dict[int, int]:
        """user id -> number of active sessions, for users with any."""
        query = (
            select(cls.user_id, func.count())
            .where(*cls._active_at(limits, utcnow()))
            .group_by(cls.user_id)
        )
        return {user_id: count for user_id, count in db.session.execute(query)}

    @classmethod
    def find_of(cls, user_id: int, session_id: int) -> StaffSession | None:
        """Session ``session_id`` if it belongs to ``user_id``."""
        row = db.session.get(cls, session_id) if 0 < session_id < 2**31 else None
        return row if row is not None and row.user_id == user_id else None


def fit_address(address: str | None) -> str | None:
    return address[:ADDRESS_LENGTH] if address else None


def fit_user_agent(agent: str | None) -> str | None:
    return agent[:USER_AGENT_LENGTH] if agent else None
