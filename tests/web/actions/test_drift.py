"""Changed outside the dashboard: a sync that finds a change our audit log does not explain marks
the order, with what changed; our own actions are explained and mark nothing."""

from __future__ import annotations

from app.extensions import db
from app.models.order_index import IndexedOrder


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
