"""Staff administration: list, create, change role, disable or enable, reset password.

Every change is logged and confirmed with a flash message naming who changed what. An admin cannot
disable or demote their own account, and the last active admin cannot be removed at all.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, abort, current_app, flash, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm

from app.extensions import db
from app.forms.admin import CreateStaffForm, ResetPasswordForm, RoleForm
from app.htmx import redirect
from app.login import start_session
from app.models.user import StaffError, User
from app.permissions import Permission, Role, requires

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


def _change(apply: Callable[[], None], message: str) -> Response | tuple[str, int]:
    try:
        apply()
    except StaffError as error:
        db.session.rollback()
        return _refused(str(error))
    db.session.commit()
    return _done(message)


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
    db.session.commit()
    return _done(f"{current_user.username} created {user.username} with role {user.role}.")


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
    return _change(lambda: user.set_role(role), message)


@bp.route("/staff/<int:user_id>/disable", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def disable(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    if user.id == current_user.id:
        return _refused("You cannot disable your own account. Ask another admin.")
    message = f"{current_user.username} disabled {user.username}; their sessions have ended."
    return _change(user.disable, message)


@bp.route("/staff/<int:user_id>/enable", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def enable(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    return _change(user.enable, f"{current_user.username} enabled {user.username}.")


@bp.route("/staff/<int:user_id>/password", methods=["POST"])
@requires(Permission.MANAGE_STAFF)
def reset_password(user_id: int) -> Response | tuple[str, int]:
    user = _user_or_404(user_id)
    form = ResetPasswordForm(prefix=_row_prefix(user))
    if not form.validate():
        return _staff_page(422, failed=(user, form))
    user.set_password(form.password.data)
    db.session.commit()
    if user.id == current_user.id:
        start_session(user)  # the admin who reset their own password stays signed in
    return _done(
        f"{current_user.username} set a new password for {user.username}; "
        "their sessions have ended. Give them the new password in person or by phone."
    )
