"""The order list in a real browser: search as you type (htmx swaps the results and the address),
open an order, and Back returns to the same results."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.sandbox import demo_ids as ids

pytestmark = pytest.mark.browser


def test_search_by_merchant_reference_open_the_order_and_back_returns_to_the_results(
    agent_page, live_server, console_errors
):
    page = agent_page
    for order_id in (ids.AUTHORIZED_SEK, ids.PART_CAPTURED_SEK, ids.CAPTURED_AUD):  # indexed by opening them
        page.goto(f"{live_server.url}/orders/{order_id}")
    page.get_by_role("link", name="Orders", exact=True).click()
    expect(page.locator(".order-count")).to_have_text("3 orders")
    page.get_by_label("Search", exact=True).fill("se-100234")
    expect(page).to_have_url(re.compile(r"/orders\?q=se-100234"))  # hx-push-url: the address is the state
    expect(page.locator(".order-count")).to_have_text("1 order")
    results_url = page.url
    page.locator("table.order-list").get_by_role("link", name="SE-100234").click()
    expect(page).to_have_url(re.compile(ids.AUTHORIZED_SEK))
    page.go_back()
    expect(page).to_have_url(results_url)
    expect(page.locator(".order-count")).to_have_text("1 order")
    expect(page.get_by_label("Search", exact=True)).to_have_value("se-100234")
    assert console_errors == []


def test_the_list_works_as_a_plain_form_without_javascript(browser, live_server, make_user):
    from tests.fixtures.browser import sign_in_page

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in_page(page, live_server, make_user("viewer", "nojs"))
    page.goto(f"{live_server.url}/orders/{ids.CAPTURED_AUD}")
    page.goto(f"{live_server.url}/orders")
    page.get_by_label("Search", exact=True).fill("edfbf3ba")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/orders\?q=edfbf3ba"))
    expect(page.locator(".order-count")).to_have_text("1 order")
    context.close()
