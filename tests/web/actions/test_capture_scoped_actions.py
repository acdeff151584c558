"""The machinery carries actions on one capture too (URL, key, audit), and actions without a
confirmation step (edits). Shown with a small action defined here: tracking on a capture."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from flask_login import login_user
from jinja2 import ChoiceLoader, DictLoader
from wtforms import StringField

from app import upstream
from app.actions import registry
from app.actions.base import CAPTURE_SCOPE, Action, ActionRequest, Target
from app.forms.actions import ActionForm
from app.forms.shipping import add_row, shipping_info_of, shipping_rows
from app.klarna.types import ShippingInfo
from app.models.user import User
from app.permissions import Permission
from app.views.actions import action_menu
from tests.web.actions.conftest import audit_entries, ledger_row

FIELDS = """{% from "macros/forms.html" import field %}
{% for entry in form.shipping %}{% for sub in entry.form %}{{ field(sub) }}{% endfor %}{% endfor %}
<button type="submit" name="add_shipping_row" value="1">Add another shipment</button>
<button type="submit">Save tracking</button>"""


@dataclass(frozen=True)
class TrackingRequest(ActionRequest):
    shipping_info: tuple[ShippingInfo, ...] = ()


class TrackingForm(ActionForm):
    shipping = shipping_rows()
    add_shipping_row = StringField()

    def needs_another_look(self) -> bool:
        return self.add_shipping_row.data == "1" and add_row(self.shipping)

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        infos = shipping_info_of(self.shipping)
        if not infos:
            self.form_errors.append("Enter a carrier or a tracking number.")
            return False
        self.set_request(TrackingRequest(shipping_info=infos))
        return valid


class AddTracking(Action):
    name = "add_tracking_example"
    label = "Add tracking"
    title = "Add tracking to a capture"
    permission = Permission.ADD_SHIPPING_INFO
    form_class = TrackingForm
    fields_template = "example/_tracking.html"
    scope = CAPTURE_SCOPE
    confirms = False

    def unavailable_reason(self, target: Target) -> str | None:
        return None if target.order.status != "CANCELLED" else "Tracking cannot be added: the order is cancelled."

    def perform(self, client, target, request, key):
        client.add_capture_shipping_info(target.order_id, target.capture_id, request.shipping_info, idempotency_key=key)
        return None

    def success_message(self, target, request, result_id):
        return f"Tracking added to capture {target.capture.klarna_reference}."


@pytest.fixture
def tracking_action(app, monkeypatch):
    """The example action, offered for this test only, with its fields' template."""
    monkeypatch.setitem(registry._ACTIONS, AddTracking.name, AddTracking())
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, DictLoader({"example/_tracking.html": FIELDS})])
    return AddTracking.name


@pytest.fixture
def capture_id(sandbox, order_id):
    capture_id = sandbox.capture(order_id, 10000)
    sandbox.clear_requests_log()
    return capture_id


def test_a_capture_scoped_action_without_confirmation(app, agent, sandbox, order_id, capture_id, tracking_action):
    opened = agent.open(order_id, tracking_action, capture_id)
    assert opened.status == 200 and "Add tracking to a capture" in opened.text
    assert opened.form.action == f"/orders/{order_id}/captures/{capture_id}/actions/{tracking_action}"
    done = agent.send(opened.form, shipping__0__shipping_company="Bring", shipping__0__tracking_number="TN-1")
    assert done.status == 303  # no confirmation step: sent at once
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["shipping_info"] == [{"shipping_company": "Bring", "tracking_number": "TN-1"}]
    row = ledger_row(app, opened.key)
    assert (row.capture_id, row.state, row.operation) == (capture_id, "succeeded", tracking_action)
    (entry,) = audit_entries(app, order_id)
    assert (entry.capture_id, entry.outcome, entry.amount) == (capture_id, "succeeded", None)
    assert entry.details is None
    again = agent.send(opened.form, shipping__0__shipping_company="Bring", shipping__0__tracking_number="TN-1")
    assert again.status == 303
    assert len(sandbox.get_order(order_id)["captures"][0]["shipping_info"]) == 1


def test_a_capture_scoped_action_needs_a_known_capture_and_its_own_url(agent, order_id, capture_id, tracking_action):
    assert agent.open(order_id, tracking_action, "no-such-capture").status == 404
    assert agent.open(order_id, tracking_action).status == 404  # not an order-level action


def test_a_key_for_one_capture_does_not_work_for_another(agent, sandbox, order_id, capture_id, tracking_action):
    other = sandbox.capture(order_id, 5000)
    opened = agent.open(order_id, tracking_action, capture_id)
    moved = agent.client.post(
        f"/orders/{order_id}/captures/{other}/actions/{tracking_action}",
        data=dict(opened.form.data(shipping__0__tracking_number="TN-2")),
    )
    assert moved.status_code == 422 and "This form has expired" in moved.get_data(as_text=True)


def test_the_capture_menu_lists_capture_scoped_actions(app, agent, sandbox, order_id, capture_id, tracking_action):
    with app.test_request_context():
        login_user(User.by_username(agent.client.account.username))
        loaded = upstream.load_order(order_id)
        (capture,) = loaded.order.captures
        entries = action_menu(loaded, capture)
        order_entries = action_menu(loaded)
    assert [(entry.action.name, url) for entry, url in entries] == [
        (tracking_action, f"/orders/{order_id}/captures/{capture_id}/actions/{tracking_action}")]
    assert tracking_action not in [entry.action.name for entry, _url in order_entries]


def test_a_viewer_may_not_use_it(pages, order_id, capture_id, tracking_action):
    assert pages("viewer").open(order_id, tracking_action, capture_id).status == 403
