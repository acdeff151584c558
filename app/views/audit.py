"""The audit log page: every attempt staff made to change an order, newest first, with filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Blueprint, request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from app import csv_export
from app.extensions import db
from app.forms.audit import AuditFilterForm
from app.htmx import render
from app.models.audit import AuditEntry
from app.permissions import Permission, requires
from app.presenters.history import CSV_COLUMNS, csv_cells, summary
from app.upstream import url_for_order

bp = Blueprint("audit", __name__, url_prefix="/audit")

PER_PAGE = 50
MAX_PAGE = 1_000_000  # far past any log's end, and its offset fits every database's integers


@bp.route("")
@requires(Permission.VIEW_AUDIT)
def index() -> Any:
    form = AuditFilterForm(request.args, usernames=AuditEntry.usernames())
    form.validate()
    filters = form.filters()
    query = AuditEntry.search(**form.search_arguments())
    if request.args.get("format") == "csv":
        return csv_export.download("audit-log", CSV_COLUMNS, _csv_rows(query))
    results = _page(query, request.args.get("page", 1, type=int))
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


def _csv_rows(query: Select) -> Iterator[list[object]]:
    """Every entry of the query, read in chunks while the download streams."""
    for entry in db.session.scalars(query.execution_options(yield_per=1000)):
        yield csv_cells(entry)


def _page(query: Select, number: int) -> Pagination:
    """Page ``number`` of the results: the last page for a number past the end (an old or edited
    link), the first for one below 1."""
    results = db.paginate(query, page=min(number, MAX_PAGE), per_page=PER_PAGE, error_out=False)
    if results.pages and results.page > results.pages:
        results = db.paginate(query, page=results.pages, per_page=PER_PAGE, error_out=False)
    return results
