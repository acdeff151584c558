"""One log line per request (logger ``app.requests``), and the request id.

Each request gets an id: the ``X-Request-Id`` a trusted reverse proxy sent (only with
``TRUSTED_PROXIES`` set, and only a plain token of 8 to 128 letters, digits and ``._:-``), or a new
one. The response carries it back in ``X-Request-Id`` and every log line written during the request
carries it as ``request_id`` (see app/logging_setup.py).

The line's fields: ``request_id``, ``user_id`` (None when signed out), ``client_ip``, ``method``,
``route`` (the URL rule, e.g. ``/orders/<order_id>``, never the path itself), ``endpoint``,
``status``, ``duration_ms``, and the Klarna calls made meanwhile (``app.upstream.calls()``):
``klarna_calls`` (how many), ``klarna_correlation_ids`` and ``klarna_ms`` (their time in all).
Each of those calls has its own line on ``app.klarna`` as well.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from typing import Any

from flask import Flask, Response, current_app, g, request
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from app import upstream
from app.logging_setup import REQUEST_ID

REQUEST_ID_HEADER = "X-Request-Id"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")
_STARTED = "request_started"

logger = logging.getLogger("app.requests")


def init_app(app: Flask) -> None:
    """Register first, so the clock starts before any other ``before_request`` function runs."""
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.setdefault(_STARTED, time.perf_counter())
    g.setdefault(REQUEST_ID, _trusted_incoming_id() or uuid.uuid4().hex)


def _trusted_incoming_id() -> str | None:
    if int(current_app.config["TRUSTED_PROXIES"]) <= 0:
        return None
    value = request.headers.get(REQUEST_ID_HEADER, "")
    return value if _SANE_REQUEST_ID.fullmatch(value) else None


def _finish(response: Response) -> Response:
    _start()  # a no-op, unless something answered before this app's first before_request ran
    response.headers[REQUEST_ID_HEADER] = g.get(REQUEST_ID)
    fields = _fields(response)
    logger.info("%s %s %s", fields["method"], fields["route"] or "(no route)", fields["status"], extra=fields)
    return response


def _fields(response: Response) -> dict[str, Any]:
    rule = request.url_rule
    calls = upstream.calls()
    return {
        REQUEST_ID: g.get(REQUEST_ID),
        "user_id": _user_id(),
        "client_ip": request.remote_addr,
        "method": request.method,
        "route": rule.rule if rule else None,
        "endpoint": request.endpoint,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - g.get(_STARTED)) * 1000),
        "klarna_calls": len(calls),
        "klarna_correlation_ids": [call.correlation_id for call in calls if call.correlation_id],
        "klarna_ms": sum(call.duration_ms for call in calls),
    }


def _user_id() -> int | None:
    if request.endpoint == "static":
        return None  # stylesheets and scripts need no user (and no database query to find one)
    try:
        return current_user.id if current_user.is_authenticated else None
    except SQLAlchemyError:  # the database is down: the line is still written, without the user
        return None
