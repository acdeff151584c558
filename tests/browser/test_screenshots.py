"""The screens shown in README.md, written to docs/screenshots/: ``pytest -m screenshots tests/browser``.

Each test puts the dashboard in the state a screen shows, checks that it shows it, and saves the
page as staff see it at 1280 x 800 (the whole page where a screen is longer).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.sandbox import demo_ids as ids
from tests.fixtures.browser import open_action_form, sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.screenshots]

FOLDER = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def save(page, name: str, full_page: bool = False) -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    page.mouse.move(0, 0)  # no hover effect in the picture
    page.screenshot(path=FOLDER / f"{name}.png", full_page=full_page, animations="disabled")


@pytest.fixture
def admin_page(signed_in):
    return signed_in("admin", "alex")


def test_login(page, live_server):
    page.goto(f"{live_server.url}/login")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    save(page, "login")


def test_home_with_recent_orders(admin_page, live_server):
    page = admin_page
    for order_id in (ids.CLOSED_SEK, ids.CAPTURED_INVOICE_SEK, ids.PART_CAPTURED_EUR_REFUNDED, ids.AUTHORIZED_SEK):
        page.goto(f"{live_server.url}/orders/{order_id}")
        expect(page.locator("#order-summary")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page.locator("table.recent-orders tbody tr")).to_have_count(4)
    save(page, "home")


@pytest.mark.parametrize(
    ("name", "order_id", "status", "full_page"),
    [
        ("order-authorized", ids.AUTHORIZED_SEK, "Authorized", False),
        ("order-part-captured", ids.PART_CAPTURED_EUR_REFUNDED, "Partly captured", True),
        ("order-closed", ids.CLOSED_SEK, "Closed", False),
    ],
)
def test_order_page(admin_page, live_server, name, order_id, status, full_page):
    page = admin_page
    page.goto(f"{live_server.url}/orders/{order_id}")
    expect(page.locator("#order-summary .status")).to_have_text(status)
    save(page, name, full_page=full_page)


def test_order_with_html_in_its_text(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server.url}/orders/{ids.HTML_IN_TEXT_NOK}")
    page.get_by_text("Merchant data", exact=True).click()
    expect(page.locator(".order-summary__data pre")).to_contain_text("<script>")
    save(page, "order-html-in-text")


def test_money_operations_and_the_audit_log(admin_page, live_server, sandbox):
    page = admin_page
    order_id = sandbox.create_order()["order_id"]
    order_url = f"{live_server.url}/orders/{order_id}"
    area = open_action_form(page, order_url, "Capture")
    area.get_by_label("Amount", exact=True).fill("1000")
    area.get_by_role("button", name="Review capture").click()
    expect(area.get_by_label("Amount", exact=True)).to_have_attribute("aria-invalid", "true")
    save(page, "capture-errors")

    area.get_by_label("Amount", exact=True).fill("300")
    area.get_by_role("button", name="Review capture").click()
    area.get_by_role("button", name="Capture now").click()
    expect(area.locator(".outcome--succeeded")).to_be_visible()

    area = open_action_form(page, order_url, "Refund")
    area.get_by_label("Amount", exact=True).fill("100")
    area.get_by_label("Reason").fill("One thermos returned, dented")
    area.get_by_role("button", name="Review refund").click()
    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/refunds", kind="status", status=403,
                      error_code="REFUND_NOT_ALLOWED", error_messages=["Refund not allowed for this order."])
    area.get_by_role("button", name="Refund now").click()
    expect(area.locator(".outcome--refused")).to_be_visible()
    save(page, "klarna-refusal")

    sandbox.clear_faults()
    area.get_by_role("button", name="Review refund").click()
    area.get_by_role("button", name="Refund now").click()
    expect(area.locator(".outcome--succeeded")).to_be_visible()
    expect(page.locator("#order-refunds")).to_contain_text("Refunds (1)")
    save(page, "refund-result")

    page.goto(f"{live_server.url}/audit")
    expect(page.locator(".audit-entry")).to_have_count(4)  # the invalid capture, the capture, the refusal, the refund
    save(page, "audit", full_page=True)
