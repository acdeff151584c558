"""Money flows in a real browser, each checked on the page and in the sandbox: capturing order
lines in place, refunding (and refusing too much), cancelling after its confirmation, extending and
releasing the authorization, one capture however often it is sent, the keyboard, and no JavaScript."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import update

from app.display import when
from app.extensions import db
from app.models.ledger import LedgerKey, utcnow
from app.money import format_money
from tests.fixtures.browser import open_new_order, sign_in_page

pytestmark = pytest.mark.browser

CAPTURES = "/captures"
REFUNDS = "/refunds"


def sek(minor: int) -> str:
    """An amount as the order page shows it for the sandbox's Swedish orders."""
    return format_money(minor, "SEK", "sv-SE")


def posts(sandbox, order_id: str, path_end: str) -> list[dict]:
    """The POST requests the sandbox received for the order, to a path ending with ``path_end``."""
    return [r for r in sandbox.requests_log(order_id) if r["method"] == "POST" and r["path"].endswith(path_end)]


def open_action(page, label: str):
    """Open an action's form from the order's Actions panel; the action area it came into."""
    page.locator("#order-actions").get_by_role("link", name=label).click()
    return page.locator("#action-area")


class StaysInPage:
    """Proves the page was never loaded again: the main frame does not navigate, and a marker set
    in the window before is still there after."""

    def __init__(self, page):
        self.page = page
        self.navigations: list[str] = []
        page.on("framenavigated", self._navigated)
        page.evaluate("window.__marker = 1")

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.navigations.append(frame.url)

    def check(self) -> None:
        assert self.navigations == []
        assert self.page.evaluate("window.__marker") == 1


def money_item(page, kind: str):
    return page.locator(f"#order-money .amounts__item--{kind} dd")


# --- Capturing order lines with tracking, in place ------------------------------------------------

def test_part_capture_by_order_lines_with_tracking_updates_the_page_in_place(agent_page, live_server, sandbox,
                                                                              console_errors):
    page = agent_page
    order_id = open_new_order(page, live_server, sandbox)
    stays = StaysInPage(page)
    area = open_action(page, "Capture")
    area.get_by_role("radio", name="Order lines").check()
    area.get_by_label("Quantity of Termos 0,5 l to capture, at most 2").fill("1")
    area.get_by_label("Quantity of PostNord Varubrev to capture, at most 1").fill("1")
    area.get_by_label("Carrier", exact=True).fill("PostNord SE")
    area.get_by_label("Tracking number", exact=True).fill("PN-777")
    area.get_by_role("button", name="Review capture").click()
    confirmation = area.locator(".confirmation")
    expect(confirmation).to_contain_text("Capture SEK 298,00 of SEK 497,00 remaining")
    expect(confirmation).to_contain_text("1 × Termos 0,5 l")
    expect(confirmation).to_contain_text("PN-777")

    area.get_by_role("button", name="Capture now").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Captured SEK 298,00 on order")
    expect(money_item(page, "captured")).to_have_text(sek(29800))
    expect(money_item(page, "remaining")).to_have_text(sek(19900))
    expect(page.locator("#order-summary .status")).to_have_text("Partly captured")
    captures = page.locator("#order-captures")
    expect(captures).to_contain_text("Captures (1)")
    expect(captures).to_contain_text("1 × Termos 0,5 l")
    expect(captures).to_contain_text("PN-777")
    stays.check()

    order = sandbox.get_order(order_id)
    assert order["captured_amount"] == 29800
    assert order["remaining_authorized_amount"] == 19900
    [capture] = order["captures"]
    assert [(line["reference"], line["quantity"]) for line in capture["order_lines"]] == [
        ("TERMOS-05", 1), ("SHIPPING", 1)]
    assert [(s["shipping_company"], s["tracking_number"]) for s in capture["shipping_info"]] == [
        ("PostNord SE", "PN-777")]
    assert len(posts(sandbox, order_id, CAPTURES)) == 1
    assert console_errors == []


# --- Refunding an amount; more than is left is refused in the form ---------------------------------

