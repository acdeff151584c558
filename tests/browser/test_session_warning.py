"""The sign-out warning in a real browser: "Stay signed in" keeps the session, and a session that
ends by itself mid-form takes the user to sign in and back to the form with what they typed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import open_action_form, sign_in_page
from tests.fixtures.dashboard import TEST_PASSWORD

pytestmark = pytest.mark.browser

IDLE_SECONDS = 12
WARNING_SECONDS = 6


@pytest.fixture
def app_config(app_config):
    """Sessions that end after 12 idle seconds, with the warning 6 seconds before."""
    return {**app_config, "SESSION_IDLE_MINUTES": IDLE_SECONDS / 60, "SESSION_WARNING_SECONDS": WARNING_SECONDS}


def _seconds_left(page) -> int:
    return page.evaluate("""async () => (await (await fetch("/account/session")).json()).seconds_left""")


def _capture_form_with(page, live_server, make_user, sandbox, amount: str):
    """Signed in as agent ada, a new order's capture form open on its page with ``amount`` typed in."""
    sign_in_page(page, live_server, make_user("agent", "ada"))
    order_id = sandbox.create_order()["order_id"]
    area = open_action_form(page, f"{live_server.url}/orders/{order_id}", "Capture")
    area.get_by_label("Amount", exact=True).fill(amount)
    return order_id, area


def _sign_in_again_to_the_form(page, order_id: str, amount: str) -> None:
    """On the login page: sign in as ada, land on the capture form, find ``amount`` typed in again."""
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(rf"/orders/{order_id}/actions/capture$"))
    expect(page.get_by_label("Amount", exact=True)).to_have_value(amount)
    expect(page.locator("#request-notice")).to_contain_text("what you had typed is filled in again")


def test_stay_signed_in_keeps_the_session_and_the_form(page, live_server, make_user, sandbox, console_errors):
    order_id, area = _capture_form_with(page, live_server, make_user, sandbox, "12")

    warning = page.get_by_role("alertdialog")
    expect(warning).to_be_visible(timeout=IDLE_SECONDS * 1000)
    expect(warning).to_contain_text(re.compile(r"You will be signed out in \d+ seconds for inactivity"))
    expect(warning).to_contain_text("What you typed on this page is kept.")
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    assert _seconds_left(page) > WARNING_SECONDS

    page.wait_for_timeout(WARNING_SECONDS * 1000)  # past the moment the session would have ended
    area.get_by_role("button", name="Review capture").click()
    expect(area.get_by_role("button", name="Capture now")).to_be_visible()
    assert console_errors == []


def test_a_session_that_ends_mid_form_comes_back_to_the_form_with_what_was_typed(
    page, live_server, make_user, sandbox, console_errors
):
    order_id, _form = _capture_form_with(page, live_server, make_user, sandbox, "12,34")

    expect(page.get_by_role("alertdialog")).to_be_visible(timeout=IDLE_SECONDS * 1000)
    page.wait_for_url(re.compile(rf"/login\?next=/orders/{order_id}/actions/capture$"), timeout=IDLE_SECONDS * 1000)
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_text("12,34")).to_have_count(0)  # nothing of the order is left on the screen

    _sign_in_again_to_the_form(page, order_id, amount="12,34")
    page.get_by_role("button", name="Review capture").click()
    expect(page.get_by_role("button", name="Capture now")).to_be_visible()
    assert sandbox.get_order(order_id)["captures"] == []
    assert console_errors == []


def test_a_form_sent_after_its_session_ended_comes_back_with_what_was_typed(
    page, live_server, make_user, sandbox, console_errors
):
    order_id, area = _capture_form_with(page, live_server, make_user, sandbox, "7,50")
    page.context.clear_cookies()  # the session is gone (signed out elsewhere, ended by an admin...)
    sandbox.clear_requests_log()
    area.get_by_role("button", name="Review capture").click()

    page.wait_for_url(re.compile(rf"/login\?next=/orders/{order_id}/actions/capture$"))
    _sign_in_again_to_the_form(page, order_id, amount="7,50")
    assert [request for request in sandbox.requests_log(order_id) if request["method"] != "GET"] == []
    assert console_errors == []
