"""The frame in a real browser: sign in, the "/" shortcut, the htmx lookup, no CSP violations."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.sandbox import demo_ids as ids

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in_page(signed_in, console_errors):
    return signed_in("admin", "root")


def test_sign_in_shows_the_header(signed_in_page, console_errors):
    page = signed_in_page
    expect(page.get_by_text("Signed in as root (admin).")).to_be_visible()
    header = page.locator("header.site-header")
    expect(header.locator(".env-badge")).to_have_text("sandbox")
    expect(header.get_by_role("link", name="Staff")).to_be_visible()
    expect(header.get_by_role("button", name="Sign out")).to_be_visible()
    assert console_errors == []


def test_slash_focuses_the_lookup_and_an_empty_box_is_answered_in_place(signed_in_page, console_errors):
    page = signed_in_page
    page.locator("main h1").click()
    page.keyboard.press("/")
    box = page.locator("#header-order-id")
    expect(box).to_be_focused()
    box.fill("   ")
    box.press("Enter")
    expect(page.locator("#header-lookup-message")).to_contain_text("Enter an order ID, or a reference")
    assert page.url.endswith("/")  # answered by htmx, no page change
    assert console_errors == []


def test_anything_but_an_order_id_searches_the_order_list(signed_in_page, console_errors):
    page = signed_in_page
    box = page.locator("#header-order-id")
    box.fill("not-an-order")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/orders\?q=not-an-order$"))
    expect(page.locator(".order-count")).to_have_text("No orders match this search.")
    assert console_errors == []


def test_a_good_id_opens_the_order_address(signed_in_page):
    page = signed_in_page
    box = page.locator("#home-order-id")
    box.fill(f"  {ids.AUTHORIZED_SEK}  ")
    box.press("Enter")
    page.wait_for_url(re.compile(f"/orders/{ids.AUTHORIZED_SEK}$"))
    expect(page.locator("#order-summary .status")).to_have_text("Authorized")


def test_sign_out(signed_in_page, live_server):
    page = signed_in_page
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto(f"{live_server.url}/admin/staff")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert "next=/admin/staff" in page.url
