"""The start page."""

from __future__ import annotations

from flask import Blueprint, render_template

from app.permissions import Permission, requires

bp = Blueprint("home", __name__)


@bp.route("/")
@requires(Permission.VIEW_ORDERS)
def index() -> str:
    return render_template("home/index.html")
