"""Cancelling an order: straight to a destructive confirmation, only while nothing is captured."""

from __future__ import annotations

import pytest

from tests.web.actions.conftest import (
    assert_not_offered,
    assert_refused_by_klarna,
    audit_entries,
    page_text,
    sent_to,
    while_klarna_holds,
)

CANCEL_PATH = "/ordermanagement/v1/orders/*/cancel"


def _cancels(sandbox, order_id):
    return sent_to(sandbox, order_id, "POST", "/cancel")


def test_cancel_asks_for_confirmation_at_once_and_cancels(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "cancel")
    assert opened.status == 200
    reference = sandbox.get_order(order_id)["klarna_reference"]
    assert f"Cancel order {reference} and drop its authorization of SEK 497,00." in opened.text
    assert "The customer will not be charged and nothing can be captured on this order any more." in opened.text
    assert {button.value for button in opened.form.buttons()} == {"1"}  # one button: confirm
    assert _cancels(sandbox, order_id) == []  # nothing sent before the confirmation
    done = supervisor.confirm(opened)
    assert done.status == 303
    assert sandbox.get_order(order_id)["status"] == "CANCELLED"
    (sent,) = _cancels(sandbox, order_id)
    assert sent["idempotency_key"] == opened.key
    (entry,) = audit_entries(app, order_id)
    assert (entry.operation, entry.outcome, entry.amount, entry.currency) == ("cancel", "succeeded", 49700, "SEK")
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert f"Order {reference} is cancelled; the customer will not be charged." in page
    assert "Cancel is not possible: the order is already cancelled." in page  # the menu now says why


def test_with_htmx_the_result_replaces_the_confirmation_and_the_panels_refresh(pages, sandbox, order_id):
    supervisor = pages("supervisor", htmx=True)
    opened = supervisor.open(order_id, "cancel")
    assert "<html" not in opened.html  # a fragment for #action-area
    done = supervisor.confirm(opened)
    assert done.status == 200
    assert done.response.headers["HX-Trigger"] == "order-updated"
    assert "is cancelled; the customer will not be charged." in done.text


@pytest.mark.parametrize("setup,reason", [
    (lambda sandbox, order_id: sandbox.capture(order_id, 100), "Cancel is not possible: the order has captures."),
    (lambda sandbox, order_id: sandbox.cancel(order_id), "Cancel is not possible: the order is already cancelled."),
])
def test_cancel_is_not_offered_when_the_order_does_not_allow_it(supervisor, sandbox, order_id, setup, reason):
    setup(sandbox, order_id)
    assert_not_offered(supervisor, order_id, "cancel", reason)


def test_a_capture_after_the_confirmation_was_shown_stops_the_cancel_before_klarna(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "cancel")
    sandbox.capture(order_id, 100)
    refused = supervisor.confirm(opened)
    assert refused.status == 422
    assert "Cancel is not possible: the order has captures." in refused.text
    assert _cancels(sandbox, order_id) == []
    assert audit_entries(app, order_id)[-1].outcome == "invalid"


def test_klarnas_refusal_when_a_capture_slips_in_during_the_call(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "cancel")
    refused = while_klarna_holds(sandbox, CANCEL_PATH, lambda: sandbox.capture(order_id, 100),
                                 lambda: supervisor.confirm(opened))
    assert_refused_by_klarna(app, refused, order_id, noun="cancellation", code="CANCEL_NOT_ALLOWED",
                             said="Order has previous captures. Cancel not possible.")
    assert "Cancel is not possible: the order has captures." in refused.text  # the order as it is now
    assert sandbox.get_order(order_id)["status"] == "PART_CAPTURED"


def test_sending_the_confirmation_twice_cancels_once(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "cancel")
    first, again = supervisor.confirm(opened), supervisor.confirm(opened)
    assert (first.status, again.status) == (303, 303)
    assert len(_cancels(sandbox, order_id)) == 1
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["succeeded", "duplicate"]
    page = supervisor.client.get(again.response.headers["Location"]).get_data(as_text=True)
    assert "This form was already sent and the cancellation was done. Nothing was sent again." in page_text(page)


def test_a_lost_answer_keeps_the_confirmation_and_sending_again_cancels_once(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "cancel")
    sandbox.add_fault(method="POST", path=CANCEL_PATH, kind="drop_after", count=3)  # every attempt's answer
    unknown = supervisor.confirm(opened)
    assert unknown.status == 502
    assert "Result unknown" in unknown.text and "Sending the form again is safe" in unknown.text
    assert unknown.key == opened.key  # the same confirmation, the same key
    assert sandbox.get_order(order_id)["status"] == "CANCELLED"  # it did happen
    again = supervisor.send(unknown.form, "confirmed")
    assert again.status == 303
    assert {r["idempotency_key"] for r in _cancels(sandbox, order_id)} == {opened.key}
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["unknown", "succeeded"]
