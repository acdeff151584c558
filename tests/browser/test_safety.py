"""Safety in a real browser: signing in, a session that ends mid-action, what a viewer may not do,
and customer text that looks like HTML or script staying text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.actions import offered  # noqa: F401  (registers every action)
from app.actions import registry
from app.actions.base import CAPTURE_SCOPE, ORDER_SCOPE
from app.sandbox import demo_ids as ids
from app.sandbox.demo_orders_open import HTML_LINE_NAME, HTML_MERCHANT_DATA
from tests.fixtures.browser import open_action_form
from tests.fixtures.dashboard import TEST_PASSWORD

pytestmark = pytest.mark.browser


def fill_login(page, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_wrong_password_is_answered_on_the_login_page_and_signing_out_closes_the_pages(
    page, live_server, make_user, console_errors
):
    account = make_user("agent", "ada")
    page.goto(f"{live_server.url}/login")
    fill_login(page, account.username, TEST_PASSWORD + "!")
    expect(page.get_by_role("alert")).to_contain_text("That username and password do not match an active account.")
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_label("Username")).to_have_value("ada")
    expect(page.get_by_label("Password")).to_have_value("")

    fill_login(page, account.username, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Welcome, ada")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.go_back()  # the start page is not kept in the browser: it asks the server, which says sign in
    page.wait_for_url(re.compile(r"/login\?next=/$"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Welcome, ada")).to_have_count(0)
    assert console_errors == []


def end_session_by_clearing_the_cookie(page, live_server):
    page.context.clear_cookies()


def end_session_by_signing_out_in_another_tab(page, live_server):
    other = page.context.new_page()
    other.goto(f"{live_server.url}/")
    other.get_by_role("button", name="Sign out").click()
    expect(other.get_by_text("You are signed out.")).to_be_visible()
    other.close()


@pytest.mark.parametrize("end_session", [end_session_by_clearing_the_cookie, end_session_by_signing_out_in_another_tab])
def test_a_session_ended_before_confirming_leads_to_the_login_page_and_back(
    end_session, agent_page, live_server, sandbox, console_errors
):
    page = agent_page
    order_id = sandbox.create_order()["order_id"]
    area = open_action_form(page, f"{live_server.url}/orders/{order_id}", "Capture")
    area.get_by_label("Amount", exact=True).fill("100")
    area.get_by_role("button", name="Review capture").click()
    confirm = area.get_by_role("button", name="Capture now")
    expect(confirm).to_be_visible()

    end_session(page, live_server)
    sandbox.clear_requests_log()
    confirm.click()
    page.wait_for_url(re.compile(rf"/login\?next=/orders/{order_id}$"))
    expect(page.get_by_role("heading", name="Sign in", level=1)).to_be_visible()
    expect(page.get_by_text("Sign in to continue.")).to_be_visible()
    expect(page.locator("#action-area")).to_have_count(0)  # the whole page, not the form in a panel
    assert sandbox.requests_log(order_id) == []

    fill_login(page, "ada", TEST_PASSWORD)
    page.wait_for_url(re.compile(f"/orders/{order_id}$"))
    expect(page.locator("#order-summary .status")).to_have_text("Authorized")
    assert sandbox.get_order(order_id)["captures"] == []
    assert console_errors == []


FIELDS = {
    "capture": {"mode": "amount", "amount": "10"},
    "refund": {"mode": "amount", "amount": "10", "reason": "Returned"},
    "merchant_references": {"merchant_reference1": "CHANGED"},
}


def action_urls(order_url: str, capture_id: str) -> dict[str, dict[str, str]]:
    """Every action's URL on the order (or on its capture), with fields a filled form would send."""
    scoped = {ORDER_SCOPE: order_url, CAPTURE_SCOPE: f"{order_url}/captures/{capture_id}"}
    return {f"{scoped[action.scope]}/actions/{action.name}": FIELDS.get(action.name, {})
            for action in registry.all_actions()}


def post_from_the_page(page, posts: dict[str, dict[str, str]]) -> dict[str, int]:
    """POST each form to its URL with fetch(), carrying the page's CSRF token; the answers' statuses."""
    return page.evaluate(
        """async (posts) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const statuses = {};
            for (const [url, fields] of Object.entries(posts)) {
                const body = new URLSearchParams({csrf_token: token, idempotency_key: crypto.randomUUID(), ...fields});
                statuses[url] = (await fetch(url, {method: "POST", body})).status;
            }
            return statuses;
        }""",
        posts,
    )


def test_a_viewer_is_offered_no_action_and_posting_anyway_is_refused(viewer_page, live_server, sandbox, console_errors):
    page = viewer_page
    order_id = sandbox.create_order()["order_id"]
    capture_id = sandbox.capture(order_id, 10000)
    order_url = f"{live_server.url}/orders/{order_id}"
    page.goto(order_url)
    main = page.locator("main")
    expect(main.locator("#order-captures")).to_contain_text("Captures (1)")
    expect(main.locator("#order-actions")).to_contain_text("Your role lets you look at orders but not change them.")
    for label in {action.label for action in registry.all_actions()} | {"Actions", "Edit"}:
        expect(main.get_by_role("link", name=label, exact=True)).to_have_count(0)
        expect(main.get_by_role("button", name=label, exact=True)).to_have_count(0)
    expect(main.locator("form, [href*='/actions/'], [hx-get*='/actions/']")).to_have_count(0)

    sandbox.clear_requests_log()
    posts = action_urls(order_url, capture_id)
    assert post_from_the_page(page, posts) == {url: 403 for url in posts}
    assert sandbox.requests_log(order_id) == []
    order = sandbox.get_order(order_id)
    assert (order["status"], order["captured_amount"], order["refunded_amount"]) == ("PART_CAPTURED", 10000, 0)
    assert order["merchant_reference1"] == "TEST-1001"
    assert console_errors == []


