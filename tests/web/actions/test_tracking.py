"""Adding shipping information (tracking) to an order or to one capture, one or several shipments."""

from __future__ import annotations

import pytest

from tests.web.actions.conftest import audit_entries, changes_sent, page_text, sent_to

ORDER_ACTION = "order_shipping_info"
CAPTURE_ACTION = "capture_shipping_info"
POSTNORD = {
    "shipping__0__shipping_company": "PostNord SE",
    "shipping__0__shipping_method": "PickUpPoint",
    "shipping__0__tracking_number": "00370712345678901234",
    "shipping__0__tracking_uri": "https://tracking.example/postnord?id=00370712345678901234",
}
RETURN = {
    "shipping__1__shipping_company": "DHL Freight",
    "shipping__1__shipping_method": "Home",
    "shipping__1__tracking_number": "DHL-77",
    "shipping__1__return_shipping_company": "DHL Freight",
    "shipping__1__return_tracking_number": "RET-77",
    "shipping__1__return_tracking_uri": "http://returns.example/RET-77",
}


def test_two_shipments_are_added_to_the_order_and_shown_with_tracking_links(app, agent, sandbox, order_id):
    opened = agent.open(order_id, ORDER_ACTION)
    assert opened.status == 200 and "Add shipping information to the order" in opened.text
    assert opened.form.buttons()[0].name == ""  # Enter saves; it does not add a row
    two_rows = agent.send(opened.form, "add_shipping_row", **POSTNORD)
    assert two_rows.status == 200 and "Shipment 2" in two_rows.text
    assert two_rows.form.value("shipping-0-tracking_number") == POSTNORD["shipping__0__tracking_number"]
    assert changes_sent(sandbox, order_id) == []
    saved = agent.send(two_rows.form, **RETURN)
    assert saved.status == 303 and saved.response.headers["Location"] == f"/orders/{order_id}"
    assert sandbox.get_order(order_id)["shipping_info"] == [
        {"shipping_company": "PostNord SE", "shipping_method": "PickUpPoint", "tracking_number": "00370712345678901234",
         "tracking_uri": "https://tracking.example/postnord?id=00370712345678901234"},
        {"shipping_company": "DHL Freight", "shipping_method": "Home", "tracking_number": "DHL-77",
         "return_shipping_company": "DHL Freight", "return_tracking_number": "RET-77",
         "return_tracking_uri": "http://returns.example/RET-77"},
    ]
    (post,) = sent_to(sandbox, order_id, "POST", "/shipping-info")
    assert post["idempotency_key"] == opened.key and post["status"] == 204
    (entry,) = audit_entries(app, order_id)
    assert entry.outcome == "succeeded" and entry.details.startswith("shipping: PostNord SE, Pick-up point, tracking 0037")
    page = agent.client.get(saved.response.headers["Location"]).get_data(as_text=True)
    assert "Added 2 shipments to order" in page_text(page)
    assert '<a class="mono" href="https://tracking.example/postnord?id=00370712345678901234"' in page
    assert '<a class="mono" href="http://returns.example/RET-77"' in page


def test_a_shipment_is_added_to_one_capture_and_shown_on_its_page(app, pages, sandbox, order_id, capture_id):
    staff = pages("agent", htmx=True)
    opened = staff.open(order_id, CAPTURE_ACTION, capture_id)
    assert "Add shipping information to the capture" in opened.text
    saved = staff.send(opened.form, **POSTNORD)
    assert saved.status == 200 and saved.response.headers["HX-Trigger"] == "order-updated"
    assert "Added 1 shipment to capture" in saved.text
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["shipping_info"][0]["tracking_number"] == "00370712345678901234"
    assert sandbox.get_order(order_id)["shipping_info"] == []  # the capture's, not the order's
    (post,) = sent_to(sandbox, order_id, "POST", f"/captures/{capture_id}/shipping-info")
    assert post["idempotency_key"] == opened.key
    refreshed = staff.client.get(f"/orders/{order_id}/captures/{capture_id}/panels", headers=staff.headers)
    fragment = refreshed.get_data(as_text=True)
    assert 'id="capture-detail" class="capture-detail" hx-swap-oob="true"' in fragment
    assert 'href="https://tracking.example/postnord?id=00370712345678901234"' in fragment
    captures_panel = staff.client.get(f"/orders/{order_id}/panels/captures").get_data(as_text=True)
    assert 'href="https://tracking.example/postnord?id=00370712345678901234"' in captures_panel
    assert [entry.capture_id for entry in audit_entries(app, order_id)] == [capture_id]


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"shipping__0__tracking_uri": "javascript:alert(1)"}, "Enter a web address that starts with https:// or http://."),
        ({"shipping__0__return_tracking_uri": "ftp://files.example/x"},
         "Enter a web address that starts with https:// or http://."),
        ({"shipping__0__shipping_method": "Teleport"}, "Not a valid choice."),
        ({"shipping__0__shipping_company": "C" * 101}, "Use at most 100 characters."),
        ({"shipping__0__tracking_number": "9" * 101}, "Use at most 100 characters."),
        ({"shipping__0__tracking_uri": "https://x.example/" + "a" * 1010}, "Use at most 1024 characters."),
        ({}, "Fill in at least one shipment: a carrier, a tracking number or a link."),
    ],
)
def test_invalid_shipments_are_refused_before_klarna(app, agent, sandbox, order_id, capture_id, changes, message):
    opened = agent.open(order_id, CAPTURE_ACTION, capture_id)
    values = {**POSTNORD, **changes} if changes else {}
    refused = agent.send(opened.form, **values)
    assert refused.status == 422
    assert message in refused.text
    assert refused.key == opened.key
    assert changes_sent(sandbox, order_id) == []
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["invalid"]


def test_the_capture_page_offers_its_actions_and_the_captures_panel_a_menu_per_capture(pages, order_id, capture_id):
    agent = pages("agent")
    page = agent.client.get(f"/orders/{order_id}/captures/{capture_id}").get_data(as_text=True)
    base = f"/orders/{order_id}/captures/{capture_id}/actions/"
    assert 'id="capture-actions"' in page and 'id="action-area"' in page
    assert f'href="{base}{CAPTURE_ACTION}"' in page and f'href="{base}trigger_send_out"' in page
    assert 'hx-trigger="order-updated from:body"' in page
    panel = agent.client.get(f"/orders/{order_id}/panels/captures").get_data(as_text=True)
    assert '<details class="row-menu">' in panel and f'href="{base}{CAPTURE_ACTION}"' in panel
    viewer = pages("viewer")
    assert "/actions/" not in viewer.client.get(f"/orders/{order_id}/captures/{capture_id}").get_data(as_text=True)
    assert "row-menu" not in viewer.client.get(f"/orders/{order_id}/panels/captures").get_data(as_text=True)
