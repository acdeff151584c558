"""Staff accounts: who may sign in, with which role."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, Enum, String, func, select
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.staff_session import EndReason, Limits, StaffSession
from app.passwords import hash_password, needs_rehash, password_problem, verify_password
from app.permissions import Role

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
USERNAME_RULE = "2 to 64 characters: lower-case letters, digits, dots, dashes or underscores."
MAX_ID = 2**31 - 1  # the largest id the column holds (INTEGER: 32 bits on PostgreSQL)


class StaffError(ValueError):
    """A staff change that cannot be made; the message is fit to show."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def normalize_username(username: str) -> str:
    return username.strip().lower()


def username_problem(username: str) -> str | None:
    if not USERNAME_PATTERN.fullmatch(normalize_username(username)):
        return f"A username has {USERNAME_RULE}"
    return None


class User(UserMixin, db.Model):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(
        Enum(Role, native_enum=False, length=20, values_callable=lambda roles: [r.value for r in roles])
    )
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<User {self.username} ({self.role})>"

    # flask-login
    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def session_token(self) -> str:
        """What flask-login keeps in the cookie (its ``id_attribute``): the token of the server-side
        session this user object was signed in or loaded with (see app/login.py)."""
        token = getattr(self, "_session_token", None)
        if token is None:
            raise RuntimeError("this user object carries no session")
        return token

    def carry_session_token(self, token: str) -> None:
        self._session_token = token

    # queries
    @classmethod
    def find(cls, user_id: int) -> User | None:
        """The account with this id; None when there is none (or the id is beyond the column's range)."""
        return db.session.get(cls, user_id) if 0 < user_id <= MAX_ID else None

    @classmethod
    def by_username(cls, username: str) -> User | None:
        return db.session.scalar(select(cls).where(cls.username == normalize_username(username)))

    @classmethod
    def all_by_username(cls) -> list[User]:
        return list(db.session.scalars(select(cls).order_by(cls.username)))

    @classmethod
    def count_active_admins(cls) -> int:
        query = select(func.count()).where(cls.role == Role.ADMIN, cls.active.is_(True))
        return db.session.scalar(query) or 0

    # changes (the caller commits)
    @classmethod
    def create(cls, username: str, password: str, role: Role | str) -> User:
        problem = username_problem(username) or password_problem(password)
        if problem:
            raise StaffError(problem)
        if cls.by_username(username) is not None:
            raise StaffError(f"The username {normalize_username(username)!r} is already taken.")
        user = cls(username=normalize_username(username), role=Role(role))
        user.password_hash = hash_password(password)
        db.session.add(user)
        return user

    # Each change below that ends sessions returns how many active ones it ended.
    def set_password(self, password: str) -> int:
        problem = password_problem(password)
        if problem:
            raise StaffError(problem)
        self.password_hash = hash_password(password)
        return self.end_sessions(EndReason.PASSWORD)

    def set_role(self, role: Role | str) -> int:
        if Role(role) == self.role:
            return 0
        if Role(role) != Role.ADMIN:
            self._ensure_not_last_admin("change the role of")
        self.role = Role(role)
        return self.end_sessions(EndReason.ROLE)  # a new role means a new session

    def disable(self) -> int:
        self._ensure_not_last_admin("disable")
        self.active = False
        return self.end_sessions(EndReason.DISABLED)

    def end_sessions(self, reason: str, keep: int | None = None) -> int:
        """End every session of this account (but the one numbered ``keep``), on every host."""
        return StaffSession.end_all(self.id, reason, Limits.configured(), keep=keep)

    def enable(self) -> None:
        self.active = True

    def _ensure_not_last_admin(self, action: str) -> None:
        if self.role == Role.ADMIN and self.active and User.count_active_admins() <= 1:
            raise StaffError(f"Cannot {action} {self.username}: the last active admin.")

    def check_password(self, password: str) -> bool:
        if not verify_password(self.password_hash, password):
            return False
        if needs_rehash(self.password_hash):
            self.password_hash = hash_password(password)
        return True


def authenticate(username: str, password: str) -> User | None:
    """The active user with these credentials; unknown, wrong and disabled all give ``None``."""
    user = User.by_username(username)
    if user is None:
        verify_password(None, password)  # same time as a real check
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    return user
