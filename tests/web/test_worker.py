"""The background worker: a separate process consumes what the web enqueues; without it staff see a
notice and /readyz says so."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from app import jobs
from app.extensions import db
from app.models.order_index import IndexedOrder
from app.sandbox import demo_ids as ids
from tests.fixtures.processes import ROOT, dashboard_environment
from tests.web.orders.conftest import klarna_config, page_text  # noqa: F401 - the dashboard talks to the sandbox

TOKEN = "push-token-for-the-worker-test"
NOTICE = "The background worker is not running"


def _queued_app(make_app, tmp_path):
    return make_app(JOBS_IMMEDIATE=False, JOBS_SQLITE_FILE=str(tmp_path / "jobs.sqlite3"), KLARNA_PUSH_TOKEN=TOKEN)


def _indexed(app) -> list[str]:
    with app.app_context():
        db.session.expire_all()
        return [row.order_id for row in db.session.query(IndexedOrder).all()]


def test_without_a_worker_staff_see_a_notice_and_readyz_says_so(app, make_app, make_user, login, tmp_path, sandbox):
    queued = _queued_app(make_app, tmp_path)
    client = login(queued.test_client(), make_user("viewer"))
    assert NOTICE in page_text(client.get("/").get_data(as_text=True))
    ready = queued.test_client().get("/readyz")
    assert ready.get_json()["worker"] == "unavailable"
    with queued.app_context():
        jobs.beat(jobs.jobs().huey)
        assert jobs.worker_alive()
        assert not jobs.worker_alive(datetime.now(UTC) + timedelta(minutes=4))
    assert _queued_app(make_app, tmp_path).test_client().get("/readyz").get_json()["worker"] == "ok"


def test_in_process_jobs_need_no_worker_and_show_no_notice(logged_in):
    assert NOTICE not in page_text(logged_in("viewer").get("/").get_data(as_text=True))


def test_a_worker_process_runs_the_sync_a_push_notification_enqueued(app, app_config, make_app, tmp_path, sandbox):
    queued = _queued_app(make_app, tmp_path)
    pushed = queued.test_client().post("/notifications/klarna/default",
                                       query_string={"klarna_order_id": ids.AUTHORIZED_SEK, "token": TOKEN})
    assert pushed.status_code == 204
    assert _indexed(app) == []  # queued, not run by the web process
    settings = {"JOBS_IMMEDIATE": False, "JOBS_SQLITE_FILE": str(tmp_path / "jobs.sqlite3")}
    worker = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "worker", "--workers", "1"],
        cwd=ROOT, env=dashboard_environment(app_config, settings),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while _indexed(app) != [ids.AUTHORIZED_SEK] and time.monotonic() < deadline and worker.poll() is None:
            time.sleep(0.2)
        assert _indexed(app) == [ids.AUTHORIZED_SEK], _stop(worker)
        assert queued.test_client().get("/readyz").get_json()["worker"] == "ok"
    finally:
        _stop(worker)


def _stop(worker: subprocess.Popen) -> str:
    """Stop the worker; its log."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGINT)
    try:
        _, log = worker.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
        _, log = worker.communicate()
    return log
