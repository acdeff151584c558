"""Two Klarna stores (the sandbox's two accounts): lookup finds an order in either, or where told."""

from __future__ import annotations

import uuid

import pytest

from app import upstream
from app.klarna.types import Order
from app.index.refresh import refresh
from tests.web.orders.conftest import HTMX, page_text


@pytest.fixture
def klarna_config(request, sandbox_server):
    wrong = getattr(request, "param", "") == "wrong-us-password"
    return {
        **sandbox_server.two_store_settings(us_password="wrong" if wrong else None),
        "KLARNA_EU_LABEL": "Europe",
        "KLARNA_US_LABEL": "United States",
    }


@pytest.fixture
def us_order(sandbox):
    order = sandbox.create_order(account=sandbox.second_account, merchant_reference1="US-STORE-1")
    sandbox.clear_requests_log()
    return order["order_id"]


def _asked(sandbox, order_id):
    return [(entry["username"], entry["status"]) for entry in sandbox.requests_log(order_id)]


def test_an_order_of_the_second_store_is_found_without_naming_the_store(viewer, sandbox, us_order):
    response = viewer.get(f"/orders/{us_order}")
    assert response.status_code == 200
    text = page_text(response.get_data(as_text=True))
    assert "Order in the United States store" in text and "Store United States" in text
    assert _asked(sandbox, us_order) == [("test-merchant", 404), ("us-store", 200)]


def test_the_store_an_order_was_opened_in_is_asked_first_next_time(viewer, sandbox, us_order):
    viewer.get(f"/orders/{us_order}")
    sandbox.clear_requests_log()
    with viewer:
        assert viewer.get(f"/orders/{us_order}").status_code == 200
        assert [call.outcome for call in upstream.calls()] == ["ok"]
    assert _asked(sandbox, us_order) == [("us-store", 200)]


def test_the_picked_store_is_the_only_one_asked(viewer, sandbox, us_order):
    response = viewer.get(f"/orders/{us_order}?store=eu")
    assert response.status_code == 404
    text = page_text(response.get_data(as_text=True))
    assert "Klarna has no order with this ID in the store Europe." in text
    assert _asked(sandbox, us_order) == [("test-merchant", 404)]
    assert viewer.get(f"/orders/{us_order}?store=us").status_code == 200


def test_an_order_in_no_store_lists_each_store_correlation_id(viewer):
    text = page_text(viewer.get(f"/orders/{uuid.uuid4()}").get_data(as_text=True))
    assert "in any of our Klarna stores" in text
    assert "Klarna correlation id (Europe)" in text and "Klarna correlation id (United States)" in text


def test_links_on_the_page_keep_the_store(viewer, sandbox, us_order):
    captured = sandbox.om("POST", f"/{us_order}/captures", account=sandbox.second_account,
                          idempotency_key=str(uuid.uuid4()), json={"captured_amount": 10000})
    assert captured.status_code == 201
    html = viewer.get(f"/orders/{us_order}?store=us").get_data(as_text=True)
    assert f'hx-get="/orders/{us_order}/panels?store=us"' in html
    assert f"/orders/{us_order}/captures/" in html and "?store=us\">" in html
    assert viewer.get(f"/orders/{us_order}/panels?store=us", headers=HTMX).status_code == 200


def test_the_lookup_box_offers_the_stores_and_sends_the_choice(viewer, us_order):
    html = viewer.get("/").get_data(as_text=True)
    assert '<select class="lookup__store input--small" id="header-store" name="store">' in html
    assert '<option value="us">United States</option>' in html and '<option value="">All stores</option>' in html
    response = viewer.get("/orders/lookup", query_string={"order_id": f" {us_order} ", "store": "us"})
    assert response.headers["Location"] == f"/orders/{us_order}?store=us"
    anywhere = viewer.get("/orders/lookup", query_string={"order_id": us_order, "store": ""})
    assert anywhere.headers["Location"] == f"/orders/{us_order}"


def test_an_unknown_store_is_refused(viewer, sandbox, us_order):
    assert viewer.get("/orders/lookup", query_string={"order_id": us_order, "store": "mars"}).status_code == 422
    response = viewer.get(f"/orders/{us_order}?store=mars")
    assert response.status_code == 404
    assert "no Klarna store called 'mars'" in page_text(response.get_data(as_text=True))
    assert sandbox.requests_log(us_order) == []


def test_recent_orders_name_the_store_and_link_to_it(viewer, us_order):
    viewer.get(f"/orders/{us_order}")
    html = viewer.get("/").get_data(as_text=True)
    assert f'href="/orders/{us_order}?store=us"' in html
    assert "United States" in page_text(html[html.index("Recently opened orders"):])


@pytest.mark.parametrize("klarna_config", ["wrong-us-password"], indirect=True)
def test_wrong_credentials_of_one_store_name_that_store(viewer, sandbox, us_order):
    response = viewer.get(f"/orders/{us_order}")
    assert response.status_code == 503
    text = page_text(response.get_data(as_text=True))
    assert "for the store United States (KLARNA_US_USERNAME and KLARNA_US_PASSWORD)" in text
    assert _asked(sandbox, us_order) == [("test-merchant", 404), ("us-store", 401)]


def test_a_recent_order_of_a_store_no_longer_configured_links_without_a_store(app, viewer, sandbox):
    with app.app_context():
        order = Order(order_id=str(uuid.uuid4()), status="AUTHORIZED", purchase_currency="SEK", locale="sv-SE",
                      order_amount=100)
        refresh("default", order, opened_by="someone")
    html = viewer.get("/").get_data(as_text=True)
    assert f'href="/orders/{order.order_id}"' in html
