"""How fast are the dashboard's pages, as a share of the least such a page could cost? Measures it.

    .venv/bin/python scripts/bench_pages.py                      # SQLite, every scenario, 3 rounds of 10 s
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test .venv/bin/python scripts/bench_pages.py \\
        --scenarios order-0                                      # PostgreSQL (a schema of its own, dropped after)

Needs: wrk (Debian: ``apt-get install wrk``; this script installs nothing) and the project's
``.venv`` with the test extras (it reuses the tests' process helpers). PostgreSQL only when
``DATABASE_URL`` names it.

What it starts (all stopped at the end): the sandbox, only to read its demo orders' JSON; a
fixed-JSON upstream serving those orders with a latency it sets per scenario
(scripts/bench/upstream.py); the dashboard under gunicorn with app/gunicorn_conf.py (2 workers x 16
threads on 2 cores) on a fresh database with one signed-in user; the floor page
(scripts/bench/floor.py: one pooled GET of the same order JSON from the same upstream and one
compiled ~20 KB template) under the same gunicorn configuration.

Each scenario drives the floor and the dashboard in turn with wrk (same connections, same session
cookie, keep-alive), ``--rounds`` times each, alternating which goes first, and reports the medians
and the dashboard's throughput as a share of the floor's (the median of the rounds' shares). Load
on the machine moves both sides alike within a round; the shares are what to compare, never the
absolute numbers. Then: the order page's weight, its Klarna calls, its scripts and static files, and
the resident memory of each dashboard worker over ``--rss-requests`` order pages.

Scenarios (``--scenarios``, comma-separated): ``order-0`` (order page, upstream 0 ms, 16
connections), ``order-150`` (150 ms, 64 connections), ``start``, ``audit`` and ``list`` (start page,
audit log, order list: 0 ms, 16 connections). A page the dashboard does not have yet (404) is
reported as such, not measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.sandbox import demo_ids  # noqa: E402
from scripts.bench import servers, wrk  # noqa: E402
from scripts.bench.targets import Row, Scenario, verdicts  # noqa: E402
from tests.fixtures.processes import DashboardProcess, WebSession, request  # noqa: E402

ORDER = demo_ids.PART_CAPTURED_EUR_REFUNDED  # two captures and a refund: the fullest page
ORDERS = [ORDER, demo_ids.AUTHORIZED_SEK, demo_ids.CAPTURED_INVOICE_SEK, demo_ids.AUTHORIZED_EUR_INSTALMENTS,
          demo_ids.B2B_PART_CAPTURED_USD, demo_ids.CLOSED_SEK, demo_ids.AUTHORIZED_USD_SALES_TAX,
          demo_ids.CAPTURED_PARTLY_REFUNDED_GBP]
AUDIT_ENTRIES = 120  # more than one page of the audit log

SCENARIOS = {
    "order-0": Scenario("order page", f"/orders/{ORDER}", latency_ms=0, connections=16, share=0.5, p99_over_p50=4),
    "order-150": Scenario("order page", f"/orders/{ORDER}", latency_ms=150, connections=64, share=0.8,
                          p50_over_floor=1.3),
    "start": Scenario("start page", "/", latency_ms=0, connections=16, share=0.5),
    "audit": Scenario("audit log", "/audit", latency_ms=0, connections=16, share=0.5),
    "list": Scenario("order list", "/orders", latency_ms=0, connections=16, share=0.5),
}

SEED_AUDIT_LOG = """
import sys
from app import create_app
from app.extensions import db
from app.models.audit import Actor, AuditEntry, AuditOutcome, Subject
from app.models.user import User

instance, username, count, *orders = sys.argv[1:]
app = create_app({"INSTANCE_PATH": instance})
with app.app_context():
    user = User.by_username(username)
    outcomes = list(AuditOutcome)
    for number in range(int(count)):
        subject = Subject("default", orders[number % len(orders)], ("capture", "refund")[number % 2],
                          amount=1000 + number, currency="EUR", details="benchmark entry")
        AuditEntry.record(Actor(user.id, user.username, "127.0.0.1"), subject, outcomes[number % len(outcomes)],
                          correlation_id=f"bench-{number}", duration_ms=number)
    db.session.commit()