SCRIPT_TEXT = "<img src=x onerror=alert('capture')><script>alert('description')</script>"
COPIED_FIELDS = ("purchase_currency", "purchase_country", "locale", "order_lines", "billing_address",
                 "shipping_address", "merchant_reference1", "merchant_reference2", "merchant_data")


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every dialog (alert, confirm, prompt) a script opens in the test's page; each is dismissed."""
    opened: list[str] = []

    def on_dialog(dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


@pytest.fixture
def csp_violations_reported(page, console_errors) -> None:
    """Each CSP violation also reported among ``console_errors`` with its directive and page."""
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (event) => console.error(
            `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} at ${location.pathname}`));"""
    )


def assert_nothing_ran(page, dialogs, console_errors, where: str) -> None:
    assert dialogs == [], where
    assert console_errors == [], where
    expect(page.locator("img[src='x'], script:not([src])")).to_have_count(0)


@pytest.mark.usefixtures("csp_violations_reported")
def test_html_and_script_in_order_text_stay_text_on_every_page(dialogs, signed_in, live_server, sandbox,
                                                               console_errors):
    page = signed_in("admin", "root")
    assert_nothing_ran(page, dialogs, console_errors, "login and home")
    demo_url = f"{live_server.url}/orders/{ids.HTML_IN_TEXT_NOK}"
    page.goto(demo_url)
    expect(page.locator("#order-lines")).to_contain_text(HTML_LINE_NAME)
    expect(page.locator("#merchant_reference2-inline")).to_contain_text("<i>kampanje</i>")
    page.get_by_text("Merchant data", exact=True).click()
    expect(page.locator(".order-summary__data pre")).to_have_text(HTML_MERCHANT_DATA)
    assert_nothing_ran(page, dialogs, console_errors, "order page")

    open_each_offered_form(page, "#order-actions")
    assert_nothing_ran(page, dialogs, console_errors, "action forms")
    page.get_by_role("link", name="Edit merchant reference 2").click()
    expect(page.get_by_role("textbox", name="Merchant reference 2")).to_have_value("<i>kampanje</i>")
    assert_nothing_ran(page, dialogs, console_errors, "merchant reference editor")

    copy_id = copy_of_order(sandbox, ids.HTML_IN_TEXT_NOK)
    capture_a_line_with_description(page, f"{live_server.url}/orders/{copy_id}", HTML_LINE_NAME, SCRIPT_TEXT)
    page.locator("#order-captures tbody a").first.click()
    expect(page.locator("main")).to_contain_text(SCRIPT_TEXT)
    expect(page.locator("main")).to_contain_text(HTML_LINE_NAME)
    open_each_offered_form(page, "#capture-actions")
    assert_nothing_ran(page, dialogs, console_errors, "capture page and its forms")

    page.goto(f"{live_server.url}/audit?order_id={copy_id}")
    expect(page.locator(".audit-entry")).to_contain_text(f"1 × {HTML_LINE_NAME}")
    expect(page.locator(".audit-entry")).to_contain_text(f"description: {SCRIPT_TEXT}")
    assert_nothing_ran(page, dialogs, console_errors, "audit page")

    page.goto(f"{live_server.url}/")
    expect(page.locator("table.recent-orders")).to_contain_text("NO-4411")
    for address, heading in (("/admin/staff", "Staff"), ("/no-such-page", "Not found")):
        page.goto(live_server.url + address)
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    assert_nothing_ran(page, dialogs, console_errors, "home, staff and 404 pages")


def copy_of_order(sandbox, order_id: str) -> str:
    """A new order with the text of ``order_id`` (which then stays as seeded for other tests); its id."""
    order = sandbox.get_order(order_id)
    return sandbox.create_order(**{name: order[name] for name in COPIED_FIELDS})["order_id"]


def open_each_offered_form(page, menu: str) -> None:
    """Open every action the page's ``menu`` panel offers: in the page, or on a page of its own."""
    page_url = page.url
    links = page.locator(menu).get_by_role("link")
    expect(links.first).to_be_visible()
    for index in range(links.count()):
        link = links.nth(index)
        name = link.get_attribute("href").rsplit("/", 1)[-1]
        in_page = link.get_attribute("hx-get") is not None
        link.click()
        expect(page.locator(f"{'#action-area' if in_page else 'main'} .action--{name}")).to_be_visible()
        if not in_page:
            page.goto(page_url)


def capture_a_line_with_description(page, order_url: str, line_name: str, description: str) -> None:
    """Capture one of the order's line named ``line_name`` from the order page, describing it."""
    area = open_action_form(page, order_url, "Capture")
    area.get_by_role("radio", name="Order lines").check()
    area.get_by_label(f"Quantity of {line_name} to capture").fill("1")
    area.get_by_label("Description").fill(description)
    area.get_by_role("button", name="Review capture").click()
    expect(area.locator(".confirmation")).to_contain_text(line_name)
    area.get_by_role("button", name="Capture now").click()
    expect(area.locator(".outcome--succeeded")).to_be_visible()
    expect(page.locator("#order-captures")).to_contain_text(description)
