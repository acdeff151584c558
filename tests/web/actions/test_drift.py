"""Changed outside the dashboard: a sync that finds a change our audit log does not explain marks
the order, with what changed; our own actions are explained and mark nothing."""

from __future__ import annotations

from app.extensions import db
from app.models.order_index import IndexedOrder
from tests.fixtures.dashboard import post_form
from tests.web.actions.conftest import page_text


def _row(app, order_id: str) -> IndexedOrder:
    with app.app_context():
        db.session.expire_all()
        row = IndexedOrder.find(order_id, "default")
        db.session.expunge(row)
        return row


def _sync(app) -> str:
    result = app.test_cli_runner().invoke(args=["orders", "sync", "--all"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_capture_made_straight_on_klarna_shows_up_as_drift_after_a_sync(app, agent, sandbox, order_id):
    agent.client.get(f"/orders/{order_id}")  # indexed as authorized
    sandbox.capture(order_id, 10000)
    assert "1 indexed" in _sync(app)
    row = _row(app, order_id)
    assert row.drift_open and row.captured_amount == 10000 and row.status == "PART_CAPTURED"
    assert {"field": "captured_amount", "before": 0, "after": 10000} in row.drift
    assert row.drift_seen_at is not None


def test_our_own_capture_is_explained_by_the_audit_log(app, agent, sandbox, order_id):
    agent.client.get(f"/orders/{order_id}")
    done = agent.perform(order_id, amount="100,00")
    assert done.status in (200, 303), done.text[:500]
    _sync(app)
    row = _row(app, order_id)
    assert row.captured_amount == 10000 and not row.drift_open and row.drift is None


def test_a_change_seen_on_the_order_page_counts_too(app, agent, sandbox, order_id):
    agent.client.get(f"/orders/{order_id}")
    sandbox.capture(order_id, 49700)
    sandbox.refund(order_id, 5000)
    agent.client.get(f"/orders/{order_id}")
    row = _row(app, order_id)
    assert row.drift_open
    assert {change["field"] for change in row.drift} >= {"captured_amount", "refunded_amount"}


def test_staff_mark_drift_reviewed_and_the_audit_log_says_so(app, agent, sandbox, order_id):
    agent.client.get(f"/orders/{order_id}")
    sandbox.capture(order_id, 10000)
    _sync(app)
    queue = agent.client.get("/orders?queue=drift").get_data(as_text=True)
    text = page_text(queue)
    assert "Changed outside the dashboard 1" in text and "captured 0,00 kr → 100,00 kr" in text
    row = _row(app, order_id)
    reviewed = post_form(agent.client, f"/orders/drift/{row.id}/reviewed")
    assert reviewed.status_code == 303
    app.extensions.pop("queue_counts", None)
    assert "Changed outside the dashboard 0" in page_text(agent.client.get("/orders?queue=drift").get_data(as_text=True))
    assert _row(app, order_id).drift_reviewed_by == agent.client.account.username
    audit = page_text(agent.client.get(f"/audit?order_id={order_id}").get_data(as_text=True))
    assert "Review drift" in audit and "captured 0,00 kr → 100,00 kr" in audit


def test_a_viewer_cannot_mark_drift_reviewed(app, pages, sandbox, order_id):
    viewer = pages("viewer")
    viewer.client.get(f"/orders/{order_id}")
    sandbox.capture(order_id, 10000)
    _sync(app)
    assert post_form(viewer.client, f"/orders/drift/{_row(app, order_id).id}/reviewed").status_code == 403
    assert _row(app, order_id).drift_open


def test_unknown_outcomes_are_listed_with_the_attempts_page_one_click_away(app, agent, sandbox, order_id):
    sandbox.add_fault(kind="drop_after", path=f"/ordermanagement/v1/orders/{order_id}/captures", method="POST", count=5)
    agent.perform(order_id, amount="100,00")
    page = agent.client.get("/orders/unknown-outcomes").get_data(as_text=True)
    assert order_id in page and "Capture" in page_text(page)
    link = page.split("Check and send again")[0].rsplit('href="', 1)[1].split('"')[0]
    assert link.startswith(f"/orders/{order_id}/actions/capture/keys/")
    assert agent.client.get(link).status_code == 200