def test_part_refund_by_amount_then_too_much_is_refused_in_the_form(agent_page, live_server, sandbox,
                                                                     console_errors):
    page = agent_page
    order_id = open_new_order(page, live_server, sandbox, captured=20000)
    area = open_action(page, "Refund")
    area.get_by_label("Amount", exact=True).fill("50")
    area.get_by_label("Reason, shown to the customer").fill("One thermos came back dented")
    area.get_by_role("button", name="Review refund").click()
    expect(area.locator(".confirmation")).to_contain_text("Refund SEK 50,00 of SEK 200,00 refundable")
    area.get_by_role("button", name="Refund now").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Refunded SEK 50,00 on order")
    expect(money_item(page, "refunded")).to_have_text(sek(5000))
    expect(page.locator("#order-refunds")).to_contain_text("Refunds (1)")
    assert sandbox.get_order(order_id)["refunded_amount"] == 5000

    sandbox.clear_requests_log()
    area.get_by_role("link", name="New refund").click()
    expect(area.locator(".money-all__standing")).to_contain_text("SEK 150,00")
    area.get_by_label("Amount", exact=True).fill("150,01")
    area.get_by_label("Reason, shown to the customer").fill("Goodwill")
    area.get_by_role("button", name="Review refund").click()
    amount = area.get_by_label("Amount", exact=True)
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(area.locator(".field--amount .field__error")).to_have_text(
        "You can refund at most SEK 150,00: that is what has been captured and not refunded yet.")
    expect(area.locator(".confirmation")).to_have_count(0)
    assert posts(sandbox, order_id, REFUNDS) == []
    order = sandbox.get_order(order_id)
    assert order["refunded_amount"] == 5000
    assert len(order["refunds"]) == 1
    assert console_errors == []


# --- Cancelling: the server asks first (no browser dialog); declining sends nothing ----------------

def test_cancel_asks_first_and_keeping_the_order_sends_nothing(supervisor_page, live_server, sandbox,
                                                                console_errors):
    page = supervisor_page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    order_id = open_new_order(page, live_server, sandbox)
    area = open_action(page, "Cancel order")
    confirmation = area.locator(".confirmation")
    expect(confirmation).to_contain_text("Cancel order")
    expect(confirmation).to_contain_text("and drop its authorization of SEK 497,00.")
    expect(confirmation).to_contain_text("A cancelled order cannot be reopened.")

    area.get_by_role("link", name="Keep the order").click()
    expect(area.locator(".confirmation")).to_have_count(0)
    expect(page.locator("#order-summary .status")).to_have_text("Authorized")
    assert sandbox.get_order(order_id)["status"] == "AUTHORIZED"
    assert posts(sandbox, order_id, "/cancel") == []

    area = open_action(page, "Cancel order")
    area.get_by_role("button", name="Cancel the order").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("is cancelled; the customer will not be charged.")
    expect(page.locator("#order-summary .status")).to_have_text("Cancelled")
    assert sandbox.get_order(order_id)["status"] == "CANCELLED"
    assert len(posts(sandbox, order_id, "/cancel")) == 1
    assert dialogs == []
    assert console_errors == []


# --- Extending the authorization; releasing what remains (both: supervisor and up) ----------------

def expiry(order: dict) -> datetime:
    return datetime.fromisoformat(order["expires_at"])


def test_extending_the_authorization_moves_the_expiry_later(supervisor_page, live_server, sandbox, console_errors):
    page = supervisor_page
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    order_id = open_new_order(page, live_server, sandbox, expires_at=soon.isoformat())
    summary = page.locator("#order-summary")
    expect(summary).to_contain_text(when(soon))
    expect(summary.locator(".order-summary__alert")).to_contain_text("The authorization expires in 3 days.")

    area = open_action(page, "Extend authorization")
    expect(area.locator(".expiry-schedule")).to_contain_text(when(soon))
    area.get_by_role("button", name="Extend authorization").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("now runs until")

    extended = expiry(sandbox.get_order(order_id))
    assert extended - soon > timedelta(days=24)  # to 28 days from today, from 3
    expect(area.locator(".outcome--succeeded")).to_contain_text(f"now runs until {when(extended)}.")
    expect(summary).to_contain_text(when(extended))
    expect(summary.locator(".order-summary__alert")).to_have_count(0)
    assert len(posts(sandbox, order_id, "/extend-authorization-time")) == 1
    assert console_errors == []


def test_releasing_what_remains_of_a_part_captured_order(supervisor_page, live_server, sandbox, console_errors):
    page = supervisor_page
    order_id = open_new_order(page, live_server, sandbox, captured=20000)
    area = open_action(page, "Release remaining")
    expect(area.locator(".confirmation")).to_contain_text("Release SEK 297,00 still authorized on order")
    area.get_by_role("button", name="Release it").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Released SEK 297,00 on order")
    expect(area.locator(".outcome--succeeded")).to_contain_text("the order is closed.")
    expect(page.locator("#order-summary .status")).to_have_text("Closed")
    expect(money_item(page, "remaining")).to_have_text(sek(0))

    order = sandbox.get_order(order_id)
    assert (order["status"], order["remaining_authorized_amount"], order["captured_amount"]) == ("CLOSED", 0, 20000)
    assert len(posts(sandbox, order_id, "/release-remaining-authorization")) == 1
    assert console_errors == []


