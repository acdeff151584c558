"""``Klarna-Idempotency-Key``: the first outcome of an operation is replayed for the same key.

The key is scoped to the account and the order, and remembered for 24 hours of sandbox time.
Only the key counts, not the request (as Klarna documents). Remembered outcomes are the ones the
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


def replay(store: Store, account: str, order_id: str, key: str | None, now: datetime) -> Response | None:
    if not key:
        return None
    record = store.find_response(account, order_id, key, isoformat(now - WINDOW))
    if record is None:
        return None
    response = Response(record["body"], status=record["status"])
    response.headers.clear()
    for name, value in record["headers"]:
        response.headers.add(name, value)
    return response


def remember(store: Store, account: str, order_id: str, key: str | None, now: datetime,
             response: Response) -> None:
    if not key or not is_remembered(response.status_code):
        return
    headers = [(name, value) for name, value in response.headers.items()
               if name.lower() not in NOT_REPLAYED_HEADERS]
    store.remember_response(account, order_id, key, isoformat(now), response.status_code, headers,
                            response.get_data())
