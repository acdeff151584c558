"""Orders. For now only the lookup box's target: it checks the ID and moves on to the order page."""

from __future__ import annotations

from flask import Blueprint, Response, request

from app.forms.orders import LookupForm
from app.htmx import redirect, render
from app.permissions import Permission, requires

bp = Blueprint("orders", __name__, url_prefix="/orders")


@bp.route("/lookup")
@requires(Permission.VIEW_ORDERS)
def lookup() -> Response | tuple[str, int]:
    form = LookupForm(request.args)
    if not form.validate():
        errors = form.order_id.errors
        page = render("orders/lookup.html", "orders/_lookup_message.html", lookup=form, lookup_errors=errors)
        return page, 422
    return redirect(f"{request.script_root}{bp.url_prefix}/{form.canonical_id}")
