"""Actions against the real sandbox, through the forms, as a browser (or htmx) would send them.

``ActionPages`` drives one signed-in client: open an action's form, fill it in and review it, then
confirm; each step returns the response and the form it shows, read from the HTML.
"""

from __future__ import annotations

import fnmatch
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models.audit import AuditEntry
from app.models.ledger import LedgerKey
from tests.fixtures.pages import HtmlForm, post_forms, visible_text

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/orders"}
CAPTURES = "/captures"


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.klarna_settings()


def page_text(markup: str) -> str:
    """The visible text, no-break spaces read as spaces ("Captured SEK 100,00")."""
    return visible_text(markup, no_break_spaces=False)


@dataclass
class Step:
    response: Any

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def html(self) -> str:
        return self.response.get_data(as_text=True)

    @property
    def text(self) -> str:
        return page_text(self.html)

    @property
    def form(self) -> HtmlForm:
        """The action's form on this page."""
        found = [form for form in post_forms(self.html) if "/actions/" in form.action]
        assert len(found) == 1, f"expected one action form, found {len(found)} ({self.status}): {self.text[:600]}"
        return found[0]

    @property
    def key(self) -> str | None:
        return self.form.value("idempotency_key")


class ActionPages:
    def __init__(self, client: FlaskClient, htmx: bool = False):
        self.client = client
        self.headers = dict(HTMX) if htmx else {}

    def url(self, order_id: str, action: str = "capture", capture_id: str | None = None) -> str:
        scope = f"/captures/{capture_id}" if capture_id else ""
        return f"/orders/{order_id}{scope}/actions/{action}"

    def open(self, order_id: str, action: str = "capture", capture_id: str | None = None, query: str = "") -> Step:
        """The action's form (``query``: e.g. ``"?inline=merchant_reference1"``)."""
        return Step(self.client.get(self.url(order_id, action, capture_id) + query, headers=self.headers))

    def send(self, form: HtmlForm, button: str | None = None, **changes: Any) -> Step:
        data = form.data(button, **changes)
        return Step(self.client.post(form.action, data=MultiDict(data), headers=self.headers))

    def review(self, order_id: str, action: str = "capture", button: str | None = None, **values: Any) -> Step:
        """Open the form, type ``values`` (``shipping__0__tracking_number`` for ``shipping-0-...``), review."""
        opened = self.open(order_id, action)
        assert opened.status == 200, opened.text[:500]
        return self.send(opened.form, button, **values)

    def confirm(self, reviewed: Step) -> Step:
        assert reviewed.status == 200, reviewed.text[:800]
        return self.send(reviewed.form, "confirmed")

    def perform(self, order_id: str, action: str = "capture", button: str | None = None, **values: Any) -> Step:
        return self.confirm(self.review(order_id, action, button, **values))


@pytest.fixture
def pages(logged_in, sandbox) -> Callable[..., ActionPages]:
    """``pages("agent", htmx=False)``: a new signed-in staff member's browser."""

    def make(role: str = "agent", htmx: bool = False) -> ActionPages:
        return ActionPages(logged_in(role), htmx)

    return make


@pytest.fixture
def agent(pages) -> ActionPages:
    return pages("agent")


@pytest.fixture
def supervisor(pages) -> ActionPages:
    return pages("supervisor")


# Ways a new order's authorization ends, each with the reason the actions give (app/actions/states.py);
# ``pytest.mark.parametrize("end,reason", AUTHORIZATION_OVER)`` with ``not_possible(what, reason)``.
AUTHORIZATION_OVER = [
    pytest.param(lambda sandbox, order_id: sandbox.cancel(order_id), "the order is cancelled", id="cancelled"),
    pytest.param(lambda sandbox, order_id: sandbox.capture(order_id), "the whole order has been captured",
                 id="captured"),
    pytest.param(lambda sandbox, order_id: sandbox.advance_clock(29), "the authorization has expired", id="expired"),
]


def assert_not_offered(staff: ActionPages, order_id: str, action: str, reason: str) -> None:
    """The action's URL shows ``reason`` and no form, and the order page's menu gives the reason too."""
    opened = staff.open(order_id, action)
    assert opened.status == 200 and reason in opened.text
    assert not [form for form in post_forms(opened.html) if "/actions/" in form.action]
    assert reason in page_text(staff.client.get(f"/orders/{order_id}").get_data(as_text=True))


@pytest.fixture
def order_id(sandbox) -> str:
    """A fresh SEK order of 497,00 kr (2 × 249,00 thermos, -50,00 discount, 49,00 shipping)."""
    order_id = sandbox.create_order()["order_id"]
    sandbox.clear_requests_log()
    return order_id


@pytest.fixture
def capture_id(sandbox, order_id) -> str:
    """A capture of 200,00 kr on that order."""
    capture_id = sandbox.capture(order_id, 20000)
    sandbox.clear_requests_log()
    return capture_id


def capture_posts(sandbox, order_id: str) -> list[dict]:
    """The capture requests the sandbox received for the order."""
    return sent_to(sandbox, order_id, "POST", CAPTURES)


def sent_to(sandbox, order_id: str, method: str, path_end: str) -> list[dict]:
    """The requests with ``method`` to a path ending in ``path_end`` the sandbox received for the order."""
    return [r for r in sandbox.requests_log(order_id) if r["method"] == method and r["path"].endswith(path_end)]


def changes_sent(sandbox, order_id: str) -> list[dict]:
    """Every request the sandbox received for the order other than reading it."""
    return [r for r in sandbox.requests_log(order_id) if r["method"] != "GET"]


def while_klarna_holds(
    sandbox, path: str, meanwhile: Callable[[], Any], send: Callable[[], Step], method: str = "POST"
) -> Step:
    """``send()`` in a thread while the sandbox holds the request to ``path`` (a glob) for a moment,
    and ``meanwhile()`` once it has arrived: the order changes after our fresh read, before Klarna acts."""
    sandbox.add_fault(method=method, path=path, kind="latency", latency_ms=1500)
    answers: list[Step] = []
    thread = threading.Thread(target=lambda: answers.append(send()))
    thread.start()
    deadline = time.monotonic() + 10
    while not any(r["method"] == method and fnmatch.fnmatch(r["path"], path) for r in sandbox.requests_log()):
        assert time.monotonic() < deadline, f"no {method} to {path} arrived"
        time.sleep(0.02)
    meanwhile()
    thread.join(timeout=15)
    assert answers, "the request did not finish"
    return answers[0]


def assert_refused_by_klarna(app, answer: Step, order_id: str, *, noun: str, said: str, code: str) -> None:
    """Klarna's refusal is in the form in plain words, with its code and correlation id, and audited."""
    assert answer.status == 422
    assert f"Klarna refused the {noun}" in answer.text
    assert f"Klarna said: {said} Nothing was done." in answer.text
    assert code in answer.text
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.error_code) == ("refused", code)
    assert [message.rstrip(".") for message in entry.messages] == [said.rstrip(".")]  # Klarna's own words
    assert entry.correlation_id and entry.correlation_id in answer.text


def audit_entries(app, order_id: str) -> list[AuditEntry]:
    with app.app_context():
        entries = AuditEntry.for_order(order_id)
        for entry in entries:
            db.session.expunge(entry)
        return entries


def ledger_row(app, key: str) -> LedgerKey:
    with app.app_context():
        row = LedgerKey.find(key)
        db.session.expunge(row)
        return row
