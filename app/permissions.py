"""Roles, permissions and the one table that maps them; how views declare what they need.

Every view carries an ``access`` declaration: ``@public`` (no sign-in), ``@signed_in`` (any active
staff member) or ``@requires(Permission.X)``. Anything without ``@public`` needs a signed-in user
even if a declaration were forgotten (see ``init_app``), and a test checks that none is.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from flask_login import current_user

from app.extensions import login_manager

View = TypeVar("View", bound=Callable[..., Any])

PUBLIC = "public"
SIGNED_IN = "signed_in"


class Permission(StrEnum):
    VIEW_ORDERS = "view_orders"
    CAPTURE = "capture"
    REFUND = "refund"
    ADD_SHIPPING_INFO = "add_shipping_info"
    EDIT_MERCHANT_REFERENCES = "edit_merchant_references"
    EDIT_SHIPPING_ADDRESS = "edit_shipping_address"
    TRIGGER_SEND_OUT = "trigger_send_out"
    ACKNOWLEDGE = "acknowledge"
    CANCEL = "cancel"
    RELEASE_AUTHORIZATION = "release_authorization"
    UPDATE_AUTHORIZATION = "update_authorization"
    EXTEND_AUTHORIZATION = "extend_authorization"
    EXTEND_DUE_DATE = "extend_due_date"
    MANAGE_STAFF = "manage_staff"
    VIEW_AUDIT = "view_audit"


class Role(StrEnum):
    """Ordered from least to most powerful; each role has every permission of the ones before it."""

    VIEWER = "viewer"
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


_VIEWER = frozenset({Permission.VIEW_ORDERS, Permission.VIEW_AUDIT})
_AGENT = _VIEWER | {
    Permission.CAPTURE,
    Permission.REFUND,
    Permission.ADD_SHIPPING_INFO,
    Permission.EDIT_MERCHANT_REFERENCES,
    Permission.EDIT_SHIPPING_ADDRESS,
    Permission.TRIGGER_SEND_OUT,
    Permission.ACKNOWLEDGE,
}
_SUPERVISOR = _AGENT | {
    Permission.CANCEL,
    Permission.RELEASE_AUTHORIZATION,
    Permission.UPDATE_AUTHORIZATION,
    Permission.EXTEND_AUTHORIZATION,
    Permission.EXTEND_DUE_DATE,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: _VIEWER,
    Role.AGENT: frozenset(_AGENT),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: frozenset(Permission),
}


def role_has(role: Role | str, permission: Permission | str) -> bool:
    return Permission(permission) in ROLE_PERMISSIONS[Role(role)]


def can(permission: Permission | str) -> bool:
    """Whether the signed-in user may do ``permission`` (template global: ``can('capture')``)."""
    user = current_user._get_current_object()  # one look-up, not one per attribute
    if not user.is_authenticated:
        return False
    return role_has(user.role, permission)


def public(view: View) -> View:
    """Open to anyone, signed in or not."""
    view.access = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in staff member, whatever the role."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapper.access = SIGNED_IN  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def requires(permission: Permission) -> Callable[[View], View]:
    """Signed in and allowed to do ``permission``; otherwise the login page or a 403 page."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not can(permission):
                abort(403)
            return view(*args, **kwargs)

        wrapper.access = permission  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def access_of(app: Flask, endpoint: str) -> str | Permission | None:
    """The declared access of an endpoint (``None`` when it declares nothing)."""
    if endpoint == "static" or endpoint.endswith(".static"):
        return PUBLIC
    return getattr(app.view_functions[endpoint], "access", None)


def sign_in_unless_public() -> Any:
    """The login page for a request without a signed-in user to an endpoint that is not public;
    ``None`` when the request may go on."""
    endpoint = request.endpoint
    if endpoint is None or current_user.is_authenticated:
        return None
    if access_of(current_app, endpoint) == PUBLIC:
        return None
    return login_manager.unauthorized()


def init_app(app: Flask) -> None:
    app.before_request(sign_in_unless_public)
    app.jinja_env.globals["can"] = can
