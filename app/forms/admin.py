"""Staff administration forms: one per action on the staff page."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import Field, Form, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, ValidationError

from app.models.user import username_problem
from app.passwords import password_problem
from app.permissions import Role

ROLE_CHOICES = [role.value for role in Role]


def _acceptable_username(form: Form, field: Field) -> None:
    problem = username_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def _acceptable_password(form: Form, field: Field) -> None:
    problem = password_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


def _password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        "New password",
        validators=[DataRequired("Enter a password."), _acceptable_password],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired("Repeat the password."), EqualTo("password", "The passwords differ.")],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class CreateStaffForm(FlaskForm):
    username = StringField(
        "Username",
        validators=[DataRequired("Enter a username."), _acceptable_username],
        filters=[lambda value: value.strip().lower() if value else value],
        render_kw={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"},
    )
    role = SelectField("Role", choices=ROLE_CHOICES, default=Role.VIEWER.value)
    password, confirm = _password_fields()


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=ROLE_CHOICES)


class ResetPasswordForm(FlaskForm):
    password, confirm = _password_fields()

