"""``Klarna-Idempotency-Key``: the first outcome of an operation is replayed for the same key.

A key belongs to one operation on one resource: the account, the method and the path (which holds
the order id, and the capture id where there is one). It is remembered for 24 hours of sandbox time.
Within that scope only the key counts, not the request body (as Klarna documents). Remembered outcomes are the ones the
operation itself decided: successes (2xx) and business refusals (403). Requests rejected before the
operation ran (401, 400, 413, 422, unknown order) are not remembered, so a corrected retry can run.
Callers hold the store's transaction while they look up, run and remember, so requests carrying the
same key one after another or at the same time produce one effect.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Response

from .clock import isoformat
from .store import Store

HEADER = "Klarna-Idempotency-Key"
WINDOW = timedelta(hours=24)
NOT_REPLAYED_HEADERS = frozenset({"content-length", "date", "server", "connection"})


def is_remembered(status: int) -> bool:
    return 200 <= status < 300 or status == 403


def operation_scope(method: str, path: str) -> str:
    return f"{method.upper()} {path}"


def replay(store: Store, account: str, scope: str, key: str | None, now: datetime) -> Response | None:
    if not key:
        return None
    record = store.find_response(account, scope, key, isoformat(now - WINDOW))
    if record is None:
        return None
    response = Response(record["body"], status=record["status"])
    response.headers.clear()
    for name, value in record["headers"]:
        response.headers.add(name, value)
    return response


def remember(store: Store, account: str, scope: str, key: str | None, now: datetime,
             response: Response) -> None:
    if not key or not is_remembered(response.status_code):
        return
    headers = [(name, value) for name, value in response.headers.items()
               if name.lower() not in NOT_REPLAYED_HEADERS]
    store.remember_response(account, scope, key, isoformat(now), response.status_code, headers,
                            response.get_data())