def test_an_agent_is_not_offered_extending_or_releasing(agent_page, live_server, sandbox):
    page = agent_page
    order_id = open_new_order(page, live_server, sandbox, captured=20000)
    actions = page.locator("#order-actions")
    expect(actions.get_by_role("link", name="Capture")).to_be_visible()
    for label in ("Extend authorization", "Release remaining", "Cancel order"):
        expect(actions.get_by_text(label)).to_have_count(0)
    response = page.goto(f"{live_server.url}/orders/{order_id}/actions/release_authorization")
    assert response.status == 403


# --- One capture, however often the confirmation is sent --------------------------------------------

SETTLING = re.compile(r"\bhtmx-settling\b")  # on an element htmx swapped into until it has settled


def review_capture(page, live_server, sandbox, amount: str = "100"):
    """A new order's capture of ``amount`` kronor, up to its confirmation; the order id and the action area."""
    order_id = open_new_order(page, live_server, sandbox)
    area = open_action(page, "Capture")
    area.get_by_label("Amount", exact=True).fill(amount)
    area.get_by_role("button", name="Review capture").click()
    expect(area.locator(".confirmation")).to_contain_text(f"Capture SEK {amount},00")
    expect(area).not_to_have_class(SETTLING)  # htmx has taken over the new form: clicks go through it
    return order_id, area


def posts_from(page, path_end: str) -> list[str]:
    """The POST requests the page sends from now on to a URL ending with ``path_end`` (a live list)."""
    sent: list[str] = []
    page.on("request", lambda request: request.method == "POST" and request.url.endswith(path_end)
            and sent.append(request.url))
    return sent


def assert_captured_once(sandbox, order_id: str, amount: int = 10000) -> None:
    assert len(posts(sandbox, order_id, CAPTURES)) == 1
    assert [capture["captured_amount"] for capture in sandbox.get_order(order_id)["captures"]] == [amount]


def test_a_double_click_on_capture_now_captures_once(agent_page, live_server, sandbox, console_errors):
    page = agent_page
    order_id, area = review_capture(page, live_server, sandbox)
    confirmations = posts_from(page, "/actions/capture")
    area.get_by_role("button", name="Capture now").dblclick()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Captured SEK 100,00 on order")
    expect(page.locator("#order-captures")).to_contain_text("Captures (1)")
    assert len(confirmations) == 1  # the second click sent nothing
    assert_captured_once(sandbox, order_id)
    assert console_errors == []


def click_five_times_with_the_mouse(button) -> None:
    box = button.bounding_box()
    for _ in range(5):
        button.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def click_five_times_in_one_task(button) -> None:
    """Faster than any hand: the page gets no chance to render between the clicks."""
    button.evaluate("(b) => { for (let i = 0; i < 5; i++) b.click(); }")


@pytest.mark.parametrize("clicks", [click_five_times_with_the_mouse, click_five_times_in_one_task])
def test_rapid_clicks_on_capture_now_capture_once(agent_page, live_server, sandbox, console_errors, clicks):
    page = agent_page
    order_id, area = review_capture(page, live_server, sandbox)
    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/captures", kind="latency", latency_ms=600)
    confirmations = posts_from(page, "/actions/capture")
    clicks(area.get_by_role("button", name="Capture now"))  # all while the first is on its way
    expect(area.locator(".outcome--succeeded")).to_contain_text("Captured SEK 100,00 on order")
    expect(page.locator("#order-captures")).to_contain_text("Captures (1)")
    assert len(confirmations) == 1
    assert_captured_once(sandbox, order_id)
    assert console_errors == []


def confirmation_sent(area) -> tuple[str, list[list[str]]]:
    """The confirmation form's address and the fields its confirm button sends."""
    form = area.locator("form")
    fields = form.evaluate("(f) => [...new FormData(f, f.querySelector('[name=confirmed]'))]")
    return form.get_attribute("action"), fields


SEND_AGAIN = """async ([url, pairs]) => {
  const body = new URLSearchParams(pairs);
  const response = await fetch(url, {method: "POST", body, headers: {"HX-Request": "true"}});
  return [response.status, await response.text()];
}"""


def test_the_confirmation_sent_again_after_it_was_done_captures_nothing_more(agent_page, live_server, sandbox,
                                                                             console_errors):
    page = agent_page
    order_id, area = review_capture(page, live_server, sandbox)
    url, sent = confirmation_sent(area)
    area.get_by_role("button", name="Capture now").click()
    expect(area.locator(".outcome--succeeded")).to_contain_text("Captured SEK 100,00 on order")

    status, answer = page.evaluate(SEND_AGAIN, [url, sent])
    assert status == 200
    assert "Already done" in answer
    assert "This form was already sent and the capture was done. Nothing was sent again." in answer
    assert_captured_once(sandbox, order_id)
    assert console_errors == []


