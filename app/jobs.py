"""Background jobs on Huey: syncing an order after a push notification, and the schedule.

The queue lives in ``instance/jobs.sqlite3`` (Huey's SQLite storage: no extra service; another file
with ``JOBS_SQLITE_FILE``) unless
``JOBS_REDIS_URL`` names a Redis server, which several hosts share. ``flask --app app worker``
consumes the jobs and runs the schedule: open orders synced every ``SYNC_OPEN_EVERY_MINUTES``, and a
heartbeat every minute. A heartbeat older than ``WORKER_STALE_SECONDS`` means no worker runs: staff
see a notice and ``/readyz`` says so. In tests (``JOBS_IMMEDIATE``) jobs run at once, in-process.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.api import TaskWrapper

from app.index.sync import sync_many, sync_order
from app.models.order_index import IndexedOrder

EXTENSION = "jobs"
QUEUE_FILE = "jobs.sqlite3"
HEARTBEAT_KEY = "worker-heartbeat"
NOTICE_CACHE_SECONDS = 30.0  # pages look at the heartbeat at most this often per process

logger = logging.getLogger(__name__)


@dataclass
class Jobs:
    huey: Huey
    expects_worker: bool
    sync_order: TaskWrapper
    sync_open_orders: TaskWrapper
    _seen_alive: tuple[float, bool] = field(default=(float("-inf"), True))


def init_app(app: Flask) -> None:
    huey = _queue(app)
    in_app = functools.partial(_in_app_context, app)
    app.extensions[EXTENSION] = Jobs(
        huey=huey,
        expects_worker=not huey.immediate,
        sync_order=huey.task(retries=3, retry_delay=60, name="sync_order")(in_app(sync_order)),
        sync_open_orders=huey.periodic_task(
            _every(int(app.config["SYNC_OPEN_EVERY_MINUTES"])), name="sync_open_orders"
        )(in_app(sync_open_orders)),
    )
    huey.periodic_task(crontab(), name="heartbeat")(functools.wraps(beat)(functools.partial(beat, huey)))
    app.jinja_env.globals["worker_down"] = worker_down


def _queue(app: Flask) -> Huey:
    name = "klarna-backoffice"
    immediate = app.config["JOBS_IMMEDIATE"]
    if immediate is None:
        immediate = app.testing
    if app.config["JOBS_REDIS_URL"]:
        return RedisHuey(name, url=app.config["JOBS_REDIS_URL"], immediate=immediate, results=False)
    path = app.config["JOBS_SQLITE_FILE"] or Path(app.instance_path) / QUEUE_FILE
    return SqliteHuey(name, filename=str(path), immediate=immediate, results=False)


def _in_app_context(app: Flask, job: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(job)
    def run(*args: Any, **kwargs: Any) -> Any:
        with app.app_context():
            return job(*args, **kwargs)

    return run


def _every(minutes: int) -> Callable[[datetime], bool]:
    """A Huey schedule: every ``minutes`` (1 to 60, or whole hours above that)."""
    if minutes <= 60:
        return crontab(minute=f"*/{minutes}")
    return crontab(minute="0", hour=f"*/{max(1, minutes // 60)}")


def sync_open_orders() -> None:
    counts = sync_many(IndexedOrder.ids_to_sync(only_open=True), int(current_app.config["SYNC_CONCURRENCY"]))
    logger.info("open orders synced: %s", ", ".join(f"{count} {name}" for name, count in counts.items()))


def beat(huey: Huey) -> None:
    huey.put(HEARTBEAT_KEY, datetime.now(UTC).isoformat())


# --- what the web processes use -----------------------------------------------------------------


def jobs() -> Jobs:
    return current_app.extensions[EXTENSION]


def enqueue_sync(store_key: str, order_id: str) -> None:
    """Sync this order in the background (at once, in-process, when jobs run immediately)."""
    jobs().sync_order(store_key, order_id)


def last_heartbeat() -> datetime | None:
    try:
        value = jobs().huey.get(HEARTBEAT_KEY, peek=True)
    except Exception:  # noqa: BLE001 - the queue's storage failing means: no sign of a worker
        logger.exception("the job queue's storage cannot be read")
        return None
    return datetime.fromisoformat(value) if value else None


def worker_alive(now: datetime | None = None) -> bool:
    """True when no worker is expected (jobs run in-process) or one beat recently."""
    if not jobs().expects_worker:
        return True
    beat_at = last_heartbeat()
    now = now or datetime.now(UTC)
    return beat_at is not None and (now - beat_at).total_seconds() <= current_app.config["WORKER_STALE_SECONDS"]


def worker_down() -> bool:
    """For the pages' notice: True when the worker seems dead (looked at every 30 s per process)."""
    state = jobs()
    checked_at, alive = state._seen_alive
    if time.monotonic() - checked_at >= NOTICE_CACHE_SECONDS:
        alive = worker_alive()
        state._seen_alive = (time.monotonic(), alive)
    return not alive


def run_worker(workers: int, schedule: bool = True) -> None:
    """Consume jobs (and run the schedule) until stopped (SIGINT or SIGTERM)."""
    huey = jobs().huey
    beat(huey)
    huey.create_consumer(workers=workers, worker_type="thread", periodic=schedule).run()
