"""Sign in and sign out.

Failed sign-ins are throttled per account and per client address (``LOGIN_LIMIT_PER_ACCOUNT``,
``LOGIN_LIMIT_PER_ADDRESS``). Only failed attempts count (answers with status 401), so staff who
sign in correctly are never locked out by their own sign-ins; once a limit is reached every
attempt gets the 429 page until the window passes, the correct password included.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.extensions import db, limiter
from app.forms.auth import LoginForm
from app.htmx import redirect as htmx_redirect
from app.login import end_session, safe_next, start_session
from app.models.user import authenticate, normalize_username
from app.permissions import public, signed_in

bp = Blueprint("auth", __name__)

FAILED = 401
WRONG_CREDENTIALS = "That username and password do not match an active account."


def _account_key() -> str:
    return "account:" + normalize_username(request.form.get("username", ""))


def _address_key() -> str:
    return "address:" + (get_remote_address() or "unknown")


def _failed(response: Response) -> bool:
    return response.status_code == FAILED


def _failed_login_limit(setting: str, key_func: Callable[[], str]) -> Callable:
    """Limit failed sign-ins to the configured ``setting`` per key (account or address)."""
    return limiter.limit(
        lambda: current_app.config[setting],
        key_func=key_func,
        methods=["POST"],
        deduct_when=_failed,
        scope=setting.lower(),
    )


@bp.route("/login", methods=["GET", "POST"])
@_failed_login_limit("LOGIN_LIMIT_PER_ACCOUNT", _account_key)
@_failed_login_limit("LOGIN_LIMIT_PER_ADDRESS", _address_key)
@public
def login() -> Response | tuple[str, int]:
    next_url = request.args.get("next")
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(next_url))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 422 if form.is_submitted() else 200
    user = authenticate(form.username.data, form.password.data)
    db.session.commit()
    if user is None:
        form.form_errors.append(WRONG_CREDENTIALS)
        return render_template("auth/login.html", form=form), FAILED
    start_session(user)
    current_app.logger.info("staff %s signed in", user.username)
    flash(f"Signed in as {user.username} ({user.role}).", "success")
    return htmx_redirect(safe_next(next_url))


@bp.route("/logout", methods=["POST"])
@signed_in
def logout() -> Response:
    current_app.logger.info("staff %s signed out", current_user.username)
    end_session(current_user._get_current_object())
    flash("You are signed out.", "info")
    return htmx_redirect(url_for("auth.login"))
