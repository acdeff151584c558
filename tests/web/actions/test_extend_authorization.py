"""Extending the authorization time: the form shows now, after and the 180-day limit; Klarna agrees."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.display import when
from tests.web.actions.conftest import (
    AUTHORIZATION_OVER,
    assert_not_offered,
    assert_refused_by_klarna,
    audit_entries,
    page_text,
    sent_to,
    while_klarna_holds,
)

EXTEND_PATH = "/ordermanagement/v1/orders/*/extend-authorization-time"


def _extensions(sandbox, order_id):
    return sent_to(sandbox, order_id, "POST", "/extend-authorization-time")


def parse_datetime(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _expiry(sandbox, order_id) -> datetime:
    return parse_datetime(sandbox.get_order(order_id)["expires_at"])


def test_extend_shows_the_expiry_before_and_after_and_klarna_agrees(app, supervisor, sandbox, order_id):
    order = sandbox.get_order(order_id)
    before = parse_datetime(order["expires_at"])
    latest = parse_datetime(order["created_at"]) + timedelta(days=180)
    opened = supervisor.open(order_id, "extend_authorization")
    assert f"Expires now {when(before)}" in opened.text
    assert f"Latest possible {when(latest)} (180 days after the purchase)" in opened.text
    assert _extensions(sandbox, order_id) == []
    done = supervisor.send(opened.form)  # no confirmation: nothing is lost by extending
    assert done.status == 303
    after = _expiry(sandbox, order_id)
    assert before < after <= latest
    assert f"After extending {when(after)}" in opened.text  # what the form promised is what Klarna did
    (sent,) = _extensions(sandbox, order_id)
    assert sent["idempotency_key"] == opened.key
    (entry,) = audit_entries(app, order_id)
    assert (entry.operation, entry.outcome) == ("extend_authorization", "succeeded")
    assert f"until: {when(after)}" in entry.details
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    reference = order["klarna_reference"]
    assert f"The authorization of order {reference} now runs until {when(after)}." in page


def test_an_authorization_at_the_180_day_limit_cannot_be_extended(supervisor, sandbox):
    far = (datetime.now(UTC) + timedelta(days=180, minutes=5)).isoformat()
    order_id = sandbox.create_order(expires_at=far)["order_id"]
    assert_not_offered(supervisor, order_id, "extend_authorization",
                       "180 days after the purchase, the longest Klarna allows.")
    assert "Extending is not possible: the authorization already runs until" in supervisor.open(
        order_id, "extend_authorization").text


def test_an_authorization_beyond_what_an_extension_gives_cannot_be_extended(supervisor, sandbox):
    later = datetime.now(UTC) + timedelta(days=40)
    order_id = sandbox.create_order(expires_at=later.isoformat())["order_id"]
    assert_not_offered(supervisor, order_id, "extend_authorization",
                       f"the authorization already runs until {when(later)}; extending it today would not add any time.")


@pytest.mark.parametrize("end,why", AUTHORIZATION_OVER)
def test_extend_is_not_offered_when_the_authorization_is_over(supervisor, sandbox, order_id, end, why):
    end(sandbox, order_id)
    assert_not_offered(supervisor, order_id, "extend_authorization", f"Extending is not possible: {why}.")


def test_klarnas_refusal_when_the_order_is_cancelled_during_the_call(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "extend_authorization")
    refused = while_klarna_holds(sandbox, EXTEND_PATH, lambda: sandbox.cancel(order_id),
                                 lambda: supervisor.send(opened.form))
    assert_refused_by_klarna(app, refused, order_id, noun="extension", code="NOT_ALLOWED",
                             said="Order is cancelled. Authorization time cannot be extended.")
    assert "Extending is not possible: the order is cancelled." in refused.text


def test_the_same_form_sent_twice_extends_once(app, supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, "extend_authorization")
    assert supervisor.send(opened.form).status == 303
    assert supervisor.send(opened.form).status == 303
    assert len(_extensions(sandbox, order_id)) == 1
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["succeeded", "duplicate"]
