"""Staff administration: list, create, change role, disable or enable, reset password, and see and
end anyone's sessions.

Every change is logged, audited and confirmed with a flash message naming who changed what.
Disabling an account, setting its password or changing its role ends its sessions on every host.
An admin cannot disable or demote their own account, and the last active admin cannot be removed
at all.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, current_app, flash, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from app import staff_events
from app.extensions import db
from app.forms.admin import CreateStaffForm, ResetPasswordForm, RoleForm
from app.htmx import redirect
from app.login import current_session, start_session
from app.models.staff_session import EndReason, Limits, StaffSession
from app.models.user import StaffError, User
from app.permissions import Permission, Role, requires
from app.presenters.sessions import browser_name, present_sessions

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _row_prefix(user: User) -> str:
    return f"user-{user.id}-"


def _user_or_404(user_id: int) -> User:
    return User.find(user_id) or abort(404)


def _staff_page(
    status: int = 200,
    create_form: CreateStaffForm | None = None,
    failed: tuple[User, FlaskForm] | None = None,
) -> tuple[str, int]:
    """The staff page; ``failed`` is a row's form to show again with its errors."""
    users = User.all_by_username()
    role_forms = {u.id: RoleForm(formdata=None, prefix=_row_prefix(u), role=u.role.value) for u in users}
    password_forms = {u.id: ResetPasswordForm(formdata=None, prefix=_row_prefix(u)) for u in users}
    if failed:
        user, form = failed
        (role_forms if isinstance(form, RoleForm) else password_forms)[user.id] = form
    page = render_template(
        "admin/staff.html",
        users=users,
        create_form=create_form or CreateStaffForm(formdata=None),
        role_forms=role_forms,
        password_forms=password_forms,
        session_counts=StaffSession.active_counts(Limits.configured()),
        failed=failed,
    )
    return page, status


def _done(message: str) -> Response:
    current_app.logger.info("staff admin: %s", message)
    flash(message, "success")
    return redirect(url_for("admin.staff"))


def _refused(message: str) -> tuple[str, int]:
    flash(message, "error")
    return _staff_page(status=409)


def _change(
    apply: Callable[[], int | None], event: str, user: User, message: str
) -> Response | tuple[str, int]:
    """Make a change to ``user`` (``apply`` returns how many sessions it ended, if it ends them), audit it."""
    try:
        ended = apply()
    except StaffError as error:
        db.session.rollback()
        return _refused(str(error))
    details = message if ended is None else f"{message} {staff_events.sessions_ended(ended)}."
    staff_events.record(event, about=user, details=details)
    db.session.commit()
    return _done(message if ended is None else f"{message} Their sessions have ended.")


@bp.route("/staff")
@requires(Permission.MANAGE_STAFF)
def staff() -> tuple[str, int]:
    return _staff_page()


@bp.route("/staff", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def create() -> Response | tuple[str, int]:
    form = CreateStaffForm()
    if not form.validate():
        return _staff_page(status=422, create_form=form)
    try:
        user = User.create(form.username.data, form.password.data, form.role.data)
    except StaffError as error:
        form.username.errors.append(str(error))
        return _staff_page(status=422, create_form=form)
    message = f"{current_user.username} created {user.username} with role {user.role}."
    staff_events.record(staff_events.STAFF_CREATED, about=user, details=message)
    db.session.commit()
    return _done(message)


@bp.route("/staff/<int:user_id>/role", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def change_role(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    form = RoleForm(prefix=_row_prefix(user))
    if not form.validate():
        return _staff_page(422, failed=(user, form))
    role = Role(form.role.data)
    if user.id == current_user.id and role != user.role:
        return _refused("You cannot change your own role. Ask another admin.")
    message = f"{current_user.username} changed the role of {user.username} from {user.role} to {role}."
    return _change(lambda: user.set_role(role), staff_events.ROLE_CHANGED, user, message)


@bp.route("/staff/<int:user_id>/disable", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def disable(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    if user.id == current_user.id:
        return _refused("You cannot disable your own account. Ask another admin.")
    message = f"{current_user.username} disabled {user.username}."
    return _change(user.disable, staff_events.ACCOUNT_DISABLED, user, message)


@bp.route("/staff/<int:user_id>/enable", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def enable(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    message = f"{current_user.username} enabled {user.username}."
    return _change(user.enable, staff_events.ACCOUNT_ENABLED, user, message)


@bp.route("/staff/<int:user_id>/password", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def reset_password(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    form = ResetPasswordForm(prefix=_row_prefix(user))
    if not form.validate():
        return _staff_page(422, failed=(user, form))
    message = f"{current_user.username} set a new password for {user.username}."
    ended = user.set_password(form.password.data)
    staff_events.record(staff_events.PASSWORD_SET, about=user, details=f"{message} {staff_events.sessions_ended(ended)}.")
    db.session.commit()
    if user.id == current_user.id:
        start_session(user)  # the admin who set their own password goes on in a new session
    return _done(f"{message} Their sessions have ended. Give them the new password in person or by phone.")


@bp.route("/staff/<int:user_id>/sessions")
@requires(Permission.MANAGE_STAFF)
def sessions(user_id: int) -> str:
    user = _user_or_404(user_id)
    mine = current_session()
    rows = present_sessions(StaffSession.active_for(user.id, Limits.configured()), mine.id if mine else None)
    return render_template("admin/sessions.html", user=user, sessions=rows)


@bp.route("/staff/<int:user_id>/sessions/<int:session_id>/end", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def end_session(user_id: int, session_id: int) -> Response:
    user = _user_or_404(user_id)
    target = StaffSession.find_of(user.id, session_id) or abort(404)
    if target.end(EndReason.ENDED_BY_ADMIN):
        details = f"{EndReason.ENDED_BY_ADMIN}: {browser_name(target.user_agent)}, {target.client_address}"
        staff_events.record(staff_events.SESSION_ENDED, about=user, details=details)
    db.session.commit()
    current_app.logger.info("staff admin: %s ended a session of %s", current_user.username, user.username)
    flash(f"That session of {user.username} has ended.", "success")
    return redirect(url_for("admin.sessions", user_id=user.id))


@bp.route("/staff/<int:user_id>/sessions/end", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def end_sessions(user_id: int) -> Response:
    """End every session of ``user`` (an admin's own: every other one)."""
    user = _user_or_404(user_id)
    mine = current_session()
    keep = mine.id if mine is not None and user.id == current_user.id else None
    ended = user.end_sessions(EndReason.ENDED_BY_ADMIN, keep=keep)
    message = f"{current_user.username} ended the sessions of {user.username}: {staff_events.sessions_ended(ended)}."
    staff_events.record(staff_events.SESSIONS_ENDED, about=user, details=message)
    db.session.commit()
    current_app.logger.info("staff admin: %s", message)
    flash(message, "success")
    return redirect(url_for("admin.sessions", user_id=user.id))
