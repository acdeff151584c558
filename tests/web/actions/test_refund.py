"""Refunding through the same machinery: everything, an amount, or lines with a return fee."""

from __future__ import annotations

import pytest

from tests.web.actions.conftest import audit_entries, sent_to


def _refund_posts(sandbox, order_id):
    return sent_to(sandbox, order_id, "POST", "/refunds")


@pytest.fixture
def captured(sandbox, order_id):
    """The 497,00 kr order, fully captured with its lines."""
    order = sandbox.get_order(order_id)
    sandbox.capture(order_id, 49700, order_lines=order["order_lines"])
    sandbox.clear_requests_log()
    return order_id


def test_refund_is_not_offered_before_anything_is_captured(agent, order_id):
    opened = agent.open(order_id, "refund")
    assert "Refund is not possible: nothing has been captured yet." in opened.text
    assert "Review refund" not in opened.text


def test_refund_everything_that_is_refundable(app, agent, sandbox, captured):
    opened = agent.open(captured, "refund")
    assert ("Maximum refundable (captured) SEK 497,00 Already refunded SEK 0,00 Remaining refundable SEK 497,00"
            in opened.text)
    reviewed = agent.send(opened.form, "everything", description="Order returned")
    assert "Refund SEK 497,00 of SEK 497,00 refundable on order" in reviewed.text
    assert "this cannot be undone" in reviewed.text
    done = agent.confirm(reviewed)
    assert done.status == 303
    order = sandbox.get_order(captured)
    assert order["refunded_amount"] == 49700
    (refund,) = order["refunds"]
    assert refund["description"] == "Order returned" and len(refund["order_lines"]) == 3
    (entry,) = audit_entries(app, captured)
    assert (entry.operation, entry.outcome, entry.amount, entry.result_id) == (
        "refund", "succeeded", 49700, refund["refund_id"])


def test_a_refund_needs_a_reason_and_stays_within_what_is_refundable(agent, sandbox, captured):
    opened = agent.open(captured, "refund")
    no_reason = agent.send(opened.form, amount="10")
    assert no_reason.status == 422 and "Give the reason for the refund; the customer sees it." in no_reason.text
    too_much = agent.send(opened.form, amount="497,01", description="Too much")
    assert "You can refund at most SEK 497,00: that is what has been captured and not refunded yet." in too_much.text
    assert _refund_posts(sandbox, captured) == []


def test_refund_part_of_it_by_amount_with_a_reference(app, agent, sandbox, captured):
    reviewed = agent.review(captured, "refund", amount="100,50", description="Scratched lid", reference="RMA-77")
    assert "Refund SEK 100,50 of SEK 497,00 refundable on order" in reviewed.text
    assert "Internal reference RMA-77" in reviewed.text
    assert agent.confirm(reviewed).status == 303
    (refund,) = sandbox.get_order(captured)["refunds"]
    assert (refund["refunded_amount"], refund["description"], refund["reference"]) == (
        10050, "Scratched lid", "RMA-77")
    assert "order_lines" not in refund or refund["order_lines"] == []
    (entry,) = audit_entries(app, captured)
    assert (entry.outcome, entry.amount, entry.currency) == ("succeeded", 10050, "SEK")
    assert "reference: RMA-77" in entry.details
    again = agent.open(captured, "refund")
    assert ("Maximum refundable (captured) SEK 497,00 Already refunded SEK 100,50 Remaining refundable SEK 396,50"
            in again.text)
    assert "Refund all SEK 396,50" in again.text


def test_lines_worth_more_than_what_remains_refundable_are_refused_before_klarna(agent, sandbox, captured):
    sandbox.refund(captured, 30000)
    sandbox.clear_requests_log()
    opened = agent.open(captured, "refund")
    answer = agent.send(opened.form, mode="lines", lines__0__quantity="2", description="Both back")
    assert answer.status == 422
    assert "You can refund at most SEK 197,00: that is what has been captured and not refunded yet." in answer.text
    assert _refund_posts(sandbox, captured) == []


@pytest.mark.parametrize("fee,message", [
    ("abc", "Enter the amount as a number, for example 1250,00."),
    ("-5", "Enter the amount without a minus sign; it cannot be negative."),
    ("2,345", "SEK amounts have at most 2 decimals."),
])
def test_a_return_fee_that_is_not_an_amount_gets_a_field_error(agent, sandbox, captured, fee, message):
    opened = agent.open(captured, "refund")
    answer = agent.send(opened.form, mode="lines", lines__0__quantity="1", return_fee=fee, description="Back")
    assert answer.status == 422 and message in answer.text
    assert 'id="return_fee-error"' in answer.html  # shown at the field
    assert _refund_posts(sandbox, captured) == []


def test_refund_lines_with_a_return_fee(agent, sandbox, captured):
    opened = agent.open(captured, "refund")
    reviewed = agent.send(opened.form, mode="lines", lines__0__quantity="1", return_fee="29",
                          description="One thermos back")
    assert "Refund SEK 220,00 of SEK 497,00 refundable" in reviewed.text
    assert "Return fee SEK 29,00, kept back from the refund" in reviewed.text
    agent.confirm(reviewed)
    (refund,) = sandbox.get_order(captured)["refunds"]
    assert refund["refunded_amount"] == 22000
    assert [(line["type"], line["quantity"], line["total_amount"]) for line in refund["order_lines"]] == [
        ("physical", 1, 24900), ("return_fee", 1, -2900)]
    again = agent.open(captured, "refund")
    assert "2 ordered · 1 refunded" in again.text


def test_a_return_fee_needs_order_lines(agent, captured):
    opened = agent.open(captured, "refund")
    answer = agent.send(opened.form, amount="10", return_fee="5", description="Returned")
    assert answer.status == 422
    assert 'A return fee is charged with order lines: choose "Order lines".' in answer.text


def test_klarnas_refusal_of_a_refund_is_shown(app, agent, sandbox, captured):
    reviewed = agent.send(agent.open(captured, "refund").form, amount="10", description="Sorry")
    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/refunds", kind="status", status=403,
                      error_code="REFUND_NOT_ALLOWED", error_messages=["Over refund is not allowed."])
    refused = agent.confirm(reviewed)
    assert refused.status == 422
    assert "Klarna refused the refund" in refused.text and "REFUND_NOT_ALLOWED" in refused.text
    assert audit_entries(app, captured)[-1].error_code == "REFUND_NOT_ALLOWED"


def test_the_same_refund_form_sent_twice_refunds_once(agent, sandbox, captured):
    reviewed = agent.send(agent.open(captured, "refund").form, amount="10", description="Sorry")
    agent.confirm(reviewed)
    agent.confirm(reviewed)
    assert len(sandbox.get_order(captured)["refunds"]) == 1
    assert len(_refund_posts(sandbox, captured)) == 1


def test_a_viewer_cannot_refund(pages, captured):
    viewer = pages("viewer")
    assert viewer.client.get(f"/orders/{captured}/actions/refund").status_code == 403
