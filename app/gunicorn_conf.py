"""gunicorn settings for serving the dashboard (docs/DEPLOY.md explains each choice):

    gunicorn -c python:app.gunicorn_conf 'app:create_app()'

It lives in the package because the top level of the repository is fixed; ``python:`` makes gunicorn
import it like any module. Command-line options override it (e.g. ``--bind 0.0.0.0:8000``).

* Threads: an order view spends almost all its time waiting on Klarna, so each worker process runs
  ``GUNICORN_THREADS`` (default 16) threads and a slow Klarna answer holds one thread, not a process.
  ``WEB_CONCURRENCY`` worker processes (default: one per core, at least two). A request holds a
  database connection while it waits, so each worker's pool gets one per thread (``post_fork``).
* Timeouts: ``KLARNA_WORST_CASE_SECONDS`` is the longest one Klarna call can take (with
  ``KLARNA_CONNECT_TIMEOUT`` / ``KLARNA_READ_TIMEOUT`` from the environment, if set); requests in
  flight get longer than that to finish on a restart.
* No access log: the dashboard writes one JSON line per request (app/request_log.py) with more in
  it, and gunicorn's own messages go through the same JSON logging (app/logging_setup.py).
* Forwarded headers: gunicorn trusts none of them. ``TRUSTED_PROXIES`` (werkzeug's ProxyFix, see
  app/security.py) is the one setting that decides whether X-Forwarded-For/-Proto/-Host count.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping

from app.klarna.client import DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT
from app.logging_setup import logging_config

# One Klarna call at worst with the client's retry settings (app/klarna/client.py): 3 attempts, each
# up to the connect and read timeouts, and 2 waits between them of at most 10 s (the Retry-After cap).
KLARNA_ATTEMPTS = 3
KLARNA_LONGEST_WAIT = 10.0


def klarna_worst_case_seconds(environ: Mapping[str, str] = os.environ) -> float:
    """The longest one Klarna call can take with the timeouts the dashboard will use."""
    connect = float(environ.get("KLARNA_CONNECT_TIMEOUT") or DEFAULT_CONNECT_TIMEOUT)
    read = float(environ.get("KLARNA_READ_TIMEOUT") or DEFAULT_READ_TIMEOUT)
    return KLARNA_ATTEMPTS * (connect + read) + (KLARNA_ATTEMPTS - 1) * KLARNA_LONGEST_WAIT


KLARNA_WORST_CASE_SECONDS = klarna_worst_case_seconds()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = ["127.0.0.1:8000"]
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or max(2, _cores()))
threads = int(os.environ.get("GUNICORN_THREADS") or 16)

# On restart or shutdown, requests in flight may finish their Klarna calls (120 s with the defaults).
graceful_timeout = max(120, math.ceil(KLARNA_WORST_CASE_SECONDS) + 30)
timeout = graceful_timeout  # a gthread worker stays alive while its threads wait; this is a backstop
keepalive = 5

accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "INFO").lower()
logconfig_dict = logging_config(loglevel)

forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}
forwarder_headers = ""

proc_name = "klarna-backoffice"


# gunicorn 25.1+ opens a control socket at one fixed path per user, which a second instance on the
# same host (another release, a test run) would take over: off.
control_socket_disable = True


def post_fork(server: object, worker: object) -> None:
    """Before the worker loads the app: one database connection per thread, unless set already."""
    os.environ.setdefault("DATABASE_POOL_SIZE", str(worker.cfg.threads))  # type: ignore[attr-defined]
