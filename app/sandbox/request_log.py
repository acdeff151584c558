"""The log of Order Management requests the sandbox received, oldest first (kept in memory)."""

from __future__ import annotations

import re
import threading
from collections import deque

ORDER_PATH = re.compile(r"^/ordermanagement/v1/orders/([^/]+)")
MAX_ENTRIES = 5000


def order_id_of(path: str) -> str | None:
    match = ORDER_PATH.match(path)
    return match.group(1) if match else None


class RequestLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries: deque[dict] = deque(maxlen=MAX_ENTRIES)

    def record(self, **entry) -> dict:
        """Add an entry; the caller fills in ``status`` once the response starts (None if none was sent)."""
        entry.setdefault("status", None)
        entry.setdefault("fault", None)
        with self._lock:
            self._entries.append(entry)
        return entry

    def entries(self, order_id: str | None = None) -> list[dict]:
        with self._lock:
            return [dict(entry) for entry in self._entries if order_id is None or entry["order_id"] == order_id]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
