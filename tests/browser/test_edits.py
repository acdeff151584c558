"""Edits in a real browser: references in place (Enter, Escape), the address, tracking, the due date."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.fixtures.browser import open_new_order

pytestmark = pytest.mark.browser


def references(sandbox, order_id):
    order = sandbox.get_order(order_id)
    return order["merchant_reference1"], order.get("merchant_reference2")


def test_a_reference_is_edited_in_place_with_enter_and_escape(supervisor_page, live_server, sandbox, console_errors):
    page = supervisor_page
    order_id = open_new_order(page, live_server, sandbox)
    summary = page.locator("#order-summary")
    edit = summary.get_by_role("link", name="Edit merchant reference 1")
    edit.focus()
    page.keyboard.press("Enter")
    box = summary.get_by_role("textbox", name="Merchant reference 1")
    expect(box).to_be_focused()
    expect(box).to_have_value("TEST-1001")

    box.fill("Changed my mind")
    box.press("Escape")  # back to the value, nothing sent
    expect(summary.get_by_role("textbox")).to_have_count(0)
    expect(summary).to_contain_text("TEST-1001")
    expect(edit).to_be_focused()
    assert references(sandbox, order_id) == ("TEST-1001", None)

    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    box.press("Enter")  # unchanged: closes without sending
    expect(summary.get_by_role("textbox")).to_have_count(0)
    assert not [r for r in sandbox.requests_log(order_id) if r["method"] == "PATCH"]

    edit.click()
    box.fill("WEB-42")
    box.press("Enter")
    expect(summary.locator("#merchant_reference1-inline")).to_contain_text("WEB-42")
    expect(page.locator("#action-area .outcome--succeeded")).to_contain_text("Merchant reference 1 of order")
    expect(page.locator("#order-timeline")).to_contain_text("Edit references")  # panels refreshed
    expect(summary.get_by_role("link", name="Edit merchant reference 1")).to_be_focused()
    assert references(sandbox, order_id) == ("WEB-42", None)

    summary.get_by_role("link", name="Edit merchant reference 2").click()
    summary.get_by_role("button", name="Cancel").click()
    expect(summary.get_by_role("textbox")).to_have_count(0)
    assert console_errors == []


def test_klarnas_refusal_shows_in_place(supervisor_page, live_server, sandbox, console_errors):
    page = supervisor_page
    open_new_order(page, live_server, sandbox, cancelled=True)
    page.get_by_role("link", name="Edit merchant reference 2").click()
    box = page.get_by_role("textbox", name="Merchant reference 2")
    box.fill("Too late")
    box.press("Enter")
    inline = page.locator("#merchant_reference2-inline")
    expect(inline).to_contain_text("Order is cancelled. Merchant references cannot be updated.")
    expect(inline).to_contain_text("NOT_ALLOWED")
    box.press("Escape")
    expect(page.locator("#order-summary").get_by_role("textbox")).to_have_count(0)
    assert console_errors == []


def test_the_address_form_shows_errors_by_the_fields_and_saves(supervisor_page, live_server, sandbox, console_errors):
    page = supervisor_page
    order_id = open_new_order(page, live_server, sandbox)
    page.locator("#order-customer").get_by_role("link", name="Edit the shipping address").click()
    area = page.locator("#action-area")
    expect(area.get_by_role("heading", name="Edit shipping address")).to_be_visible()
    expect(area.locator(".address-edit__billing")).to_contain_text("Drottninggatan 1")
    area.get_by_label("Country").select_option("US")
    area.get_by_label("Email").fill("not an address")
    area.get_by_role("button", name="Save shipping address").click()
    expect(area.get_by_label("Region or state")).to_have_attribute("aria-invalid", "true")
    expect(area.get_by_label("Email")).to_have_attribute("aria-invalid", "true")
    area.get_by_label("Country").select_option("SE")
    area.get_by_label("Email").fill("klara@example.se")
    area.get_by_label("City").fill("Uppsala")
    area.get_by_role("button", name="Save shipping address").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Shipping address of order")
    expect(page.locator("#order-customer")).to_contain_text("Uppsala")
    assert sandbox.get_order(order_id)["shipping_address"]["city"] == "Uppsala"
    assert console_errors == []


def test_tracking_and_due_date_from_the_captures_menu(supervisor_page, live_server, sandbox, console_errors):
    page = supervisor_page
    open_new_order(page, live_server, sandbox, captured=20000)
    captures = page.locator("#order-captures")
    captures.locator("summary", has_text="Actions").click()
    captures.get_by_role("link", name="Add tracking").click()
    area = page.locator("#action-area")
    area.get_by_label("Carrier", exact=True).fill("PostNord SE")
    area.get_by_label("Tracking number", exact=True).fill("PN-123")
    area.get_by_label("Tracking link", exact=True).fill("https://tracking.example/PN-123")
    area.get_by_role("button", name="Save shipments").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Added 1 shipment to capture")
    expect(captures.get_by_role("link", name="PN-123")).to_have_attribute("href", "https://tracking.example/PN-123")

    captures.locator("summary", has_text="Actions").click()
    captures.get_by_role("link", name="Extend due date").click()
    area.get_by_label("14 days, fee SEK 58,00").check()
    area.get_by_role("button", name="Review the fee").click()
    expect(area.locator(".confirmation")).to_contain_text(
        "Extend the due date by 14 days for a fee of SEK 58,00 charged to the merchant.")
    area.get_by_role("button", name="Extend and pay the fee").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("extended by 14 days")
    assert console_errors == []