"""


@dataclass
class Setup:
    folder: Path
    upstream_url: str
    floor_url: str
    dashboard: DashboardProcess
    headers: dict[str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help=f"among {', '.join(SCENARIOS)} (default all)")
    parser.add_argument("--seconds", type=float, default=10, help="length of one wrk run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each side per scenario (default 3)")
    parser.add_argument("--rss-requests", type=int, default=20000, help="order pages for the memory check (0: skip)")
    parser.add_argument("--role", default="agent", help="the signed-in user's role (default agent)")
    options = parser.parse_args()
    chosen = [name.strip() for name in options.scenarios.split(",") if name.strip()]
    unknown = set(chosen) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    wrk.require_wrk()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        run(options, chosen, Path(folder))


def run(options: argparse.Namespace, chosen: list[str], folder: Path) -> None:
    started: list[subprocess.Popen] = []
    dashboard = None
    print(machine_line(), flush=True)
    try:
        sandbox, sandbox_url = servers.start_sandbox(folder, 0)
        started.append(sandbox)
        orders = servers.sandbox_orders(sandbox_url, ORDERS)
        servers.stop(sandbox)
        upstream, upstream_url = servers.start_upstream(folder, orders)
        started.append(upstream)
        floor, floor_url = servers.start_floor(folder, upstream_url)
        started.append(floor)
        with servers.database_url(folder) as database:
            environment = servers.dashboard_environment(database, upstream_url)
            servers.prepare_database(environment, folder, options.role)
            dashboard = DashboardProcess(environment, folder / "instance", None, None)
            dashboard.wait_until_serving()
            setup = Setup(folder, upstream_url, floor_url, dashboard, sign_in(dashboard))
            seed(setup, environment)
            print(f"database: {database.split(':', 1)[0]}  signed-in role: {options.role}", flush=True)
            print_checks(setup)
            rows = [measure(setup, SCENARIOS[name], options) for name in chosen]
            print_rows(rows)
            if options.rss_requests:
                print_memory(setup, options.rss_requests)
            for line in verdicts(rows):
                print(line)
            dashboard.stop()
            dashboard = None
    finally:
        if dashboard:
            dashboard.stop()
        for process in reversed(started):
            servers.stop(process)
    print(f"load after: {load_average()}")


def machine_line() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    return (f"machine: {os.cpu_count()} cores, {model}  commit: {commit.strip() or '?'}  "
            f"load before: {load_average()}  at {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def sign_in(dashboard: DashboardProcess) -> dict[str, str]:
    browser = WebSession(dashboard)
    if browser.sign_in(servers.USER, servers.PASSWORD).status != 303:
        raise SystemExit("could not sign in")
    cookie = "; ".join(f"{name}={value}" for name, value in browser.cookies.items())
    return {"Cookie": cookie}


def get(setup: Setup, base_url: str, path: str) -> tuple[int, str, dict[str, str]]:
    answer = request(base_url, "GET", path, headers=setup.headers)
    return answer.status, answer.text, dict(answer.headers.items())


def seed(setup: Setup, environment: dict[str, str]) -> None:
    """Open every demo order once (the start page lists them) and write a few pages of audit log."""
    for order_id in ORDERS:
        status, _, _ = get(setup, setup.dashboard.url, f"/orders/{order_id}")
        if status != 200:
            raise SystemExit(f"the order page of {order_id} answered {status}")
    command = [sys.executable, "-c", SEED_AUDIT_LOG, str(setup.dashboard.log_path.parent), servers.USER,
               str(AUDIT_ENTRIES), *ORDERS]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"seeding the audit log failed:\n{result.stderr}")


def served(setup: Setup) -> int:
    return json.loads(request(setup.upstream_url, "GET", "/bench/served").text)["served"]


def set_latency(setup: Setup, milliseconds: int) -> None:
    request(setup.upstream_url, "PUT", f"/bench/latency/{milliseconds}")


def print_checks(setup: Setup) -> None:
    """The order page's weight, Klarna calls, scripts and static files."""
    before = served(setup)
    status, page, _ = get(setup, setup.dashboard.url, f"/orders/{ORDER}")
    calls = served(setup) - before
    _, floor_page, _ = get(setup, setup.floor_url, f"/orders/{ORDER}")
    print(f"order page: HTTP {status}, {len(page.encode()) / 1024:.1f} KB of HTML (target <= 40 KB), "
          f"{calls} Klarna call(s) (target 1); floor page: {len(floor_page.encode()) / 1024:.1f} KB")
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    print(f"scripts: {', '.join(scripts) or 'none'}")
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        answer = request(setup.dashboard.url, "GET", path)
        print(f"static {path}: HTTP {answer.status}, Cache-Control: {answer.headers.get('Cache-Control')}")


