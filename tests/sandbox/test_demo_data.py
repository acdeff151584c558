"""The demo orders: stable ids, every status, many currencies, and text that tests the dashboard's escaping."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from werkzeug.test import Client
from werkzeug.wrappers import Response

from app.sandbox import demo_ids, demo_orders_many
from tests.fixtures.contract import ContractRecorder
from tests.sandbox.in_process import ACCOUNT, basic_auth

DEMO_IDS = {name: value for name, value in vars(demo_ids).items() if name.isupper() and not name.startswith("_")}
EXPECTED_STATUS = {
    "PART_CAPTURED": "PART_CAPTURED", "CAPTURED": "CAPTURED", "B2B_PART_CAPTURED": "PART_CAPTURED",
    "B2B_CAPTURED": "CAPTURED", "CANCELLED": "CANCELLED", "EXPIRED": "EXPIRED", "CLOSED": "CLOSED",
}


def _expected_status(name: str) -> str:
    for prefix, status in sorted(EXPECTED_STATUS.items(), key=lambda item: -len(item[0])):
        if name.startswith(prefix + "_"):
            return status
    return "AUTHORIZED"


@pytest.fixture(scope="module")
def recorded_demo_app(demo_app):
    return ContractRecorder(demo_app)


@pytest.fixture(scope="module")
def demo_orders(recorded_demo_app):
    client = Client(recorded_demo_app, Response)
    headers = basic_auth(*ACCOUNT)
    listed = client.get("/sandbox/orders", headers=headers).get_json()["orders"]
    return {item["order_id"]: client.get(f"/ordermanagement/v1/orders/{item['order_id']}", headers=headers).get_json()
            for item in listed}


def test_demo_orders_conform_to_the_openapi_document(demo_orders, recorded_demo_app):
    assert recorded_demo_app.checked == len(demo_orders) + 1
    assert recorded_demo_app.violations == []


def test_every_demo_id_is_a_distinct_seeded_order_in_the_named_status(demo_orders):
    assert len(DEMO_IDS) >= 25
    assert len(set(DEMO_IDS.values())) == len(DEMO_IDS)
    generated = {demo_orders_many.generated_id(number) for number in range(len(demo_orders) - len(DEMO_IDS))}
    assert set(DEMO_IDS.values()) | generated == set(demo_orders)
    for name, order_id in DEMO_IDS.items():
        assert demo_orders[order_id]["status"] == _expected_status(name), name


def test_every_status_and_the_main_currencies_are_present(demo_orders):
    assert {order["status"] for order in demo_orders.values()} == {
        "AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED"}
    currencies = {order["purchase_currency"] for order in demo_orders.values()}
    assert {"SEK", "EUR", "USD", "GBP", "NOK", "DKK"} < currencies
    assert len(currencies) >= 9


def test_amounts_add_up(demo_orders):
    for order in demo_orders.values():
        assert order["captured_amount"] == sum(capture["captured_amount"] for capture in order["captures"])
        assert order["refunded_amount"] == sum(refund["refunded_amount"] for refund in order["refunds"])
        assert order["refunded_amount"] <= order["captured_amount"] <= order["order_amount"]
        assert sum(line["total_amount"] for line in order["order_lines"]) == order["order_amount"]


def test_html_and_script_text_is_kept_verbatim(demo_orders):
    order = demo_orders[demo_ids.HTML_IN_TEXT_NOK]
    assert "<script>" in order["merchant_data"]
    assert any("<img" in line["name"] for line in order["order_lines"])


def test_order_lines_show_discounts_shipping_fees_and_tax(demo_orders):
    types = {line["type"] for order in demo_orders.values() for line in order["order_lines"]}
    assert {"physical", "discount", "shipping_fee", "sales_tax", "digital", "gift_card", "store_credit",
            "surcharge"} <= types
    lines = [line for order in demo_orders.values() for line in order["order_lines"]]
    assert any(line.get("total_discount_amount", 0) > 0 for line in lines)
    assert any(line.get("total_tax_amount", 0) > 0 for line in lines)


def test_customers_payment_methods_and_shipping_options_vary(demo_orders):
    orders = list(demo_orders.values())
    assert any(order["billing_address"].get("organization_name") for order in orders)
    assert any(not order["billing_address"].get("organization_name") for order in orders)
    methods = {order["initial_payment_method"]["type"] for order in orders}
    assert {"INVOICE", "INVOICE_BUSINESS", "CARD", "PAY_LATER_IN_PARTS"} <= methods
    assert any(order.get("customer", {}).get("national_identification_number") for order in orders)
    assert any(order.get("customer", {}).get("date_of_birth") for order in orders)
    options = [order["selected_shipping_option"] for order in orders if "selected_shipping_option" in order]
    assert any("location" in option for option in options) and any("timeslot" in option for option in options)
    assert all(option["carrier"] and option["selected_addons"] is not None for option in options)
    assert any(option["selected_addons"] for option in options)


def test_captures_carry_shipping_info_and_refunds_exist(demo_orders):
    captures = [capture for order in demo_orders.values() for capture in order["captures"]]
    assert captures and all(capture["shipping_info"] for capture in captures)
    assert any(order["refunds"] for order in demo_orders.values())
    two_parcels = demo_orders[demo_ids.CAPTURED_TWO_SHIPMENTS_NOK]["captures"]
    assert [capture["capture_id"] for capture in two_parcels] == [
        demo_ids.demo_capture_id(demo_ids.CAPTURED_TWO_SHIPMENTS_NOK, number) for number in (1, 2)]


def test_one_order_is_about_to_expire(demo_orders):
    expires = datetime.fromisoformat(demo_orders[demo_ids.EXPIRING_SOON_GBP]["expires_at"].replace("Z", "+00:00"))
    assert timedelta(0) < expires - datetime.now(timezone.utc) < timedelta(days=1)


def test_updated_authorization_keeps_the_original_amount(demo_orders):
    order = demo_orders[demo_ids.UPDATED_AUTHORIZATION_EUR]
    assert order["order_amount"] < order["original_order_amount"]


def test_pending_fraud_check_is_shown(demo_orders):
    assert demo_orders[demo_ids.FRAUD_PENDING_SEK]["fraud_status"] == "PENDING"


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def test_there_are_enough_orders_to_search_and_queue(demo_orders):
    """At least 200 orders, over every status, several currencies and countries, created over the
    last 90 days; a dozen whose authorization ends within days with everything left to capture."""
    orders = list(demo_orders.values())
    now = datetime.now(timezone.utc)
    assert len(orders) >= 200
    assert len({order["purchase_country"] for order in orders}) >= 8
    ages = [(now - _moment(order["created_at"])).days for order in orders]
    assert min(ages) == 0 and 85 <= max(ages) <= 90
    expiring = [order for order in orders if order["status"] == "AUTHORIZED"
                and _moment(order["expires_at"]) - now < timedelta(days=4)]
    assert len(expiring) >= 12
    names = {order["billing_address"]["family_name"] for order in orders}
    assert {"Öberg", "Müller", "Løvås", "García"} <= names  # accents to search without
