"""The order list (``/orders``): one search box, filters, sorting, keyset pages, the work queues,
and the same query as a CSV download (``format=csv``). The query string is the whole state."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from app import csv_export
from app.forms.order_search import OrderSearchForm
from app.display import Amounts
from app.extensions import db
from app.htmx import redirect, render
from app.index.refresh import mark_reviewed
from app.index.text import looks_like_phone
from app.models import order_search
from app.models.audit import Actor, AuditEntry, AuditOutcome, Subject
from app.models.ledger import LedgerKey
from app.models.order_index import IndexedOrder
from app.models.order_search import OrderFilter, Queue
from app.permissions import Permission, requires
from app.presenters.order_list import CSV_COLUMNS, csv_cells, describe_change, present_rows, present_unknown
from app.upstream import stores, url_for_order

bp = Blueprint("order_list", __name__, url_prefix="/orders")

PAGE_SIZE = 50
REVIEW_DRIFT = "review_drift"  # the audit log's operation for "mark reviewed"
COUNTS_CACHE_SECONDS = 60.0  # the navigation's queue counts, per process
QUEUE_LABELS = {
    Queue.EXPIRING: "Expiring soon",
    Queue.WAITING: "Waiting for capture",
    Queue.DRIFT: "Changed outside the dashboard",
}
NO_CUSTOMER_DATA = (
    "Customer names, emails and phone numbers are not kept in the order index here "
    "(INDEX_CUSTOMER_DATA=0): search by order ID, Klarna reference or merchant reference."
)


def search_form(args: Any) -> OrderSearchForm:
    choices = [(store.key, store.label) for store in stores()]
    form = OrderSearchForm(args, stores=choices)
    form.validate()
    return form


def order_filter(form: OrderSearchForm) -> OrderFilter:
    config = current_app.config
    return form.order_filter(datetime.now(UTC), int(config["QUEUE_EXPIRING_DAYS"]), int(config["QUEUE_WAITING_DAYS"]))


@bp.route("")
@requires(Permission.VIEW_ORDERS)
def index() -> Any:
    form = search_form(request.args)
    where = order_filter(form)
    if request.args.get("format") == "csv":
        rows = (csv_cells(row) for row in order_search.stream(where, form.sort_key()))
        return csv_export.download("orders", CSV_COLUMNS, rows)
    found = order_search.page(where, form.sort_key(), form.after.data, PAGE_SIZE)
    return render(
        "orders/list.html",
        "orders/_list_results.html",
        form=form,
        found=found,
        rows=present_rows(found.rows),
        state=form.state(),
        queue=where.queue,
        queue_labels=QUEUE_LABELS,
        notice=_search_notice(form) if not found.total else None,
    )


def search_target(query: str, store_key: str | None) -> str:
    """Where the header box sends a search: the order itself when exactly one matches, else the list."""
    args = {"q": query, **({"store": store_key} if store_key else {})}
    match = order_search.single_match(order_filter(search_form(MultiDict(args))))
    if match is not None:
        return url_for_order("orders.show", match.order_id, match.store_key)
    return url_for("order_list.index", **args)


def _search_notice(form: OrderSearchForm) -> str | None:
    """Why a search that found nothing may not have: customer data is not kept here."""
    query = form.q.data or ""
    customer_like = "@" in query or looks_like_phone(query) or any(char.isalpha() for char in query)
    if customer_like and not current_app.config["INDEX_CUSTOMER_DATA"]:
        return NO_CUSTOMER_DATA
    return None


def queue_counts() -> dict[str, int]:
    """How many orders each queue holds, looked at most once a minute per process."""
    cache = current_app.extensions.setdefault("queue_counts", {})
    if time.monotonic() - cache.get("at", float("-inf")) >= COUNTS_CACHE_SECONDS:
        config = current_app.config
        counts = order_search.queue_counts(
            datetime.now(UTC), int(config["QUEUE_EXPIRING_DAYS"]), int(config["QUEUE_WAITING_DAYS"]))
        cache["counts"] = {**counts, "unknown": LedgerKey.count_unknown()}
        cache["at"] = time.monotonic()
    return cache["counts"]


def init_app(app: Any) -> None:
    app.jinja_env.globals.update(queue_counts=queue_counts, queue_labels=QUEUE_LABELS)


@bp.post("/drift/<int:row_id>/reviewed")
@requires(Permission.ACKNOWLEDGE)
def drift_reviewed(row_id: int) -> Any:
    """Staff looked at what changed outside the dashboard: the order leaves that queue (audited)."""
    row = IndexedOrder.by_id(row_id) or abort(404)
    if row.drift_open:
        changes = "; ".join(describe_change(change, Amounts(row.currency or "", row.locale)) for change in row.drift or [])
        mark_reviewed(row, current_user.username)
        subject = Subject(store=row.store_key, order_id=row.order_id, operation=REVIEW_DRIFT, details=changes)
        AuditEntry.record(Actor(current_user.id, current_user.username, request.remote_addr), subject,
                          AuditOutcome.SUCCEEDED)
        db.session.commit()
        _forget_counts()
    return redirect(url_for("order_list.index", queue=Queue.DRIFT))


@bp.get("/unknown-outcomes")
@requires(Permission.VIEW_AUDIT)
def unknown_outcomes() -> str:
    """Actions whose result Klarna never confirmed, each with the way to settle it."""
    return render_template("orders/unknown_outcomes.html", keys=present_unknown(LedgerKey.unknown()),
                           queue="unknown", queue_labels=QUEUE_LABELS)


def _forget_counts() -> None:
    current_app.extensions.pop("queue_counts", None)
