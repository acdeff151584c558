"""The start page: the lookup box and the orders the team opened recently."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.models.order_index import IndexedOrder
from app.permissions import Permission, requires
from app.presenters import present_recent_orders

bp = Blueprint("home", __name__)


@bp.route("/")
@requires(Permission.VIEW_ORDERS)
def index() -> str:
    opened = IndexedOrder.recently_opened()
    newest = [] if opened else IndexedOrder.newest()
    return render_template(
        "home/index.html",
        recent=present_recent_orders(opened),
        newest=present_recent_orders(newest),
    )
