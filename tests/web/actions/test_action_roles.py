"""Who may act: a viewer sees no action and is refused; an agent captures; unknown actions 404."""

from __future__ import annotations

import uuid

import pytest

from tests.fixtures.dashboard import csrf_token
from tests.web.actions.conftest import capture_posts, page_text


def test_a_viewer_sees_no_action_buttons(pages, order_id):
    viewer = pages("viewer")
    page = page_text(viewer.client.get(f"/orders/{order_id}").get_data(as_text=True))
    assert "Your role lets you look at orders but not change them." in page
    assert "Capture" not in page.split("Actions", 1)[1].split("Customer", 1)[0]


def test_a_viewer_gets_403_for_the_form_and_when_posting_and_nothing_is_read_or_sent(pages, sandbox, order_id):
    viewer = pages("viewer")
    sandbox.clear_requests_log()
    url = f"/orders/{order_id}/actions/capture"
    assert viewer.client.get(url).status_code == 403
    token = csrf_token(viewer.client, "/")
    response = viewer.client.post(url, data={"csrf_token": token, "amount": "10", "confirmed": "1"})
    assert response.status_code == 403
    assert sandbox.requests_log(order_id) == []


@pytest.mark.parametrize("role", ["agent", "supervisor", "admin"])
def test_staff_who_may_capture_can(pages, sandbox, order_id, role):
    done = pages(role).perform(order_id, amount="1")
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1


def test_an_unknown_action_or_a_capture_scoped_url_for_an_order_action_is_404(agent, sandbox, order_id):
    assert agent.client.get(f"/orders/{order_id}/actions/teleport").status_code == 404
    capture_id = sandbox.capture(order_id, 100)
    assert agent.client.get(f"/orders/{order_id}/captures/{capture_id}/actions/capture").status_code == 404
    assert len(capture_posts(sandbox, order_id)) == 1  # only the set-up capture


def test_an_unknown_order_is_404_with_klarnas_answer(agent):
    response = agent.client.get("/orders/0b1d9815-165e-42e2-8867-35bc03789e00/actions/capture")
    assert response.status_code == 404
    assert "No such order" in response.get_data(as_text=True)


EDITS = [
    ("merchant_references", False, {"merchant_reference1": "X"}),
    ("shipping_address", False, {"street_address": "Elsewhere 1", "city": "Lund", "country": "SE"}),
    ("order_shipping_info", False, {"shipping-0-tracking_number": "T1"}),
    ("acknowledge", False, {}),
    ("capture_shipping_info", True, {"shipping-0-tracking_number": "T1"}),
    ("trigger_send_out", True, {"confirmed": "1"}),
    ("extend_due_date", True, {"number_of_days": "7", "confirmed": "1"}),
]


@pytest.mark.parametrize("action,on_capture,values", EDITS, ids=[edit[0] for edit in EDITS])
def test_a_viewer_gets_403_for_every_edit_and_nothing_is_sent(pages, sandbox, order_id, action, on_capture, values):
    viewer = pages("viewer")
    scope = f"/captures/{sandbox.capture(order_id, 100)}" if on_capture else ""
    sandbox.clear_requests_log()
    url = f"/orders/{order_id}{scope}/actions/{action}"
    assert viewer.client.get(url).status_code == 403
    token = csrf_token(viewer.client, "/")
    response = viewer.client.post(url, data={"csrf_token": token, "idempotency_key": str(uuid.uuid4()), **values})
    assert response.status_code == 403
    assert sandbox.requests_log(order_id) == []


def test_a_viewer_sees_no_edit_controls_on_the_order_or_the_capture(pages, sandbox, order_id):
    viewer = pages("viewer")
    capture_id = sandbox.capture(order_id, 100)
    order_page = viewer.client.get(f"/orders/{order_id}").get_data(as_text=True)
    capture_page = viewer.client.get(f"/orders/{order_id}/captures/{capture_id}").get_data(as_text=True)
    for page in (order_page, capture_page):
        assert "/actions/" not in page and "inline-edit__button" not in page and "row-menu" not in page
    assert "Your role lets you look at captures but not change them." in page_text(capture_page)


@pytest.mark.parametrize("role,status", [("agent", 403), ("supervisor", 200), ("admin", 200)])
def test_only_supervisors_and_admins_extend_due_dates(pages, sandbox, order_id, role, status):
    capture_id = sandbox.capture(order_id, 100)
    response = pages(role).client.get(f"/orders/{order_id}/captures/{capture_id}/actions/extend_due_date")
    assert response.status_code == status
