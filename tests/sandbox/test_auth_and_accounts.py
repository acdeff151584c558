"""Basic auth on every endpoint, and accounts that each see only their own orders."""

from __future__ import annotations

import pytest
import requests

from tests.sandbox.expect import assert_error


@pytest.mark.parametrize("auth", [None, ("test-merchant", "wrong"), ("nobody", "test-merchant-secret")])
def test_missing_or_wrong_credentials_are_unauthorized(sandbox, auth):
    order_id = sandbox.create_order()["order_id"]
    for path in (f"/ordermanagement/v1/orders/{order_id}", "/sandbox/orders", "/sandbox/faults"):
        response = requests.get(sandbox.url + path, auth=auth, timeout=10)
        assert_error(response, 401, "UNAUTHORIZED")
        assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_unauthorized_changes_have_no_effect(sandbox):
    order_id = sandbox.create_order()["order_id"]
    response = requests.post(f"{sandbox.url}/ordermanagement/v1/orders/{order_id}/cancel",
                             auth=("test-merchant", "wrong"), timeout=10)
    assert_error(response, 401, "UNAUTHORIZED")
    assert sandbox.get_order(order_id)["status"] == "AUTHORIZED"


def test_an_order_is_invisible_to_another_account(sandbox):
    order_id = sandbox.create_order()["order_id"]
    other = sandbox.second_account
    assert_error(sandbox.om("GET", f"/{order_id}", account=other), 404, "NO_SUCH_ORDER")
    assert_error(sandbox.om("POST", f"/{order_id}/captures", account=other, json={"captured_amount": 100}),
                 404, "NO_SUCH_ORDER")
    assert sandbox.get_order(order_id)["captured_amount"] == 0


def test_the_second_account_keeps_its_own_orders(sandbox):
    us_order = sandbox.create_order(account=sandbox.second_account, purchase_currency="USD", purchase_country="US",
                                    locale="en-US")
    assert sandbox.get_order(us_order["order_id"], account=sandbox.second_account)["purchase_currency"] == "USD"
    assert_error(sandbox.om("GET", f"/{us_order['order_id']}"), 404, "NO_SUCH_ORDER")
    listed = sandbox.request("GET", "/sandbox/orders", account=sandbox.second_account).json()["orders"]
    assert us_order["order_id"] in {order["order_id"] for order in listed}
    mine = sandbox.request("GET", "/sandbox/orders").json()["orders"]
    assert us_order["order_id"] not in {order["order_id"] for order in mine}
