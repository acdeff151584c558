"""My account: a page of sections about the signed-in staff member (for now: their sessions), and
the two small endpoints behind the page's sign-out warning.

* ``GET /account/session``: how long this session has left, as JSON; it does not count as activity,
  so a tab left open does not keep its session alive by asking. An ended session gets what every
  request of one gets (the login page, or 401 for htmx).
* ``POST /account/session``: "Stay signed in": counts as activity now.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, jsonify, render_template, url_for
from flask_login import current_user

from app import staff_events
from app.extensions import db
from app.htmx import redirect
from app.login import current_session, end_session, not_activity, seconds_left
from app.models.ledger import utcnow
from app.models.staff_session import EndReason, Limits, StaffSession
from app.permissions import signed_in
from app.presenters.sessions import browser_name, present_sessions

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("")
@signed_in
def index() -> str:
    mine = current_session()
    rows = present_sessions(StaffSession.active_for(current_user.id, Limits.configured()), mine.id if mine else None)
    return render_template("account/index.html", sessions=rows)


@bp.route("/sessions/<int:session_id>/end", methods=["POST"])
@signed_in
def end_one(session_id: int) -> Response:
    mine = current_session()
    if mine is not None and mine.id == session_id:
        end_session(current_user._get_current_object())
        flash("You are signed out.", "info")
        return redirect(url_for("auth.login"))
    target = StaffSession.find_of(current_user.id, session_id) or abort(404)
    if target.end(EndReason.ENDED_BY_USER):
        details = f"{EndReason.ENDED_BY_USER}: {browser_name(target.user_agent)}, {target.client_address}"
        staff_events.record(staff_events.SESSION_ENDED, about=current_user, details=details)
    db.session.commit()
    flash("That session has ended: it is signed out everywhere.", "success")
    return redirect(url_for("account.index"))


@bp.route("/sessions/end-others", methods=["POST"])
@signed_in
def end_others() -> Response:
    mine = current_session()
    ended = current_user.end_sessions(EndReason.ENDED_BY_USER, keep=mine.id if mine else None)
    staff_events.record(staff_events.SESSIONS_ENDED, about=current_user,
                        details=f"{staff_events.sessions_ended(ended)} (all but this one)")
    db.session.commit()
    flash(f"Signed out everywhere else: {staff_events.sessions_ended(ended)}.", "success")
    return redirect(url_for("account.index"))


@bp.route("/session")
@signed_in
@not_activity
def session_status() -> Response:
    return _status()


@bp.route("/session", methods=["POST"])
@signed_in
def keep_alive() -> Response:
    mine = current_session()
    if mine is not None:
        mine.touch(utcnow(), always=True)
        db.session.commit()
    return _status()


def _status() -> Response:
    """``{"signed_in": true, "seconds_left": 1790, "renewable": true}``: renewable is false once
    activity can no longer push the end (the absolute lifetime is what ends it)."""
    mine = current_session()
    if mine is None:
        abort(404)
    renewable = mine.is_renewable(Limits.configured())
    return jsonify(signed_in=True, seconds_left=seconds_left(mine), renewable=renewable,
                   warning_seconds=int(current_app.config["SESSION_WARNING_SECONDS"]))
