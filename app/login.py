"""Signed-in sessions: starting and ending them, loading their user, and where to send the rest.

A session is a row of ``staff_sessions`` (app/models/staff_session.py); the cookie (signed by
Flask) holds only its random token. Each request reads the session and its user in one query. A
session ends when its owner signs out or ends it from "My account", when an admin ends it, when the
account is disabled, its password set or its role changed, when it is used from another address or
browser than the one it was signed in from, after ``SESSION_IDLE_MINUTES`` without a request, and
``SESSION_LIFETIME_HOURS`` after sign-in whatever the activity. An ended session is refused by
every process on its next request.

"Last seen" is written at most once a minute per session (``TOUCH_INTERVAL``), and not for
requests that do not count as activity (static files, the page's own look at how long its session
has left: ``@not_activity``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

from flask import Flask, Response, current_app, flash, g, redirect, request, session, url_for
from flask_login import login_user, logout_user
from werkzeug.urls import iri_to_uri

from app import staff_events
from app.extensions import db, login_manager
from app.htmx import current_path, is_htmx, redirect_with_status
from app.models.ledger import utcnow
from app.models.staff_session import EndReason, Limits, StaffSession, fit_address, fit_user_agent
from app.models.user import User

SIGN_IN_MESSAGE = "Sign in to continue."
View = TypeVar("View", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    # The session is bound to its address and browser below, against what the server kept at
    # sign-in; flask-login's own "strong" protection would hash the first X-Forwarded-For value,
    # which the client writes.
    login_manager.session_protection = None
    login_manager.id_attribute = "session_token"
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(send_to_login)
    app.context_processor(_template_context)


def not_activity(view: View) -> View:
    """A view whose requests do not keep the session alive."""
    view.counts_as_activity = False  # type: ignore[attr-defined]
    return view


def load_user(token: str) -> User | None:
    """The user of the open session named by the cookie's token, or ``None`` (after ending the
    session, audited, when it has just expired or is used from elsewhere).

    Both are read once per request: kept out of the database session, so a commit during the
    request (which expires what the session holds) does not read them again."""
    found = StaffSession.open_with_user(token)
    if found is None:
        return None
    staff_session, user = found
    db.session.expunge(staff_session)
    db.session.expunge(user)
    now = utcnow()
    reason = _reason_to_end(staff_session, user, now)
    if reason is not None:
        _end_now(staff_session, user, reason)
        return None
    if _counts_as_activity() and staff_session.touch_due(now):
        staff_session.touch(now)
        db.session.commit()
    user.carry_session_token(token)
    g.staff_session = staff_session
    return user


def _reason_to_end(staff_session: StaffSession, user: User, now: datetime) -> str | None:
    if not user.active:
        return EndReason.DISABLED
    if not _same_client(staff_session):
        return EndReason.MOVED
    return staff_session.expired_because(Limits.configured(), now)


def _same_client(staff_session: StaffSession) -> bool:
    """The request comes from the address and browser the session was signed in from.

    The address is ``request.remote_addr``: the peer, or, with ``TRUSTED_PROXIES``, the one ProxyFix
    took from the address list the trusted proxies appended to (never a value the client wrote)."""
    return (
        fit_address(request.remote_addr) == staff_session.client_address
        and fit_user_agent(request.user_agent.string) == staff_session.user_agent
    )


def _end_now(staff_session: StaffSession, user: User, reason: str) -> None:
    if staff_session.end(reason):
        details = f"{reason} (signed in from {staff_session.client_address or 'an unknown address'})"
        staff_events.record(staff_events.SESSION_ENDED, by=user, about=user, details=details)
    db.session.commit()


def _counts_as_activity() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return request.endpoint != "static" and getattr(view, "counts_as_activity", True)


def current_session() -> StaffSession | None:
    """The server-side session of this request's signed-in user."""
    return g.get("staff_session")


def start_session(user: User) -> None:
    """Sign ``user`` in with a new session (nothing from before sign-in survives) and commit."""
    session.clear()
    staff_session, token = StaffSession.start(user.id, request.remote_addr, request.user_agent.string)
    staff_events.record(staff_events.SIGN_IN, by=user, about=user)
    db.session.commit()
    user.carry_session_token(token)
    login_user(user, remember=False)
    g.staff_session = staff_session


def end_session(user: User) -> None:
    """Sign out: this session ends for every process, then the cookie is emptied."""
    staff_session = current_session()
    if staff_session is not None and staff_session.end(EndReason.SIGNED_OUT):
        staff_events.record(staff_events.SIGN_OUT, by=user, about=user)
    db.session.commit()
    logout_user()
    session.clear()
    g.pop("staff_session", None)


def seconds_left(staff_session: StaffSession) -> int:
    """Seconds until the session ends by itself unless used again."""
    return max(0, int((staff_session.expiry(Limits.configured()) - utcnow()).total_seconds()))


def _template_context() -> dict[str, Any]:
    staff_session = current_session()
    if staff_session is None:
        return {"session_seconds_left": None}
    return {
        "session_seconds_left": seconds_left(staff_session),
        "session_warning_seconds": int(current_app.config["SESSION_WARNING_SECONDS"]),
    }


def send_to_login() -> Response:
    """Answer a request that needs a signed-in user: the login page, coming back here afterwards.

    htmx requests get 401 with ``HX-Redirect``, so the login page never lands inside a fragment.
    """
    come_back = current_path() if request.method == "GET" or is_htmx() else None
    login_url = url_for("auth.login", next=come_back)
    flash(SIGN_IN_MESSAGE, "info")
    if is_htmx():
        return redirect_with_status(login_url, 401)
    return redirect(login_url, 303)


def safe_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else the home page; always plain ASCII.

    Both ways a sign-in ends (the form's redirect, htmx's ``HX-Redirect`` header) send what this
    returns. The path must be printable ASCII, also once percent-decoded, so look-alikes that
    browsers or proxies might normalise into a slash or a dot (``／``, ``。``, ``%E3%80%82``) never
    get through; a scheme, a host, ``//``, a backslash, a control character or a dot segment sends
    the user home. Non-ASCII in the query or fragment is percent-encoded.
    """
    if target and _is_local_path(target):
        return iri_to_uri(target)
    return url_for("home.index")


# A path as RFC 3986 writes it: "/" then unreserved characters, sub-delims, ":", "@" and %XX escapes.
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*")
_MOST_DECODINGS = 3  # a path still changing after this many percent-decodings is refused


def _is_local_path(target: str) -> bool:
    if any(unicodedata.category(char) == "Cc" for char in target):
        return False
    try:
        path = urlsplit(target).path
    except ValueError:  # not even a URL
        return False
    if not target.startswith(path) or not path:  # a scheme or a host came first
        return False
    for _ in range(_MOST_DECODINGS):
        if not _is_plain_path(path):
            return False
        try:
            decoded = unquote(path, errors="strict")
        except UnicodeDecodeError:  # escapes that are no UTF-8 text
            return False
        if decoded == path:
            return True
        path = decoded
    return False


def _is_plain_path(path: str) -> bool:
    return (
        _PLAIN_PATH.fullmatch(path) is not None
        and not path.startswith("//")
        and not any(segment in (".", "..") for segment in path.split("/"))
    )
