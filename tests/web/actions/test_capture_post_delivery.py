"""After delivery, on one capture: resend the customer communication, extend the payment due date."""

from __future__ import annotations

import uuid

import pytest

from tests.fixtures.dashboard import csrf_token
from tests.fixtures.pages import post_forms
from tests.web.actions.conftest import audit_entries, changes_sent, ledger_row, page_text, sent_to

SEND_OUT = "trigger_send_out"
DUE_DATE = "extend_due_date"
OPTIONS_PATH = "/ordermanagement/v1/orders/*/captures/*/extend-due-date-options"


def offered_days(sandbox, order_id, capture_id) -> list[int]:
    options = sandbox.om("GET", f"/{order_id}/captures/{capture_id}/extend-due-date-options").json()["options"]
    return [option["number_of_days"] for option in options]


# --- resend customer communication -----------------------------------------------------------------


def test_resending_asks_first_then_klarna_receives_it(app, agent, sandbox, order_id, capture_id):
    reviewed = agent.open(order_id, SEND_OUT, capture_id)  # nothing to fill in: the confirmation at once
    assert reviewed.status == 200
    assert "Ask Klarna to send the customer the payment details of capture" in reviewed.text
    assert "SEK 200,00 captured" in reviewed.text
    assert f'href="/orders/{order_id}/captures/{capture_id}">Do not resend' in reviewed.html
    assert changes_sent(sandbox, order_id) == []
    done = agent.send(reviewed.form, "confirmed")
    assert done.status == 303 and done.response.headers["Location"] == f"/orders/{order_id}/captures/{capture_id}"
    (post,) = sent_to(sandbox, order_id, "POST", f"/captures/{capture_id}/trigger-send-out")
    assert post["status"] == 204 and post["idempotency_key"] == reviewed.key
    (entry,) = audit_entries(app, order_id)
    assert (entry.operation, entry.capture_id, entry.outcome) == (SEND_OUT, capture_id, "succeeded")
    page = page_text(agent.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert "Klarna will send the customer the payment details of capture" in page


def test_a_refused_send_out_says_why(app, agent, sandbox, order_id, capture_id):
    reviewed = agent.open(order_id, SEND_OUT, capture_id)
    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/trigger-send-out", kind="status", status=403,
                      error_code="NOT_ALLOWED", error_messages=["Send out not possible for this payment method"])
    refused = agent.send(reviewed.form, "confirmed")
    assert refused.status == 422
    assert "Klarna said: Send out not possible for this payment method. Nothing was done." in refused.text
    assert audit_entries(app, order_id)[-1].error_code == "NOT_ALLOWED"


# --- extend the due date ---------------------------------------------------------------------------


def test_klarnas_options_are_offered_with_their_fees_in_the_order_currency(supervisor, sandbox, order_id, capture_id):
    reference = sandbox.get_order(order_id)["captures"][0]["klarna_reference"]
    opened = supervisor.open(order_id, DUE_DATE, capture_id)
    assert opened.status == 200
    assert "7 days, fee SEK 29,00" in opened.text
    assert "14 days, fee SEK 58,00" in opened.text
    assert "30 days, fee SEK 87,00" in opened.text
    assert f'capture <strong class="nowrap">{reference}</strong>' in opened.html  # "K3OSGJI-1" is not split
    assert [c.value for c in opened.form.controls if c.name == "number_of_days"] == ["7", "14", "30"]


def test_the_heading_names_the_order_as_its_page_does_and_by_klarnas_reference(supervisor, sandbox, order_id,
                                                                                capture_id):
    order = sandbox.get_order(order_id)
    opened = supervisor.open(order_id, DUE_DATE, capture_id)
    assert (f"Order TEST-1001 · Klarna reference {order['klarna_reference']} · "
            f"capture {order['captures'][0]['klarna_reference']}") in opened.text


