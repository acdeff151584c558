"""An action's forms sent to a dashboard process over HTTP, the way htmx sends them from the order page.

``open_form(browser, order_id, "capture")`` returns the form (with its idempotency key and CSRF
token), ``review(browser, form, **values)`` the confirmation form, ``perform(...)`` does both and
confirms, returning the answer. Field names use ``__`` for ``-`` (``shipping__0__tracking_number``).
"""

from __future__ import annotations

from typing import Any

from tests.fixtures.pages import HtmlForm, post_forms
from tests.fixtures.processes import Answer, WebSession
from tests.web.actions.conftest import HTMX, page_text


def action_form(answer: Answer) -> HtmlForm:
    """The one action form on a page the dashboard answered with 200."""
    assert answer.status == 200, f"{answer.status}: {page_text(answer.text)[:800]}"
    forms = [form for form in post_forms(answer.text) if "/actions/" in form.action]
    assert len(forms) == 1, f"expected one action form, found {len(forms)}: {page_text(answer.text)[:800]}"
    return forms[0]


def open_form(browser: WebSession, order_id: str, action: str) -> HtmlForm:
    return action_form(browser.get(f"/orders/{order_id}/actions/{action}", headers=HTMX))


def review(browser: WebSession, form: HtmlForm, button: str | None = None, **values: Any) -> HtmlForm:
    """Fill in ``form`` and send it for review; returns the confirmation's form."""
    return action_form(browser.submit(form.action, form.data(button, **values), HTMX))


def confirm(browser: WebSession, confirmation: HtmlForm) -> Answer:
    return browser.submit(confirmation.action, confirmation.data("confirmed"), HTMX)


def perform(browser: WebSession, order_id: str, action: str, **values: Any) -> Answer:
    """Open the action's form, fill in ``values``, review and confirm it."""
    return confirm(browser, review(browser, open_form(browser, order_id, action), **values))
