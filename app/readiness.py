"""Readiness: whether every configured Klarna store answers and accepts our credentials.

Each store is asked for an order with a random id: Klarna's 404 (no such order) proves that it
answered and took the credentials; a 401 (credentials refused), a network failure or a server error
means not ready. The answer is kept for ``READINESS_CACHE_SECONDS`` per process, so load balancers
polling every second cause one Klarna request per store every few seconds; while one thread asks
Klarna, the others answer with the last result instead of queueing behind it.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid

from flask import Flask, current_app

from app import upstream
from app.klarna import KlarnaError, NotFound
from app.stores import Store

EXTENSION = "klarna_readiness"

logger = logging.getLogger(__name__)


class KlarnaReadiness:
    def __init__(self, cache_seconds: float):
        self.cache_seconds = cache_seconds
        self._lock = threading.Lock()
        self._ready: bool | None = None
        self._checked_at = float("-inf")

    def ready(self) -> bool:
        if time.monotonic() - self._checked_at < self.cache_seconds and self._ready is not None:
            return self._ready
        # Only the first check ever waits for another thread's; later ones use the last result.
        if not self._lock.acquire(blocking=self._ready is None):
            return bool(self._ready)
        try:
            if time.monotonic() - self._checked_at >= self.cache_seconds or self._ready is None:
                self._ready = all([_store_answers(store) for store in upstream.stores()])
                self._checked_at = time.monotonic()
            return self._ready
        finally:
            self._lock.release()


def _store_answers(store: Store) -> bool:
    try:
        upstream.client(store).get_order(str(uuid.uuid4()))
    except NotFound:
        return True
    except KlarnaError as error:
        logger.warning("readiness: Klarna store %s is not ready: %s", store.key, error,
                       extra={"store": store.key, "klarna_error": type(error).__name__})
        return False
    return True  # an order with that id after all: Klarna answered, with our credentials


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = KlarnaReadiness(float(app.config["READINESS_CACHE_SECONDS"]))


def klarna_ready() -> bool:
    return current_app.extensions[EXTENSION].ready()
