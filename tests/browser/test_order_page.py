"""The order page in a real browser: lookup, copy buttons, panels refreshed by order-updated, no CSP errors."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.sandbox import demo_ids as ids
from tests.fixtures.browser import open_action_form

pytestmark = pytest.mark.browser


def test_open_an_order_from_the_lookup_and_copy_its_id(agent_page, console_errors):
    page = agent_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#header-order-id").fill(f" {ids.PART_CAPTURED_EUR_REFUNDED} ")
    page.locator("#header-order-id").press("Enter")
    page.wait_for_url(re.compile(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}$"))
    expect(page.locator("#order-title")).to_contain_text("NL-66023")
    expect(page.locator("#order-summary .status")).to_have_text("Partly captured")
    copy = page.get_by_role("button", name="Copy order ID")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == ids.PART_CAPTURED_EUR_REFUNDED
    assert console_errors == []


def test_order_updated_refreshes_the_panels_and_keeps_the_action_result(agent_page, live_server, sandbox,
                                                                          console_errors):
    page = agent_page
    order = sandbox.create_order()
    page.goto(f"{live_server.url}/orders/{order['order_id']}")
    expect(page.locator("#order-summary .status")).to_have_text("Authorized")
    page.evaluate("document.getElementById('action-area').textContent = 'Captured 200,00 kr.'")
    sandbox.capture(order["order_id"], 20000)
    page.evaluate("htmx.trigger(document.body, 'order-updated')")
    expect(page.locator("#order-summary .status")).to_have_text("Partly captured")
    expect(page.locator("#order-captures")).to_contain_text("Captures (1)")
    expect(page.locator("#order-timeline")).to_contain_text("Captured")
    expect(page.locator("#action-area")).to_have_text("Captured 200,00 kr.")
    assert console_errors == []


def test_home_lists_the_order_just_opened(agent_page, live_server, console_errors):
    page = agent_page
    page.goto(f"{live_server.url}/orders/{ids.AUTHORIZED_SEK}")
    page.goto(f"{live_server.url}/")
    row = page.locator("table.recent-orders tbody tr").first
    expect(row).to_contain_text("SE-100234")
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(f"/orders/{ids.AUTHORIZED_SEK}$"))
    assert console_errors == []


def fits_across(element) -> bool:
    """Whether ``element`` shows all its content without scrolling sideways."""
    return element.evaluate("element => element.scrollWidth <= element.clientWidth")


def test_the_captured_lines_fit_beside_an_open_action(agent_page, live_server, console_errors):
    page = agent_page
    order_id = ids.CAPTURED_INVOICE_SEK
    page.goto(f"{live_server.url}/orders/{order_id}/captures/{ids.demo_capture_id(order_id, 1)}")
    page.locator("#capture-actions").get_by_role("link", name="Add tracking").click()
    expect(page.locator("#action-area")).to_contain_text("Add shipping information to the capture")
    assert fits_across(page.locator(".order-lines").locator("xpath=..")), "the Total column is cut off"
    assert console_errors == []


def test_every_disabled_reason_sits_under_its_button(agent_page, live_server, console_errors):
    page = agent_page
    area = open_action_form(page, f"{live_server.url}/orders/{ids.CANCELLED_SEK}", "Add tracking")
    expect(area).to_contain_text("Add shipping information")  # the side column is wider now
    disabled = page.locator("#order-actions .disabled-with-reason")
    expect(disabled).not_to_have_count(0)
    for item in disabled.all():
        button = item.locator("button").bounding_box()
        reason = item.locator(".disabled-with-reason__text").bounding_box()
        assert reason["y"] >= button["y"] + button["height"], item.inner_text()
    assert console_errors == []


def test_a_merchant_reference_of_255_characters_wraps(agent_page, live_server, sandbox, console_errors):
    page = agent_page
    order_id = sandbox.create_order(merchant_reference1="R" * 255)["order_id"]
    page.goto(f"{live_server.url}/orders/{order_id}")
    expect(page.locator("#merchant_reference1-edit")).to_be_in_viewport()
    assert fits_across(page.locator("html"))
    page.goto(f"{live_server.url}/")
    expect(page.locator("table.recent-orders")).to_contain_text("R" * 255)
    assert fits_across(page.locator("table.recent-orders").locator("xpath=.."))
    assert console_errors == []


def test_on_a_phone_the_page_keeps_its_width_and_each_capture_its_actions_in_view(agent_page, live_server,
                                                                                 console_errors):
    page = agent_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/orders/{ids.PART_CAPTURED_EUR_REFUNDED}")
    menus = page.locator("#order-captures .row-menu > summary")
    expect(menus).to_have_count(2)
    page.locator("#order-captures").evaluate("panel => panel.scrollIntoView()")  # down, not sideways
    for menu in menus.all():
        expect(menu).to_be_in_viewport(ratio=1)
    assert fits_across(page.locator("html"))  # the tables scroll inside their panels, not the page
    assert console_errors == []