def measure(setup: Setup, scenario: Scenario, options: argparse.Namespace) -> Row:
    set_latency(setup, scenario.latency_ms)
    status, _, _ = get(setup, setup.dashboard.url, scenario.path)
    if status == 404:
        print(f"{scenario.page} ({scenario.path}): not in the dashboard yet (404), not measured", flush=True)
        return Row(scenario, [], [])
    if status != 200:
        raise SystemExit(f"{scenario.path} answered {status}")
    floor_path, dashboard_path = f"/orders/{ORDER}", scenario.path

    def one(base_url: str, path: str) -> wrk.Measurement:
        result = wrk.run(base_url + path, connections=scenario.connections, seconds=options.seconds,
                         headers=setup.headers)
        if not result.clean:
            print(f"  {base_url}{path}: {result.not_200} answers not 200, {result.socket_errors} socket errors; "
                  f"the dashboard's log says:\n{failures_logged(setup.dashboard)}", flush=True)
        return result

    warm = max(2.0, options.seconds / 5)
    for base_url, path in ((setup.floor_url, floor_path), (setup.dashboard.url, dashboard_path)):
        wrk.run(base_url + path, connections=scenario.connections, seconds=warm, headers=setup.headers)
    floors, dashboards = [], []
    for number in range(options.rounds):
        if number % 2 == 0:
            floors.append(one(setup.floor_url, floor_path))
            dashboards.append(one(setup.dashboard.url, dashboard_path))
        else:
            dashboards.append(one(setup.dashboard.url, dashboard_path))
            floors.append(one(setup.floor_url, floor_path))
        print(f"  {scenario.label} round {number + 1}: dashboard {dashboards[-1].per_second:.0f}/s, "
              f"floor {floors[-1].per_second:.0f}/s  (load {load_average()})", flush=True)
    return Row(scenario, dashboards, floors)


def failures_logged(dashboard: DashboardProcess) -> str:
    """The dashboard's log lines about answers other than 200, and its errors."""
    lines = [line for line in dashboard.log_text().splitlines()
             if '"status": 200' not in line and ('"status": 5' in line or '"ERROR"' in line)]
    return "\n".join("    " + line[:300] + (" ... " + line[-200:] if len(line) > 500 else "") for line in lines[-4:])


def print_rows(rows: list[Row]) -> None:
    print()
    print(f"{'page':<12} {'upstream':>8} {'conc':>4}  {'side':<9} {'pages/s':>8} {'p50 ms':>7} {'p90 ms':>7} "
          f"{'p99 ms':>7} {'KB':>5} {'not 200':>7}  share of floor")
    for row in rows:
        if not row.dashboard:
            continue
        for side, results in (("dashboard", row.dashboard), ("floor", row.floor)):
            share = f"{row.share:.2f} (rounds: {', '.join(f'{value:.2f}' for value in row.shares)})" \
                if side == "dashboard" else ""
            print(f"{row.scenario.page:<12} {row.scenario.latency_ms:>5} ms {row.scenario.connections:>4}  {side:<9} "
                  f"{median(results, 'per_second'):>8.0f} {median(results, 'p50_ms'):>7.0f} "
                  f"{median(results, 'p90_ms'):>7.0f} {median(results, 'p99_ms'):>7.0f} "
                  f"{median(results, 'bytes_per_answer') / 1024:>5.1f} "
                  f"{sum(run.not_200 + run.socket_errors for run in results):>7}  {share}")
    print()


def median(results: list[wrk.Measurement], name: str) -> float:
    return statistics.median(getattr(result, name) for result in results)


def print_memory(setup: Setup, total: int) -> None:
    """Resident memory of each dashboard worker after a warm-up and after ``total`` order pages."""
    set_latency(setup, 0)
    url = f"{setup.dashboard.url}/orders/{ORDER}"
    wrk.run(url, connections=16, seconds=3, headers=setup.headers)
    workers = servers.worker_pids(setup.dashboard.process.pid)
    before = {pid: servers.rss_kib(pid) for pid in workers}
    done = 0
    while done < total:
        done += wrk.run(url, connections=16, seconds=5, headers=setup.headers).requests
    after = {pid: servers.rss_kib(pid) for pid in servers.worker_pids(setup.dashboard.process.pid)}
    for pid in workers:
        if pid not in after:
            print(f"memory: worker {pid} was replaced during the run")
            continue
        growth = (after[pid] - before[pid]) / before[pid]
        print(f"memory: worker {pid}: {before[pid] / 1024:.1f} MiB after warm-up, {after[pid] / 1024:.1f} MiB after "
              f"{done} more order pages ({growth:+.1%}; target <= +10%)")


if __name__ == "__main__":
    main()
