"""Staff and session events in the audit log: sign-in, sign-out, sessions ended, account changes.

``record(event, about=..., details=...)`` adds the row (the caller commits), naming who did it: the
signed-in staff member of this request, the user of the session in hand (sign-in, expiry), or the
command line.
"""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

from app.models.audit import Actor, AuditEntry
from app.models.user import User

SIGN_IN = "sign_in"
SIGN_OUT = "sign_out"
SESSION_ENDED = "session_ended"
SESSIONS_ENDED = "sessions_ended"
STAFF_CREATED = "staff_created"
ROLE_CHANGED = "role_changed"
ACCOUNT_DISABLED = "account_disabled"
ACCOUNT_ENABLED = "account_enabled"
PASSWORD_SET = "password_set"

LABELS = {
    SIGN_IN: "Signed in",
    SIGN_OUT: "Signed out",
    SESSION_ENDED: "Session ended",
    SESSIONS_ENDED: "Sessions ended",
    STAFF_CREATED: "Staff account created",
    ROLE_CHANGED: "Role changed",
    ACCOUNT_DISABLED: "Account disabled",
    ACCOUNT_ENABLED: "Account enabled",
    PASSWORD_SET: "New password set",
}

COMMAND_LINE = "(command line)"


def label(operation: str) -> str | None:
    return LABELS.get(operation)


def actor(user: User | None = None) -> Actor:
    """``user`` (or the signed-in staff member) from this request's address; the command line outside requests."""
    address = request.remote_addr if has_request_context() else None
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user  # type: ignore[assignment]
    if user is None:
        return Actor(None, COMMAND_LINE, address)
    return Actor(user.id, user.username, address)


def record(operation: str, *, by: User | None = None, about: User | None = None, details: str | None = None) -> None:
    """Audit ``operation`` done by ``by`` (default: see ``actor``) about the account ``about``."""
    AuditEntry.record_event(
        actor(by), operation, staff_member=about.username if about else None, details=details
    )


def sessions_ended(count: int) -> str:
    return f"{count} active session{'s' if count != 1 else ''} ended"
