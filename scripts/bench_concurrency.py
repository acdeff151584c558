"""Do order views queue behind each other while they wait on Klarna? Measures it.

    .venv/bin/python scripts/bench_concurrency.py                   # the repository's gunicorn settings
    .venv/bin/python scripts/bench_concurrency.py --worker-class sync --workers 2 --threads 1

Starts the local sandbox with ``--latency-ms`` (default 200) on every answer, the dashboard under
gunicorn with app/gunicorn_conf.py (plus the options given) on a fresh SQLite database (or
``DATABASE_URL``), signs in, times single order views one after another, then fires ``--views``
(default 32) order views of real demo orders at the same moment and prints p50/p95/max and the wall
time. "No queueing" means all of them together took less than twice a single view. Everything it
starts is stopped at the end. Needs the test extras (it reuses the test suite's process helpers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.sandbox import demo_ids  # noqa: E402
from scripts.bench.servers import (  # noqa: E402
    PASSWORD, USER, dashboard_environment, prepare_database, start_sandbox, stop,
)
from tests.fixtures.processes import DashboardProcess, WebSession  # noqa: E402

ORDERS = [demo_ids.AUTHORIZED_SEK, demo_ids.PART_CAPTURED_EUR_REFUNDED, demo_ids.CAPTURED_INVOICE_SEK,
          demo_ids.AUTHORIZED_EUR_INSTALMENTS, demo_ids.B2B_PART_CAPTURED_USD, demo_ids.CLOSED_SEK]


def timed_view(browser: WebSession, order_id: str) -> float:
    started = time.perf_counter()
    answer = browser.get(f"/orders/{order_id}")
    if answer.status != 200:
        raise SystemExit(f"order view answered {answer.status}")
    return time.perf_counter() - started


def concurrent_views(browser: WebSession, count: int) -> tuple[list[float], float]:
    barrier = threading.Barrier(count + 1)
    durations: list[float] = []

    def one(number: int) -> None:
        barrier.wait()
        durations.append(timed_view(browser, ORDERS[number % len(ORDERS)]))

    threads = [threading.Thread(target=one, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return durations, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(options: argparse.Namespace, folder: Path) -> None:
    sandbox, sandbox_url = start_sandbox(folder, options.latency_ms)
    dashboard = None
    try:
        database = os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'dashboard.sqlite3'}"
        environment = dashboard_environment(database, sandbox_url)
        prepare_database(environment, folder)
        extra = ("--worker-class", options.worker_class) if options.worker_class else ()
        dashboard = DashboardProcess(environment, folder / "instance", options.workers, options.threads, extra)
        dashboard.wait_until_serving()
        browser = WebSession(dashboard)
        if browser.sign_in(USER, PASSWORD).status != 303:
            raise SystemExit("could not sign in")
        for order_id in ORDERS:  # warm up: connections to Klarna, templates
            timed_view(browser, order_id)
        single = statistics.median(timed_view(browser, ORDERS[number % len(ORDERS)]) for number in range(9))
        durations, wall = concurrent_views(browser, options.views)
        report(options, dashboard.log_text(), single, durations, wall)
    finally:
        if dashboard:
            dashboard.stop()
        stop(sandbox)


def server_times(log: str, count: int) -> tuple[list[int], list[int]]:
    """Time in the dashboard and time waiting on Klarna of the last ``count`` order views, from the
    request log."""
    views = [record for record in map(json.loads, log.splitlines())
             if record.get("logger") == "app.requests" and record.get("endpoint") == "orders.show"][-count:]
    return [view["duration_ms"] for view in views], [view["klarna_ms"] for view in views]


def report(options: argparse.Namespace, log: str, single: float, durations: list[float], wall: float) -> None:
    in_dashboard, on_klarna = server_times(log, options.views)
    seen = [value * 1000 for value in durations]
    waited_for_worker = percentile(seen, 0.5) - percentile(in_dashboard, 0.5)
    own_work = percentile([total - klarna for total, klarna in zip(in_dashboard, on_klarna)], 0.5)
    print(f"cores: {os.cpu_count()}  gunicorn: {options.worker_class or 'gthread (config)'}, "
          f"workers {options.workers or 'config'}, threads {options.threads or 'config'}  "
          f"sandbox latency: {options.latency_ms} ms")
    print(f"single view (median of 9): {single * 1000:.0f} ms")
    print(f"{options.views} concurrent views: p50 {percentile(seen, 0.5):.0f} ms, p95 {percentile(seen, 0.95):.0f} ms, "
          f"max {max(seen):.0f} ms, total {wall * 1000:.0f} ms")
    print(f"  per view (medians): waiting for a free worker {waited_for_worker:.0f} ms, "
          f"waiting on Klarna {percentile(on_klarna, 0.5):.0f} ms (max {max(on_klarna)} ms), "
          f"the dashboard's own work {own_work:.0f} ms")
    print("verdict:", verdict(wall, single * 1000, waited_for_worker, options.latency_ms))


def verdict(wall: float, single_ms: float, waited_for_worker_ms: float, latency_ms: int) -> str:
    if wall * 1000 < 2 * single_ms:
        return "no queueing: all of them together took less than 2 x a single view"
    if latency_ms and waited_for_worker_ms >= latency_ms:
        return "QUEUEING: views waited for a worker that was busy waiting on Klarna for another view"
    return ("no queueing behind Klarna: every view started at once and the Klarna calls overlapped; the "
            "total exceeds 2 x a single view because the views' own CPU work shares the cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--views", type=int, default=32, help="concurrent order views (default 32)")
    parser.add_argument("--latency-ms", type=int, default=200, help="sandbox delay per answer (default 200)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: app/gunicorn_conf.py)")
    parser.add_argument("--threads", type=int, help="threads per worker (default: app/gunicorn_conf.py)")
    parser.add_argument("--worker-class", help="e.g. sync (default: app/gunicorn_conf.py)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        measure(options, Path(folder))


if __name__ == "__main__":
    main()
