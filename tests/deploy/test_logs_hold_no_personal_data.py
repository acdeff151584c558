"""Nothing personal or secret reaches the logs: a realistic session against the sandbox, served by
gunicorn with the repository's configuration at DEBUG level, and every line it wrote searched for
the demo customers' data, the passwords and the secret key."""

from __future__ import annotations

import json

import pytest

from app.sandbox import demo_ids
from app.sandbox.demo_people import PEOPLE
from tests.deploy.action_forms import perform
from tests.fixtures.processes import WebSession
from tests.web.actions.conftest import page_text

pytestmark = pytest.mark.slow

WRONG_PASSWORD = "Tr0ub4dor&3-but-wrong"
PERSONAL_FIELDS = ("street_address", "street_address2", "email", "phone")
IDENTITY_FIELDS = ("date_of_birth", "national_identification_number")

ORDER_IDS = sorted(value for name, value in vars(demo_ids).items() if name.isupper() and isinstance(value, str))


def _customer_data() -> set[str]:
    values = set()
    for person in PEOPLE.values():
        for address in (person["billing"], person.get("shipping", {})):
            values.update(address[field] for field in PERSONAL_FIELDS if field in address)
        values.update(person.get("customer", {}).get(field) for field in IDENTITY_FIELDS)
    return values - {None}


def _session(browser: WebSession, agent) -> list[str]:
    """What a member of staff does in a morning; returns the HTML pages they saw."""
    assert browser.sign_in(agent.username, WRONG_PASSWORD).status == 401
    assert browser.sign_in(agent.username, agent.password).status == 303
    pages = []
    for order_id in ORDER_IDS:
        assert browser.get(f"/orders/lookup?order_id={order_id}").status == 303
        for path in (f"/orders/{order_id}", f"/orders/{order_id}/panels"):
            page = browser.get(path)
            assert page.status == 200, path
            pages.append(page.text)
    order_id = demo_ids.PART_CAPTURED_EUR_REFUNDED
    for path in (f"/orders/{order_id}/captures/{demo_ids.demo_capture_id(order_id, 1)}",
                 f"/orders/{order_id}/refunds/{demo_ids.demo_refund_id(order_id, 1)}"):
        page = browser.get(path)
        assert page.status == 200, path
        pages.append(page.text)
    assert browser.get("/readyz").status == 200
    return pages


def _money_and_address(browser: WebSession, sandbox) -> list[str]:
    """Astrid's new order: her addresses viewed, a capture with a description and shipping
    information, then a refund, both with her details in what staff typed; the pages seen."""
    astrid = PEOPLE["astrid"]
    street, email = astrid["billing"]["street_address"], astrid["billing"]["email"]
    order_id = sandbox.create_order(billing_address=astrid["billing"], shipping_address=astrid["billing"],
                                    customer=astrid["customer"])["order_id"]
    address = browser.get(f"/orders/{order_id}/panels/customer")
    assert address.status == 200 and street in address.text
    captured = perform(browser, order_id, "capture", amount="100", description=f"Left at {street} as agreed",
                       shipping__0__shipping_company="PostNord SE", shipping__0__shipping_method="PickUpPoint",
                       shipping__0__tracking_number="RR123456785SE",
                       shipping__0__tracking_uri="https://tracking.example/RR123456785SE")
    assert captured.status == 200 and "Captured SEK 100,00" in page_text(captured.text)
    refunded = perform(browser, order_id, "refund", amount="20", description=f"Dented; {email} sent photos")
    assert refunded.status == 200 and "Refunded SEK 20,00" in page_text(refunded.text)
    order = sandbox.get_order(order_id)
    (capture,), (refund,) = order["captures"], order["refunds"]
    assert capture["description"] == f"Left at {street} as agreed"
    assert capture["shipping_info"][0]["tracking_number"] == "RR123456785SE"
    assert refund["description"] == f"Dented; {email} sent photos"
    capture_page = browser.get(f"/orders/{order_id}/captures/{capture['capture_id']}")
    audit_page = browser.get(f"/audit?order_id={order_id}")
    assert capture_page.status == audit_page.status == 200
    assert email in page_text(audit_page.text)
    return [address.text, captured.text, refunded.text, capture_page.text, audit_page.text]


def test_a_working_session_logs_no_customer_data_passwords_or_secrets(
    start_dashboard, make_user, app_config, sandbox_server, sandbox
):
    agent = make_user("agent")
    process = start_dashboard(LOG_LEVEL="DEBUG")
    browser = WebSession(process)
    pages = _session(browser, agent) + _money_and_address(browser, sandbox)
    process.stop()

    log = process.log_text()
    records = [json.loads(line) for line in log.splitlines()]
    # Compare with the text as decoded from JSON too (non-ASCII letters are escaped in the lines).
    searched = log + "\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    customer_data = _customer_data()
    shown = {value for value in customer_data if any(value in page for page in pages)}
    assert len(shown) > 20, "the session should have shown plenty of customer data"
    secrets = {agent.password, WRONG_PASSWORD, sandbox_server.password, app_config["SECRET_KEY"]}
    leaked = sorted(value for value in customer_data | secrets if value in searched)
    assert leaked == []
    # The logs did record the session: every order opened, each Klarna call, each request.
    logged_orders = {record.get("klarna_order_id") for record in records if record["logger"] == "app.klarna"}
    assert set(ORDER_IDS) <= logged_orders
    statuses = [record["status"] for record in records if record["logger"] == "app.requests"]
    assert 401 in statuses and statuses.count(200) >= 2 * len(ORDER_IDS)
