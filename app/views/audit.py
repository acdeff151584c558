"""The audit log page: every attempt staff made to change an order, newest first, with filters."""

from __future__ import annotations

from flask import Blueprint, request

from app.actions.history import summary
from app.extensions import db
from app.forms.audit import AuditFilterForm
from app.htmx import render
from app.models.audit import AuditEntry
from app.permissions import Permission, requires
from app.upstream import url_for_order

bp = Blueprint("audit", __name__, url_prefix="/audit")

PER_PAGE = 50


@bp.route("")
@requires(Permission.VIEW_AUDIT)
def index() -> str:
    form = AuditFilterForm(request.args, usernames=AuditEntry.usernames())
    filters = form.filters()
    results = db.paginate(
        AuditEntry.search(**filters), page=request.args.get("page", 1, type=int), per_page=PER_PAGE, error_out=False
    )
    query = {name: value for name, value in filters.items() if value}
    return render(
        "audit/index.html",
        "audit/_results.html",
        form=form,
        results=results,
        query=query,
        summary=summary,
        url_for_order=url_for_order,
    )
