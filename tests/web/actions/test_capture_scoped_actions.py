"""The machinery carries actions on one capture too (URL, key, audit, menu), and actions without a
confirmation step; shown with adding tracking to a capture."""

from __future__ import annotations


from app import upstream
from app.login import start_session
from app.models.user import User
from app.views.actions import action_menu
from tests.web.actions.conftest import audit_entries, ledger_row

TRACKING = "capture_shipping_info"
CAPTURE_ACTIONS = ["capture_shipping_info", "trigger_send_out", "extend_due_date"]


def test_a_capture_scoped_action_without_confirmation(app, agent, sandbox, order_id, capture_id):
    opened = agent.open(order_id, TRACKING, capture_id)
    assert opened.status == 200 and "Add shipping information to the capture" in opened.text
    assert opened.form.action == f"/orders/{order_id}/captures/{capture_id}/actions/{TRACKING}"
    done = agent.send(opened.form, shipping__0__shipping_company="Bring", shipping__0__tracking_number="TN-1")
    assert done.status == 303  # no confirmation step: sent at once
    assert done.response.headers["Location"] == f"/orders/{order_id}/captures/{capture_id}"  # back to the capture
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["shipping_info"] == [{"shipping_company": "Bring", "tracking_number": "TN-1"}]
    row = ledger_row(app, opened.key)
    assert (row.capture_id, row.state, row.operation) == (capture_id, "succeeded", TRACKING)
    (entry,) = audit_entries(app, order_id)
    assert (entry.capture_id, entry.outcome, entry.amount) == (capture_id, "succeeded", None)
    assert entry.details == "shipping: Bring, tracking TN-1"
    again = agent.send(opened.form, shipping__0__shipping_company="Bring", shipping__0__tracking_number="TN-1")
    assert again.status == 303
    assert len(sandbox.get_order(order_id)["captures"][0]["shipping_info"]) == 1


def test_a_capture_scoped_action_needs_a_known_capture_and_its_own_url(agent, order_id, capture_id):
    assert agent.open(order_id, TRACKING, "no-such-capture").status == 404
    assert agent.open(order_id, TRACKING).status == 404  # not an order-level action


def test_a_key_for_one_capture_does_not_work_for_another(agent, sandbox, order_id, capture_id):
    other = sandbox.capture(order_id, 5000)
    opened = agent.open(order_id, TRACKING, capture_id)
    moved = agent.client.post(
        f"/orders/{order_id}/captures/{other}/actions/{TRACKING}",
        data=dict(opened.form.data(shipping__0__tracking_number="TN-2")),
    )
    assert moved.status_code == 422 and "This form has expired" in moved.get_data(as_text=True)


def menus(app, username, order_id):
    with app.test_request_context():
        start_session(User.by_username(username))
        loaded = upstream.load_order(order_id)
        (capture,) = loaded.order.captures
        by_capture = [(entry.action.name, url) for entry, url in action_menu(loaded, capture)]
        by_id = [entry.action.name for entry, _url in action_menu(loaded, capture.capture_id)]
        order_level = [entry.action.name for entry, _url in action_menu(loaded)]
    return by_capture, by_id, order_level


def test_the_capture_menu_lists_capture_scoped_actions(app, pages, order_id, capture_id):
    supervisor = pages("supervisor")
    by_capture, by_id, order_level = menus(app, supervisor.client.account.username, order_id)
    base = f"/orders/{order_id}/captures/{capture_id}/actions/"
    assert by_capture == [(name, base + name) for name in CAPTURE_ACTIONS]
    assert by_id == CAPTURE_ACTIONS
    assert not set(CAPTURE_ACTIONS) & set(order_level)


def test_an_agent_is_not_offered_the_due_date_extension(app, agent, order_id, capture_id):
    by_capture, _by_id, _order_level = menus(app, agent.client.account.username, order_id)
    assert [name for name, _url in by_capture] == ["capture_shipping_info", "trigger_send_out"]


def test_a_viewer_may_not_use_it(pages, order_id, capture_id):
    assert pages("viewer").open(order_id, TRACKING, capture_id).status == 403