# --- The keyboard alone, the focus always visible ---------------------------------------------------

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const label = element.labels && element.labels.length ? element.labels[0].textContent : element.textContent;
  return {
    name: (element.getAttribute("aria-label") || label || "").trim(),
    outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadowed: style.boxShadow !== "none",
  };
}"""


def focused(page) -> str:
    """The name of the element that has the keyboard focus, after checking that it shows."""
    element = page.evaluate(FOCUSED)
    assert element["outlined"] or element["shadowed"], f"the focus on {element['name']!r} is not visible"
    return element["name"]


def tab_to(page, name: str, most: int = 12) -> None:
    """Press Tab until ``name`` has the focus (within ``most`` presses), the focus visible at every stop."""
    stops = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if stops[-1] == name:
            return
    raise AssertionError(f"{name!r} not reached with Tab; the focus went to {stops}")


def test_capture_with_the_keyboard_alone(agent_page, live_server, sandbox, console_errors):
    page = agent_page
    order_id = open_new_order(page, live_server, sandbox)
    area = page.locator("#action-area")
    title = area.get_by_role("heading", name="Capture payment")

    tab_to(page, "Capture", most=20)
    page.keyboard.press("Enter")
    expect(title).to_be_focused()  # the form that opened, not the menu, is where Tab goes on
    focused(page)
    tab_to(page, "Amount")
    page.keyboard.type("100")
    page.keyboard.press("Enter")
    expect(area.locator(".confirmation")).to_contain_text("Capture SEK 100,00 of SEK 497,00 remaining")
    expect(title).to_be_focused()
    focused(page)
    tab_to(page, "Capture now", most=3)
    page.keyboard.press("Space")

    expect(area.locator(".outcome--succeeded")).to_contain_text("Captured SEK 100,00 on order")
    expect(title).to_be_focused()
    focused(page)
    expect(page.locator("#order-captures")).to_contain_text("Captures (1)")
    assert_captured_once(sandbox, order_id)
    assert console_errors == []


# --- Without JavaScript: plain form posts -----------------------------------------------------------

@pytest.fixture
def page_without_js(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_capture_without_javascript(page_without_js, live_server, make_user, sandbox):
    page = sign_in_page(page_without_js, live_server, make_user("agent", "nora"))
    order_id = open_new_order(page, live_server, sandbox)
    page.locator("#order-actions").get_by_role("link", name="Capture").click()
    expect(page).to_have_url(f"{live_server.url}/orders/{order_id}/actions/capture")
    page.get_by_label("Amount", exact=True).fill("100")
    page.get_by_role("button", name="Review capture").click()
    expect(page.locator(".confirmation")).to_contain_text("Capture SEK 100,00 of SEK 497,00 remaining")
    url, sent = confirmation_sent(page.locator("#action-area"))
    page.get_by_role("button", name="Capture now").click()

    expect(page).to_have_url(f"{live_server.url}/orders/{order_id}")
    expect(page.locator(".flashes")).to_contain_text("Captured SEK 100,00 on order")
    expect(page.locator("#order-captures")).to_contain_text("Captures (1)")
    expect(money_item(page, "captured")).to_have_text(sek(10000))
    assert_captured_once(sandbox, order_id)

    again = page.request.post(live_server.url + url, form=dict(sent))  # as the back button and sending again would
    assert again.ok and again.url == page.url
    assert "This form was already sent and the capture was done. Nothing was sent again." in again.text()
    assert_captured_once(sandbox, order_id)


def _set_key(app, key: str, **columns) -> None:
    with app.app_context():
        db.session.execute(update(LedgerKey).where(LedgerKey.key == key).values(**columns))
        db.session.commit()


def test_without_javascript_still_in_progress_reloads_itself_until_the_capture_is_done(
    page_without_js, app, live_server, make_user, sandbox
):
    page = sign_in_page(page_without_js, live_server, make_user("agent", "nils"))
    order_id = open_new_order(page, live_server, sandbox)
    page.locator("#order-actions").get_by_role("link", name="Capture").click()
    page.get_by_label("Amount", exact=True).fill("100")
    page.get_by_role("button", name="Review capture").click()
    key = page.locator("input[name=idempotency_key]").first.get_attribute("value")
    _set_key(app, key, state="in_flight", claimed_at=utcnow())  # the first click, still waiting for Klarna
    page.get_by_role("button", name="Capture now").click()  # the second click

    expect(page.get_by_text("Still in progress")).to_be_visible()
    status_url = f"{live_server.url}/orders/{order_id}/actions/capture/keys/{key}"
    expect(page).to_have_url(status_url)  # it reloaded itself, with no click
    _set_key(app, key, state="succeeded", result_id="a-capture-id")  # the first click's answer arrives
    expect(page.get_by_text("the capture was done")).to_be_visible(timeout=10_000)
    expect(page.get_by_text("Still in progress")).to_have_count(0)
    assert posts(sandbox, order_id, "/captures") == []  # the second click sent nothing
