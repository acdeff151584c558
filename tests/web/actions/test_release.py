"""Releasing the rest of a part-captured order's authorization: what is released, and when not."""

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

RELEASE_PATH = "/ordermanagement/v1/orders/*/release-remaining-authorization"


@pytest.fixture
def part_captured(sandbox, order_id):
    """The 497,00 kr order with 200,00 kr captured: 297,00 kr remains authorized."""
    sandbox.capture(order_id, 20000)
    sandbox.clear_requests_log()
    return order_id


def _releases(sandbox, order_id):
    return sent_to(sandbox, order_id, "POST", "/release-remaining-authorization")


def test_release_shows_the_amount_released_and_closes_the_order(app, supervisor, sandbox, part_captured):
    opened = supervisor.open(part_captured, "release_authorization")
    reference = sandbox.get_order(part_captured)["klarna_reference"]
    assert f"Release SEK 297,00 still authorized on order {reference}." in opened.text
    assert "Order amount SEK 497,00 Captured SEK 200,00 Released now SEK 297,00" in opened.text
    assert "The customer will never be charged the SEK 297,00: the order is closed" in opened.text
    assert _releases(sandbox, part_captured) == []
    done = supervisor.confirm(opened)
    assert done.status == 303
    order = sandbox.get_order(part_captured)
    assert (order["status"], order["remaining_authorized_amount"], order["captured_amount"]) == ("CLOSED", 0, 20000)
    (sent,) = _releases(sandbox, part_captured)
    assert sent["idempotency_key"] == opened.key
    (entry,) = audit_entries(app, part_captured)
    assert (entry.operation, entry.outcome, entry.amount) == ("release_authorization", "succeeded", 29700)
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert f"Released SEK 297,00 on order {reference}; the order is closed." in page
    assert "Release is not possible: the remaining authorization has already been released." in page


@pytest.mark.parametrize("setup,reason", [
    (lambda sandbox, order_id: None,
     "Release is not possible: nothing has been captured yet (cancel the order instead)."),
    (lambda sandbox, order_id: sandbox.capture(order_id),
     "Release is not possible: the whole order has been captured."),
    (lambda sandbox, order_id: sandbox.cancel(order_id), "Release is not possible: the order is cancelled."),
    (lambda sandbox, order_id: (sandbox.capture(order_id, 100), sandbox.advance_clock(29)),
     "Release is not possible: the authorization has expired."),
])
def test_release_is_only_offered_for_a_part_captured_order(supervisor, sandbox, order_id, setup, reason):
    setup(sandbox, order_id)
    assert_not_offered(supervisor, order_id, "release_authorization", reason)


def test_klarnas_refusal_when_the_rest_is_captured_during_the_call(app, supervisor, sandbox, part_captured):
    opened = supervisor.open(part_captured, "release_authorization")
    refused = while_klarna_holds(sandbox, RELEASE_PATH, lambda: sandbox.capture(part_captured),
                                 lambda: supervisor.confirm(opened))
    assert_refused_by_klarna(app, refused, part_captured, noun="release", code="NOT_ALLOWED",
                             said="Order is fully captured. Remaining authorization cannot be released.")
    assert "Release is not possible: the whole order has been captured." in refused.text
    assert sandbox.get_order(part_captured)["status"] == "CAPTURED"


def test_sending_the_confirmation_twice_releases_once(app, pages, sandbox, part_captured):
    supervisor = pages("supervisor", htmx=True)
    opened = supervisor.open(part_captured, "release_authorization")
    first, again = supervisor.confirm(opened), supervisor.confirm(opened)
    assert first.status == 200 and "Released SEK 297,00" in first.text
    assert again.status == 200 and "This form was already sent and the release was done." in again.text
    assert len(_releases(sandbox, part_captured)) == 1
    assert [entry.outcome for entry in audit_entries(app, part_captured)] == ["succeeded", "duplicate"]
