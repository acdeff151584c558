"""Signed-in sessions: starting and ending them, loading their user, and where to send the rest.

A session is a signed cookie holding the user's id and session nonce (see ``User.get_id``); it ends
when the user signs out, when the account is disabled or its password reset, when the client's
address or browser changes (flask-login's strong protection), or after ``SESSION_LIFETIME_HOURS``
from sign-in, whatever the activity.
"""

from __future__ import annotations

import re
import time
import unicodedata
from urllib.parse import unquote, urlsplit

from flask import Flask, Response, current_app, flash, redirect, request, session, url_for
from flask_login import login_user, logout_user
from werkzeug.urls import iri_to_uri

from app.extensions import db, login_manager
from app.htmx import current_path, is_htmx, redirect_with_status
from app.models.user import User

SIGNED_IN_AT = "signed_in_at"
SIGN_IN_MESSAGE = "Sign in to continue."


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)
    login_manager.unauthorized_handler(send_to_login)


def load_user(session_id: str) -> User | None:
    """The session's user, read once per request: kept out of the database session, so a commit
    during the request (which expires what the session holds) does not read the user again."""
    if _session_expired():
        return None
    user = User.from_session_id(session_id)
    if user is not None:
        db.session.expunge(user)
    return user


def _session_expired() -> bool:
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int | float):
        return True
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    return time.time() - signed_in_at > lifetime


def start_session(user: User) -> None:
    """Sign ``user`` in with a fresh session (nothing from before sign-in survives)."""
    session.clear()
    login_user(user, remember=False)
    # Not a "permanent" session: the cookie ends with the browser, and flask-login's strong
    # protection only applies to non-permanent sessions. The lifetime is enforced here instead.
    session[SIGNED_IN_AT] = int(time.time())


def end_session() -> None:
    logout_user()
    session.clear()


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
