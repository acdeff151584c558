"""Capturing in a real browser: the form in #action-area, errors, confirmation, result, panels."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import open_action_form


pytestmark = pytest.mark.browser


def test_capture_from_the_order_page_with_htmx(agent_page, live_server, sandbox, console_errors):
    page = agent_page
    order_id = sandbox.create_order()["order_id"]
    area = open_action_form(page, f"{live_server.url}/orders/{order_id}", "Capture")
    expect(area.get_by_role("heading", name="Capture payment")).to_be_visible()
    assert page.url.endswith(f"/orders/{order_id}")  # the form came into the page

    area.get_by_label("Amount", exact=True).fill("1e3")
    area.get_by_role("button", name="Review capture").click()
    expect(area.get_by_text("Write the amount out in full")).to_be_visible()

    area.get_by_label("Amount", exact=True).fill("100")
    area.get_by_role("button", name="Review capture").click()
    expect(area.locator(".confirmation")).to_contain_text("Capture SEK 100,00 of SEK 497,00 remaining on order")

    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/captures", kind="latency", latency_ms=800)
    confirm = area.get_by_role("button", name="Capture now")
    confirm.click()
    expect(confirm).to_be_disabled()  # no second click while the first is on its way
    expect(area.get_by_text("Sending…")).to_be_visible()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Captured SEK 100,00 on order")
    expect(page.locator("#order-captures")).to_contain_text("Captures (1)")  # panels refreshed
    expect(page.locator("#order-timeline")).to_contain_text("Capture SEK 100,00")
    expect(area.locator(".outcome--succeeded")).to_be_visible()  # the result stays
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert console_errors == []


def test_enter_in_the_amount_reviews_and_never_captures_everything(agent_page, live_server, sandbox, console_errors):
    page = agent_page
    order_id = sandbox.create_order()["order_id"]
    page.goto(f"{live_server.url}/orders/{order_id}/actions/capture")
    page.get_by_label("Amount", exact=True).fill("10")
    page.get_by_label("Amount", exact=True).press("Enter")
    expect(page.locator(".confirmation")).to_contain_text("Capture SEK 10,00 of SEK 497,00")
    assert sandbox.get_order(order_id)["captures"] == []
    assert console_errors == []


def test_a_refusal_shows_klarnas_code_and_correlation_id_to_copy(agent_page, live_server, sandbox, console_errors):
    page = agent_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    order_id = sandbox.create_order()["order_id"]
    area = open_action_form(page, f"{live_server.url}/orders/{order_id}", "Capture")
    area.get_by_label("Amount", exact=True).fill("10")
    area.get_by_role("button", name="Review capture").click()
    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/captures", kind="status", status=403,
                      error_code="CAPTURE_NOT_ALLOWED", error_messages=["Order is closed. Capture not possible."])
    area.get_by_role("button", name="Capture now").click()
    expect(area.locator(".outcome--refused")).to_contain_text("Klarna said: Order is closed. Capture not possible.")
    copy = area.get_by_role("button", name="Copy correlation id")
    copy.click()
    expect(copy).to_have_text("Copied")
    correlation_id = page.evaluate("navigator.clipboard.readText()")
    expect(area.locator(".klarna-details")).to_contain_text(correlation_id)
    expect(area.get_by_label("Amount", exact=True)).to_have_value("10")  # the form is back, ready to correct
    assert console_errors == []
