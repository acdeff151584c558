"""When the order does not allow a capture, or Klarna says no: clear words, nothing captured."""

from __future__ import annotations

import uuid

import pytest

from app.sandbox import demo_ids
from tests.web.actions.conftest import AUTHORIZATION_OVER, audit_entries, capture_posts, ledger_row, page_text

CAPTURES_PATH = "/ordermanagement/v1/orders/*/captures"


@pytest.mark.parametrize("end,why", AUTHORIZATION_OVER)
def test_an_order_that_cannot_be_captured_says_why_and_offers_no_form(agent, sandbox, order_id, end, why):
    end(sandbox, order_id)
    reason = f"Capture is not possible: {why}."
    opened = agent.open(order_id)
    assert opened.status == 200 and reason in opened.text
    assert "Review capture" not in opened.text
    page = page_text(agent.client.get(f"/orders/{order_id}").get_data(as_text=True))
    assert reason in page  # the actions menu shows the button disabled, with the reason


def test_a_pending_fraud_check_blocks_the_capture(agent):
    opened = agent.open(demo_ids.FRAUD_PENDING_SEK)
    assert "Capture is not possible: Klarna's fraud check is still pending" in opened.text


def test_an_order_cancelled_after_the_form_was_opened_is_refused_before_klarna(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    sandbox.cancel(order_id)
    sandbox.clear_requests_log()
    refused = agent.confirm(reviewed)
    assert refused.status == 422
    assert "Capture is not possible: the order is cancelled." in refused.text
    assert capture_posts(sandbox, order_id) == []
    assert audit_entries(app, order_id)[-1].outcome == "invalid"


def test_more_than_what_remains_now_is_refused_before_klarna(agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="400")
    sandbox.capture(order_id, 20000)
    sandbox.clear_requests_log()
    refused = agent.confirm(reviewed)
    assert refused.status == 422
    assert "You can capture at most SEK 297,00: that is what remains authorized." in refused.text
    assert capture_posts(sandbox, order_id) == []


def test_klarnas_refusal_is_shown_with_its_code_and_correlation_id_and_a_fresh_key(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10", description="Parcel")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="status", status=403, error_code="CAPTURE_NOT_ALLOWED",
                      error_messages=["Order is cancelled. Capture not possible."])
    refused = agent.confirm(reviewed)
    assert refused.status == 422
    assert "Klarna refused the capture" in refused.text
    assert "Klarna said: Order is cancelled. Capture not possible. Nothing was done." in refused.text
    assert "CAPTURE_NOT_ALLOWED" in refused.text
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.error_code) == ("refused", "CAPTURE_NOT_ALLOWED")
    assert entry.messages == ["Order is cancelled. Capture not possible."]
    assert uuid.UUID(entry.correlation_id) and entry.correlation_id in refused.text
    # The form is back with the values typed and a new key: sending it again is a new attempt.
    assert refused.form.value("amount") == "10" and refused.form.value("description") == "Parcel"
    assert refused.key != reviewed.key
    assert ledger_row(app, reviewed.key).state == "refused"
    done = agent.confirm(agent.send(refused.form))
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1


def test_klarna_unreachable_means_nothing_was_sent(app, pages, sandbox, order_id):
    agent = pages("agent")
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="status", status=429, count=3)
    busy = agent.confirm(reviewed)
    assert busy.status == 422
    assert "Klarna is busy" in busy.text and "Nothing was done." in busy.text
    assert audit_entries(app, order_id)[-1].outcome == "refused"
    assert sandbox.get_order(order_id)["captures"] == []


def test_a_503_is_retried_by_the_client_and_the_capture_succeeds(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="status", status=503)
    done = agent.confirm(reviewed)
    assert done.status == 303
    keys = [request["idempotency_key"] for request in capture_posts(sandbox, order_id)]
    assert keys == [reviewed.key, reviewed.key]
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["succeeded"]


def test_503_on_every_attempt_leaves_the_result_unknown_then_sending_again_captures_once(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="status", status=503, count=3)
    unknown = agent.confirm(reviewed)
    assert unknown.status == 502
    assert "Result unknown" in unknown.text and "Sending the form again is safe" in unknown.text
    assert "TEMPORARILY_UNAVAILABLE" in unknown.text
    assert unknown.key == reviewed.key
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.error_code) == ("unknown", "TEMPORARILY_UNAVAILABLE")
    assert entry.correlation_id and entry.correlation_id in unknown.text
    assert ledger_row(app, reviewed.key).state == "unknown"
    done = agent.send(unknown.form, "confirmed")
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["unknown", "succeeded"]
