"""One confirmed capture form sent to two dashboard processes at the same moment captures once.

The realistic case: one member of staff's browser behind a load balancer, whose retry of the
confirmed form reaches another host while the first request is still waiting on Klarna. Both hosts
are separate gunicorn processes on one PostgreSQL database; the browser carries the same session
cookie (and so the same CSRF token) to both, which works because they share ``SECRET_KEY``.

PostgreSQL only (``postgres_only``: skipped on SQLite, run in scripts/test.sh's second pass):
several hosts can only share a server database, and the gate below, which holds both requests at
the claim until both have reached it, watches PostgreSQL's lock waits. Without the gate the two
requests would reach the claim a few milliseconds apart, and a claim that reads the key and then
writes it (not atomic) would still pass most of the time; with it, such a claim lets both
requests through every time and this test fails.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from sqlalchemy import text

from app.extensions import db
from app.models.ledger import LedgerKey
from tests.deploy.action_forms import open_form, review
from tests.fixtures.pages import HtmlForm
from tests.fixtures.processes import Answer, WebSession
from tests.web.actions.conftest import HTMX, audit_entries, capture_posts, page_text

pytestmark = pytest.mark.slow

CAPTURES_PATH = "/ordermanagement/v1/orders/*/captures"
KLARNA_LATENCY_MS = 1500
GATE_TIMEOUT = 20.0


@contextmanager
def _ledger_writes_held(app: Flask) -> Iterator[Callable[[int], None]]:
    """Hold every write to the ledger table (reads go on) until the block ends. Yields
    ``wait_for(count)``: returns once ``count`` database sessions wait to write to it (claiming a
    key writes to its row), fails if they do not come."""
    with app.app_context():
        engine = db.engine
    with engine.connect() as holder, engine.connect() as watcher:
        watcher = watcher.execution_options(isolation_level="AUTOCOMMIT")  # a fresh view on every query
        transaction = holder.begin()
        holder.execute(text(f'LOCK TABLE "{LedgerKey.__tablename__}" IN EXCLUSIVE MODE'))
        holder_pid = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
        waiting = text("SELECT count(*) FROM pg_stat_activity WHERE :pid = ANY(pg_blocking_pids(pid))")

        def wait_for(count: int) -> None:
            deadline = time.monotonic() + GATE_TIMEOUT
            while (found := watcher.execute(waiting, {"pid": holder_pid}).scalar_one()) < count:
                if time.monotonic() > deadline:
                    pytest.fail(f"{found} of {count} requests came to write to the ledger in time", pytrace=False)
                time.sleep(0.02)

        try:
            yield wait_for
        finally:
            transaction.rollback()


def _submit_together(browsers: list[WebSession], form: HtmlForm, pairs: list[tuple[str, str]],
                     app: Flask) -> list[Answer]:
    """Every browser submits ``pairs`` at the same moment (threads and a barrier); the ledger's
    writes are held until all of them are waiting to claim the key. Answers in ``browsers``' order."""
    barrier = threading.Barrier(len(browsers))
    answers: dict[int, Answer] = {}

    def submit(index: int) -> None:
        barrier.wait()
        answers[index] = browsers[index].submit(form.action, pairs, HTMX)

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(len(browsers))]
    try:
        with _ledger_writes_held(app) as wait_for:
            for thread in threads:
                thread.start()
            wait_for(len(browsers))
    finally:
        for thread in threads:
            thread.join()
    return [answers[index] for index in range(len(browsers))]


def _what_staff_saw(answer: Answer) -> str:
    text = page_text(answer.text)
    if answer.status == 200 and "Captured SEK 10,00" in text:
        return "captured"
    if answer.status == 202 and "Still in progress" in text and "Nothing more was sent." in text:
        return "still in progress"
    if answer.status == 200 and "This form was already sent and the capture was done." in text:
        return "already done"
    return f"{answer.status}: {text[:300]}"


def test_one_form_sent_to_two_processes_at_once_captures_once(
    postgres_only, app, start_dashboard, make_user, sandbox
):
    agent = make_user("agent")
    order_id = sandbox.create_order()["order_id"]
    first_host, second_host = start_dashboard(), start_dashboard()
    assert first_host.process.pid != second_host.process.pid
    sandbox.clear_requests_log()

    browser = WebSession(first_host)
    assert browser.sign_in(agent.username, agent.password).status == 303
    opened = open_form(browser, order_id, "capture")
    key = opened.value("idempotency_key")
    # The load balancer sends the review to the other host, which knows the session and the key.
    confirm = review(browser.on(second_host), opened, amount="10")
    assert confirm.value("idempotency_key") == key and confirm.value("confirm_token")

    # Klarna takes its time, so the second request arrives while the first one waits on it.
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="latency", latency_ms=KLARNA_LATENCY_MS)
    browsers = [browser, browser.on(second_host)]
    answers = _submit_together(browsers, confirm, confirm.data("confirmed"), app)

    # Klarna received one capture, with the form's key; the order has one capture.
    assert [post["idempotency_key"] for post in capture_posts(sandbox, order_id)] == [key]
    assert [capture["captured_amount"] for capture in sandbox.get_order(order_id)["captures"]] == [1000]
    # One attempt succeeded; the other was turned away without calling Klarna.
    outcomes = sorted(entry.outcome.value for entry in audit_entries(app, order_id))
    assert outcomes in (["in_progress", "succeeded"], ["duplicate", "succeeded"])
    # Staff saw the capture done on one host; the other host said "still in progress" or the result.
    seen = sorted(_what_staff_saw(answer) for answer in answers)
    assert seen in (["captured", "still in progress"], ["already done", "captured"])
