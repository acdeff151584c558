"""The audit page: every attempt, newest first, filtered by order, staff member, operation, outcome."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models.audit import Actor, AuditEntry, AuditOutcome, Subject
from tests.web.actions.conftest import page_text

ORDER_PATH = "/ordermanagement/v1/orders/*/captures"


def _audit(client, **filters) -> str:
    response = client.get("/audit", query_string=filters)
    assert response.status_code == 200
    return page_text(response.get_data(as_text=True))


def test_every_attempt_is_on_the_audit_page_and_the_filters_narrow_it(pages, sandbox, order_id):
    alice, bob = pages("agent"), pages("supervisor")
    alice.perform(order_id, amount="10", reference="REF-A")
    alice.send(alice.open(order_id).form, amount="abc")
    sandbox.add_fault(method="POST", path=ORDER_PATH, kind="status", status=403, error_code="CAPTURE_NOT_ALLOWED",
                      error_messages=["Not today."])
    bob.perform(order_id, amount="20")
    other = sandbox.create_order()["order_id"]
    bob.perform(other, amount="5")
    viewer = pages("viewer")

    everything = _audit(viewer.client)
    assert "1–4 of 4 entries" in everything
    assert "Capture SEK 10.00" in everything and "reference: REF-A" in everything
    assert "CAPTURE_NOT_ALLOWED" in everything and "Not today." in everything
    assert "invalid input" in everything and "Amount: Enter the amount as a number" in everything

    alice_name = alice.client.account.username
    assert "1–2 of 2 entries" in _audit(viewer.client, username=alice_name)
    only_order = _audit(viewer.client, order_id=other.upper())
    assert "1–1 of 1 entry" in only_order and "Capture SEK 5.00" in only_order
    refused = _audit(viewer.client, outcome="refused")
    assert "1–1 of 1 entry" in refused and "Not today." in refused
    assert "1–4 of 4 entries" in _audit(viewer.client, operation="capture")
    assert "No entries match these filters." in _audit(viewer.client, username=alice_name, outcome="refused")
    assert "1–4 of 4 entries" in _audit(viewer.client, outcome="no-such-outcome")  # an edited URL: no filter


def _record_captures(app, make_user, count: int) -> None:
    """``count`` audited captures by one agent, of orders ``order-00`` ... (newest last)."""
    account = make_user("agent", "busy")
    with app.app_context():
        for number in range(count):
            subject = Subject("default", f"order-{number:02d}", "capture", amount=100, currency="SEK")
            AuditEntry.record(Actor(account.id, "busy", "127.0.0.1"), subject, AuditOutcome.SUCCEEDED)
        db.session.commit()


def test_the_audit_page_pages_through_many_entries(app, make_user, pages):
    _record_captures(app, make_user, 55)
    viewer = pages("viewer")
    first = _audit(viewer.client)
    assert "1–50 of 55 entries" in first and "Page 1 of 2" in first and "order-54" in first
    second = _audit(viewer.client, page=2)
    assert "51–55 of 55 entries" in second and "order-00" in second and "order-54" not in second


@pytest.mark.parametrize("page", ["3", "999999999999", "99999999999999999999"])
def test_a_page_past_the_end_shows_the_last_page(app, make_user, pages, page):
    _record_captures(app, make_user, 55)
    last = _audit(pages("viewer").client, page=page)
    assert "51–55 of 55 entries" in last and "Page 2 of 2" in last and "order-00" in last


@pytest.mark.parametrize("page", ["2", "99999999999999999999", "-3", "two"])
def test_any_page_of_an_empty_log_says_there_are_no_entries(pages, page):
    assert "No entries." in _audit(pages("viewer").client, page=page)


def test_the_audit_page_answers_htmx_with_the_results_only(pages):
    viewer = pages("viewer")
    response = viewer.client.get("/audit", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and "No entries" in html


def test_the_header_links_to_the_audit_log_for_every_role(pages):
    for role in ("viewer", "agent"):
        home = pages(role).client.get("/").get_data(as_text=True)
        assert 'href="/audit"' in home