def test_the_fee_is_confirmed_then_the_due_date_is_extended(app, supervisor, sandbox, order_id, capture_id):
    opened = supervisor.open(order_id, DUE_DATE, capture_id)
    reviewed = supervisor.send(opened.form, number_of_days="14")
    assert reviewed.status == 200
    assert "Extend the due date by 14 days for a fee of SEK 58,00 charged to the merchant." in reviewed.text
    assert sent_to(sandbox, order_id, "PATCH", "/extend-due-date") == []
    done = supervisor.send(reviewed.form, "confirmed")
    assert done.status == 303
    (patch,) = sent_to(sandbox, order_id, "PATCH", f"/captures/{capture_id}/extend-due-date")
    assert patch["status"] == 204 and patch["idempotency_key"] == opened.key
    assert offered_days(sandbox, order_id, capture_id) == []  # Klarna offers no second extension
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.capture_id, entry.details) == ("succeeded", capture_id, "days: 14; fee: SEK\xa058,00")
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert "was extended by 14 days (fee SEK 58,00)." in page
    again = supervisor.open(order_id, DUE_DATE, capture_id)
    assert "Klarna offers no options to extend the due date of capture" in again.text


@pytest.mark.parametrize(
    "days,message",
    [(None, "Choose one of the options Klarna offers."), ("10", "Klarna no longer offers that option")],
)
def test_an_option_klarna_does_not_offer_is_refused_before_klarna(app, supervisor, sandbox, order_id, capture_id,
                                                                  days, message):
    opened = supervisor.open(order_id, DUE_DATE, capture_id)
    refused = supervisor.send(opened.form, **({"number_of_days": days} if days else {}))
    assert refused.status == 422 and message in refused.text
    assert sent_to(sandbox, order_id, "PATCH", "/extend-due-date") == []
    assert audit_entries(app, order_id)[-1].outcome == "invalid"


def test_without_options_it_says_so_and_offers_no_form(supervisor, sandbox):
    card = {"type": "CARD", "description": "Card"}
    order_id = sandbox.create_order(initial_payment_method=card)["order_id"]
    capture_id = sandbox.capture(order_id, 10000)
    opened = supervisor.open(order_id, DUE_DATE, capture_id)
    assert opened.status == 200
    assert "Klarna offers no options to extend the due date of capture" in opened.text
    assert [form for form in post_forms(opened.html) if "/actions/" in form.action] == []


@pytest.mark.parametrize("status,code", [(403, "NOT_ALLOWED"), (404, "NOT_FOUND")])
def test_a_refusal_to_list_options_is_shown_in_plain_words(supervisor, sandbox, order_id, capture_id, status, code):
    sandbox.add_fault(method="GET", path=OPTIONS_PATH, kind="status", status=status, error_code=code,
                      error_messages=["Payment method does not support due date extension"])
    opened = supervisor.open(order_id, DUE_DATE, capture_id)
    assert opened.status == 200
    assert "Klarna does not allow extending the due date of capture" in opened.text
    assert "Klarna said: Payment method does not support due date extension." in opened.text
    (listing,) = sent_to(sandbox, order_id, "GET", "/extend-due-date-options")
    assert code in opened.text and listing["correlation_id"] in opened.text


def test_klarnas_refusal_of_the_extension_is_shown(app, supervisor, sandbox, order_id, capture_id):
    reviewed = supervisor.send(supervisor.open(order_id, DUE_DATE, capture_id).form, number_of_days="7")
    sandbox.add_fault(method="PATCH", path="/ordermanagement/v1/orders/*/extend-due-date", kind="status", status=403,
                      error_code="NOT_ALLOWED", error_messages=["The due date of this capture has already been extended."])
    refused = supervisor.send(reviewed.form, "confirmed")
    assert refused.status == 422
    assert "Klarna said: The due date of this capture has already been extended. Nothing was done." in refused.text
    assert ledger_row(app, reviewed.key).state == "refused"


def test_an_agent_may_not_extend_the_due_date(agent, sandbox, order_id, capture_id):
    url = f"/orders/{order_id}/captures/{capture_id}/actions/{DUE_DATE}"
    assert agent.client.get(url).status_code == 403
    token = csrf_token(agent.client, "/")
    posted = agent.client.post(url, data={"csrf_token": token, "idempotency_key": str(uuid.uuid4()),
                                          "number_of_days": "7", "confirmed": "1"})
    assert posted.status_code == 403
    assert sandbox.requests_log(order_id) == []
    page = agent.client.get(f"/orders/{order_id}/captures/{capture_id}").get_data(as_text=True)
    assert f"/actions/{DUE_DATE}" not in page
