"""What the benchmark scripts start and prepare: the sandbox, the fixed-JSON upstream, the floor page,
the dashboard's database (SQLite, or a fresh schema in PostgreSQL) with a bench user, and the RSS of
a gunicorn master's workers. Everything started here is a ``subprocess.Popen`` the caller stops.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.fixtures.processes import free_port, request

ROOT = Path(__file__).resolve().parents[2]
USER, PASSWORD = "bench", secrets.token_urlsafe(16)
SANDBOX_USER, SANDBOX_PASSWORD = "bench-merchant", secrets.token_urlsafe(16)
ORDERS_PATH = "/ordermanagement/v1/orders/{order_id}"


def _wait_for(url: str, path: str, what: str, log: Path) -> None:
    for _ in range(300):
        try:
            request(url, "GET", path)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not start; see {log}")


def start_sandbox(folder: Path, latency_ms: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "app.sandbox", "--port", str(port), "--db", str(folder / "sandbox.sqlite3"),
               "--latency-ms", str(latency_ms)]
    environment = {**os.environ, "SANDBOX_USERNAME": SANDBOX_USER, "SANDBOX_PASSWORD": SANDBOX_PASSWORD}
    log = folder / "sandbox.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, "/sandbox/faults", "the sandbox", log)
    return process, url


def sandbox_orders(sandbox_url: str, order_ids: list[str]) -> dict[str, object]:
    """The sandbox's answers to ``get_order`` for these orders, as JSON."""
    import base64

    credentials = base64.b64encode(f"{SANDBOX_USER}:{SANDBOX_PASSWORD}".encode()).decode()
    orders = {}
    for order_id in order_ids:
        answer = request(sandbox_url, "GET", ORDERS_PATH.format(order_id=order_id),
                         headers={"Authorization": f"Basic {credentials}"})
        if answer.status != 200:
            raise SystemExit(f"the sandbox answered {answer.status} for order {order_id}")
        orders[order_id] = json.loads(answer.text)
    return orders


def start_upstream(folder: Path, orders: dict[str, object], port: int | None = None) -> tuple[subprocess.Popen, str]:
    """scripts/bench/upstream.py serving these orders, with no latency to begin with."""
    port = port or free_port()
    (folder / "orders.json").write_text(json.dumps(orders))
    command = [sys.executable, "-m", "scripts.bench.upstream", "--port", str(port), "--orders", str(folder / "orders.json")]
    log = folder / "upstream.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, "/bench/served", "the upstream", log)
    return process, url


def start_floor(folder: Path, upstream_url: str, port: int | None = None,
                workers: int | None = None, threads: int | None = None) -> tuple[subprocess.Popen, str]:
    """The floor page (scripts/bench/floor.py) under app/gunicorn_conf.py, like the dashboard."""
    port = port or free_port()
    sizes = [*(["--workers", str(workers)] if workers else []), *(["--threads", str(threads)] if threads else [])]
    command = [sys.executable, "-m", "gunicorn", "-c", "python:app.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
               *sizes, "scripts.bench.floor:app"]
    environment = {**_without_settings(os.environ), "BENCH_UPSTREAM_URL": upstream_url, "LOG_LEVEL": "WARNING"}
    log = folder / "floor.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, "/healthz", "the floor page", log)
    return process, url


def _without_settings(environ: os._Environ | dict[str, str]) -> dict[str, str]:
    return {key: value for key, value in environ.items() if not key.startswith(("KLARNA_", "GUNICORN_"))}


def dashboard_environment(database_url: str, klarna_url: str, log_level: str = "INFO") -> dict[str, str]:
    return {
        **_without_settings(os.environ),
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": database_url,
        "KLARNA_API_URL": klarna_url, "KLARNA_USERNAME": SANDBOX_USER, "KLARNA_PASSWORD": SANDBOX_PASSWORD,
        "SESSION_COOKIE_SECURE": "0", "LOG_LEVEL": log_level,
    }


def flask_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "flask", "--app", f"app:create_app({{'INSTANCE_PATH': {str(folder)!r}}})"]


def prepare_database(environment: dict[str, str], folder: Path, role: str = "viewer") -> None:
    """The tables, and the bench user with ``role``."""
    steps = [(["db", "upgrade"], None), (["users", "create", USER, "--role", role], f"{PASSWORD}\n{PASSWORD}\n")]
    for arguments, answers in steps:
        result = subprocess.run([*flask_command(folder), *arguments], cwd=ROOT, env=environment, input=answers,
                                capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"flask {' '.join(arguments)} failed:\n{result.stderr}")


@contextmanager
def database_url(folder: Path) -> Iterator[str]:
    """``DATABASE_URL`` from the environment (PostgreSQL: in a schema of its own, dropped at the
    end), else a new SQLite file in ``folder``."""
    given = os.environ.get("DATABASE_URL")
    if not given or not given.startswith("postgresql"):
        yield given or f"sqlite:///{folder / 'dashboard.sqlite3'}"
        return
    from sqlalchemy import create_engine, make_url, text

    schema = f"bench_{secrets.token_hex(4)}"
    engine = create_engine(given)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield make_url(given).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    finally:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def worker_pids(master_pid: int) -> list[int]:
    """The gunicorn workers of a master process (its child processes)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return sorted(int(pid) for pid in children)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SystemExit(f"no VmRSS for process {pid}")


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
