"""Reading orders from Klarna into the index: one order (a push notification's job), or many at
once with bounded concurrency (``orders sync``, ``orders import``, the worker's schedule).

Each order is one ``get_order``; its row is written by ``app.index.refresh`` like after any read.
A 429 pauses every thread until Klarna's ``Retry-After`` has passed, then the order is asked again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum

from flask import Flask, current_app

from app import upstream
from app.index.refresh import refresh
from app.klarna import KlarnaError, NotFound, RateLimited

logger = logging.getLogger(__name__)

RATE_LIMIT_TRIES = 6  # a 429 after the client's own retries: wait and ask again, this many times
DEFAULT_PAUSE = 2.0  # seconds to wait after a 429 without Retry-After


class Synced(StrEnum):
    INDEXED = "indexed"  # read from Klarna, row written or already true
    NOT_FOUND = "not found"  # Klarna has no such order in that store: logged and dropped
    FAILED = "failed"  # Klarna or the network failed; the row is left as it was


def sync_order(store_key: str, order_id: str) -> Synced:
    """Read one order from Klarna and bring its row up to date. Klarna's answer is the only thing
    trusted: a push notification gives nothing but the id."""
    try:
        order = upstream.client(store_key).get_order(order_id)
    except NotFound:
        logger.info("order %s is not in store %s; nothing indexed", order_id, store_key,
                    extra={"store": store_key, "order_id": order_id})
        return Synced.NOT_FOUND
    refresh(store_key, order)
    return Synced.INDEXED


@dataclass
class _Pacer:
    """Shared by the threads of one run: after a 429, nobody calls Klarna before ``resume_at``."""

    sleep: Callable[[float], object] = time.sleep
    resume_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self) -> None:
        delay = self.resume_at - time.monotonic()
        if delay > 0:
            self.sleep(delay)

    def pause(self, seconds: float) -> None:
        with self.lock:
            self.resume_at = max(self.resume_at, time.monotonic() + seconds)


def sync_many(
    pairs: Iterable[tuple[str, str]],
    concurrency: int,
    on_done: Callable[[str, Synced], object] = lambda order_id, result: None,
    sleep: Callable[[float], object] = time.sleep,
) -> dict[Synced, int]:
    """Sync every (store, order id) with at most ``concurrency`` calls to Klarna at once; counts
    by result. ``on_done`` is called (from the calling thread) as each order is done."""
    app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
    pacer = _Pacer(sleep=sleep)
    counts = dict.fromkeys(Synced, 0)

    def one(pair: tuple[str, str]) -> tuple[str, Synced]:
        with app.app_context():
            return pair[1], _with_pauses(pair, pacer)

    with ThreadPoolExecutor(max_workers=max(1, concurrency), thread_name_prefix="sync") as pool:
        for order_id, result in pool.map(one, pairs):
            counts[result] += 1
            on_done(order_id, result)
    return counts


def _with_pauses(pair: tuple[str, str], pacer: _Pacer) -> Synced:
    store_key, order_id = pair
    for _ in range(RATE_LIMIT_TRIES):
        pacer.wait()
        try:
            return sync_order(store_key, order_id)
        except RateLimited as limited:
            pacer.pause(limited.retry_after or DEFAULT_PAUSE)
        except KlarnaError as error:
            logger.warning("order %s in store %s could not be read: %s", order_id, store_key, error,
                           extra={"store": store_key, "order_id": order_id, "klarna_error": type(error).__name__})
            return Synced.FAILED
    logger.warning("order %s in store %s: Klarna kept answering 429", order_id, store_key)
    return Synced.FAILED
