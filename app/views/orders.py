"""Orders: the lookup box's target, the order page, its panels, and one capture or refund.

Every order view reads the order with one ``get_order`` call (it carries the captures and refunds)
through ``app.upstream``; Klarna's failures become error pages in ``app/views/errors.py``.
"""

from __future__ import annotations

from uuid import UUID

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user
from jinja2 import TemplateNotFound

from app.forms.orders import LookupForm
from app.htmx import redirect, render
from app.permissions import Permission, requires
from app.presenters import present_order
from app.presenters.history import staff_actions
from app.presenters.order import capture_of, refund_of
from app.upstream import STORE_ARG, LoadedOrder, load_order, stores
from app.views.errors import errors_shown_in
from app.views.order_list import search_target

bp = Blueprint("orders", __name__, url_prefix="/orders")

PANELS = {
    "summary": "orders/_summary.html",
    "money": "orders/_money.html",
    "lines": "orders/_lines.html",
    "customer": "orders/_customer.html",
    "captures": "orders/_captures.html",
    "refunds": "orders/_refunds.html",
    "timeline": "orders/_timeline.html",
    "actions": "orders/_actions.html",  # the actions' menu, from the actions work
}
NOTICE_REGION = "order-notice"  # where a failed panel refresh says why


@bp.route("/lookup")
@requires(Permission.VIEW_ORDERS)
def lookup() -> Response | tuple[str, int]:
    form = LookupForm(request.args, store_choices=[(store.key, store.label) for store in stores()])
    if not form.validate():
        errors = form.order_id.errors + form.store.errors
        page = render("orders/lookup.html", "orders/_lookup_message.html", lookup=form, lookup_errors=errors)
        return page, 422
    store = {STORE_ARG: form.store.data} if form.store.data else {}
    if form.canonical_id:
        return redirect(url_for("orders.show", order_id=form.canonical_id, **store))
    return redirect(search_target(form.order_id.data, form.store.data or None))


def _read(order_id: UUID) -> LoadedOrder:
    """The order, from the store the URL names (if it names one)."""
    return load_order(str(order_id), request.args.get(STORE_ARG) or None)


def _load(order_id: UUID) -> LoadedOrder:
    """The order, remembered as recently opened by this user."""
    return load_order(str(order_id), request.args.get(STORE_ARG) or None, opened_by=current_user.username)


def _context(loaded: LoadedOrder) -> dict:
    return {"loaded": loaded, "view": present_order(loaded, staff_actions=staff_actions(loaded))}


@bp.route("/<uuid:order_id>")
@requires(Permission.VIEW_ORDERS)
def show(order_id: UUID) -> str:
    return render_template("orders/order.html", **_context(_load(order_id)))


@bp.route("/<uuid:order_id>/panels")
@requires(Permission.VIEW_ORDERS)
@errors_shown_in(NOTICE_REGION)
def panels(order_id: UUID) -> str:
    """Every panel, each to be swapped out of band into its place (after an action)."""
    return render_template("orders/_panels.html", panels=PANELS.values(), oob=True, **_context(_load(order_id)))


@bp.route("/<uuid:order_id>/panels/<name>")
@requires(Permission.VIEW_ORDERS)
@errors_shown_in(NOTICE_REGION)
def panel(order_id: UUID, name: str) -> str:
    if name not in PANELS:
        abort(404)
    context = _context(_load(order_id))
    try:
        return render_template(PANELS[name], **context)
    except TemplateNotFound:
        abort(404)


# A capture or refund page reads the order, not get_capture / get_refund: the order carries them, and
# only the order knows the currency and locale their amounts need. One call either way.


@bp.route("/<uuid:order_id>/captures/<capture_id>")
@requires(Permission.VIEW_ORDERS)
def capture(order_id: UUID, capture_id: str) -> str:
    return render_template("orders/capture.html", **_capture_context(order_id, capture_id))


@bp.route("/<uuid:order_id>/captures/<capture_id>/panels")
@requires(Permission.VIEW_ORDERS)
@errors_shown_in(NOTICE_REGION)
def capture_panels(order_id: UUID, capture_id: str) -> str:
    """The capture page's parts, each to be swapped out of band (after an action on the capture)."""
    return render_template("orders/_capture_panels.html", oob=True, **_capture_context(order_id, capture_id))


def _capture_context(order_id: UUID, capture_id: str) -> dict:
    loaded = _read(order_id)
    return {"loaded": loaded, "capture": capture_of(loaded, capture_id) or abort(404)}


@bp.route("/<uuid:order_id>/refunds/<refund_id>")
@requires(Permission.VIEW_ORDERS)
def refund(order_id: UUID, refund_id: str) -> str:
    loaded = _read(order_id)
    shown = refund_of(loaded, refund_id) or abort(404)
    return render_template("orders/refund.html", loaded=loaded, refund=shown)
