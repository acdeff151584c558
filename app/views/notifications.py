"""Klarna's push notifications: ``POST /notifications/klarna/<store>?klarna_order_id=<id>&token=<secret>``.

Klarna calls the merchant's push URL with the order id in the query string and an empty body. The
only thing trusted is the id: a sync job reads the order from Klarna (``app/jobs.py``). The token
is the store's ``KLARNA_PUSH_TOKEN`` (or ``KLARNA_<KEY>_PUSH_TOKEN``), compared in constant time;
a wrong or missing token, or a store without one, is a 404 and nothing is done. No login and no
CSRF token (Klarna has neither), and rate limited per client address.
"""

from __future__ import annotations

import hmac
import logging

from flask import Blueprint, abort, current_app, request

from app import upstream
from app.extensions import csrf, limiter
from app.index.text import ORDER_ID
from app.jobs import enqueue_sync
from app.permissions import public

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
logger = logging.getLogger(__name__)


def _limit() -> str:
    return current_app.config["PUSH_LIMIT"]


@bp.route("/klarna/<store_key>", methods=["POST"])
@public
@csrf.exempt
@limiter.limit(_limit)
def klarna(store_key: str) -> tuple[str, int]:
    store = _store_with_token(store_key, request.args.get("token", ""))
    order_id = request.args.get("klarna_order_id", "").strip().lower()
    if not ORDER_ID.fullmatch(order_id):
        logger.info("push notification without a valid order id for store %s; dropped", store.key)
        return "", 400
    enqueue_sync(store.key, order_id)
    return "", 204


def _store_with_token(key: str, token: str) -> upstream.Store:
    try:
        store = upstream.store(key)
    except upstream.UnknownStore:
        abort(404)
    expected = store.push_token.encode()
    if not expected or not hmac.compare_digest(token.encode(), expected):
        abort(404)
    return store
