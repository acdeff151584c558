"""Capturing through the form, in each of its three ways; the sandbox's order shows the result."""

from __future__ import annotations

from tests.web.actions.conftest import audit_entries, capture_posts, page_text


def test_capture_by_amount_asks_for_confirmation_then_captures(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="125,50", description="First parcel", reference="WH-77")
    assert reviewed.status == 200
    assert "Capture SEK 125,50 of SEK 497,00 remaining on order" in reviewed.text
    assert capture_posts(sandbox, order_id) == []
    done = agent.confirm(reviewed)
    assert done.status == 303
    order = sandbox.get_order(order_id)
    (capture,) = order["captures"]
    assert capture["captured_amount"] == 12550
    assert (capture["description"], capture["reference"]) == ("First parcel", "WH-77")
    assert order["status"] == "PART_CAPTURED"
    page = agent.client.get(done.response.headers["Location"])
    assert "Captured SEK 125,50 on order" in page_text(page.get_data(as_text=True))
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.amount, entry.currency, entry.result_id) == ("succeeded", 12550, "SEK", capture["capture_id"])
