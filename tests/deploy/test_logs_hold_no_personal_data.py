"""Nothing personal or secret reaches the logs: a realistic session against the sandbox, served by
gunicorn with the repository's configuration at DEBUG level, and every line it wrote searched for
the demo customers' data, the passwords and the secret key."""

from __future__ import annotations

import json

import pytest

from app.sandbox import demo_ids
from app.sandbox.demo_people import PEOPLE
from tests.fixtures.processes import WebSession

pytestmark = pytest.mark.slow

WRONG_PASSWORD = "Tr0ub4dor&3-but-wrong"
PERSONAL_FIELDS = ("street_address", "street_address2", "email", "phone")
IDENTITY_FIELDS = ("date_of_birth", "national_identification_number")

ORDER_IDS = sorted(value for name, value in vars(demo_ids).items() if name.isupper() and isinstance(value, str))


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.klarna_settings()


def _customer_data() -> set[str]:
    values = set()
    for person in PEOPLE.values():
        for address in (person["billing"], person.get("shipping", {})):
            values.update(address[field] for field in PERSONAL_FIELDS if field in address)
        values.update(person.get("customer", {}).get(field) for field in IDENTITY_FIELDS)
    return values - {None}


def _session(process, agent) -> list[str]:
    """What a member of staff does in a morning; returns the HTML pages they saw."""
    browser = WebSession(process)
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


def test_a_working_session_logs_no_customer_data_passwords_or_secrets(
    start_dashboard, make_user, app_config, sandbox_server, sandbox
):
    agent = make_user("agent")
    process = start_dashboard(LOG_LEVEL="DEBUG")
    pages = _session(process, agent)
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
