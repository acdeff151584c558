"""Request validation from the OpenAPI document: 400 for broken JSON or wrong types, 422 naming the
field for broken constraints, 413 above 1 MB. A rejected request changes nothing."""

from __future__ import annotations

import pytest

from tests.sandbox.expect import assert_error

SHIPPING_METHODS = ("(PickUpStore|Home|BoxReg|BoxUnreg|PickUpPoint|Own|Postal|DHLPackstation|Digital|Undefined|"
                    "PickUpWarehouse|ClickCollect|PalletDelivery)")
LINE = {"name": "Termos", "quantity": 1, "unit_price": 100, "total_amount": 100}


@pytest.fixture
def order_id(sandbox):
    return sandbox.create_order()["order_id"]


@pytest.mark.parametrize("raw, message", [
    (b'{"captured_amount": 100', "the request body is not valid JSON"),
    (b"", "the request body is empty"),
    (b'{"captured_amount": NaN}', "the request body is not valid JSON"),
])
def test_broken_json_is_a_bad_value(sandbox, order_id, raw, message):
    response = sandbox.om("POST", f"/{order_id}/captures", data=raw, headers={"Content-Type": "application/json"})
    body = assert_error(response, 400, "BAD_VALUE")
    assert message in body["error_messages"][0]


@pytest.mark.parametrize("payload, message", [
    ({"captured_amount": "100"}, "Bad value: captured_amount (expected integer)"),
    ({"captured_amount": 100.5}, "Bad value: captured_amount (expected integer)"),
    ({"captured_amount": 2**63}, "Bad value: captured_amount (outside the int64 range)"),
    ({"captured_amount": 100, "order_lines": [dict(LINE, quantity="1")]},
     "Bad value: order_lines[0].quantity (expected integer)"),
    ([{"captured_amount": 100}], "Bad value: request body (expected object)"),
])
def test_wrong_types_are_bad_values_naming_the_field(sandbox, order_id, payload, message):
    assert_error(sandbox.om("POST", f"/{order_id}/captures", json=payload), 400, "BAD_VALUE", message)
    assert sandbox.get_order(order_id)["captured_amount"] == 0


CAPTURE_CONSTRAINTS = [
    ({}, "The captured_amount value must not be null"),
    ({"captured_amount": 200000001}, "The captured_amount value must be between 0 and 200000000"),
    ({"captured_amount": 100, "description": "x" * 256},
     "The size of the description value must be between 0 and 255"),
    ({"captured_amount": 100, "reference": "x" * 256}, "The size of the reference value must be between 0 and 255"),
    ({"captured_amount": 100, "order_lines": [LINE] * 1001},
     "The size of the order_lines value must be between 0 and 1000"),
    ({"captured_amount": 100, "order_lines": [{"name": "Termos"}]},
     "The order_lines[0].quantity value must not be null"),
    ({"captured_amount": 100, "order_lines": [dict(LINE, type="hardware")]},
     "The order_lines[0].type value must be one of: physical, discount, shipping_fee, sales_tax, store_credit, "
     "gift_card, digital, surcharge, return_fee"),
    ({"captured_amount": 100, "order_lines": [dict(LINE, name="n" * 256)]},
     "The size of the order_lines[0].name value must be between 0 and 255"),
    ({"captured_amount": 100, "order_lines": [dict(LINE, total_discount_amount=-1)]},
     "The order_lines[0].total_discount_amount value must be between 0 and 200000000"),
    ({"captured_amount": 100, "shipping_info": [{}] * 501},
     "The size of the shipping_info value must be between 0 and 500"),
    ({"captured_amount": 100, "shipping_info": [{"shipping_method": "Homeward"}]},
     f'The shipping_info[0].shipping_method value must match "{SHIPPING_METHODS}"'),
    ({"captured_amount": 100, "shipping_info": [{"shipping_company": "c" * 101}]},
     "The size of the shipping_info[0].shipping_company value must be between 0 and 100"),
    ({"captured_amount": 100, "shipping_info": [{"tracking_number": "1" * 101}]},
     "The size of the shipping_info[0].tracking_number value must be between 0 and 100"),
    ({"captured_amount": 100, "shipping_info": [{"tracking_uri": "u" * 1025}]},
     "The size of the shipping_info[0].tracking_uri value must be between 0 and 1024"),
]


@pytest.mark.parametrize("payload, message", CAPTURE_CONSTRAINTS)
def test_capture_constraints_are_unprocessable_naming_the_field(sandbox, order_id, payload, message):
    assert_error(sandbox.om("POST", f"/{order_id}/captures", json=payload), 422, "UNPROCESSABLE_ENTITY", message)
    assert sandbox.get_order(order_id)["captures"] == []


@pytest.mark.parametrize("field, length, limit", [
    ("street_address", 101, 100), ("postal_code", 11, 10), ("city", 201, 200), ("email", 101, 100),
])
def test_address_limits(sandbox, order_id, field, length, limit):
    address = {"street_address": "Gatan 1", "postal_code": "111 11", "city": "Stockholm", "country": "SE"}
    address[field] = "a" * length
    response = sandbox.om("PATCH", f"/{order_id}/customer-details", json={"shipping_address": address})
    assert_error(response, 422, "UNPROCESSABLE_ENTITY",
                 f"The size of the shipping_address.{field} value must be between 0 and {limit}")


@pytest.mark.parametrize("method, path, payload, message", [
    ("POST", "/refunds", {"refunded_amount": 200000001}, "The refunded_amount value must be between 0 and 200000000"),
    ("POST", "/refunds", {"refunded_amount": 1, "description": "d" * 256},
     "The size of the description value must be between 0 and 255"),
    ("PATCH", "/authorization", {}, "The order_amount value must not be null"),
    ("PATCH", "/merchant-references", {"merchant_reference1": "r" * 256},
     "The size of the merchant_reference1 value must be between 0 and 255"),
    ("POST", "/shipping-info", {"shipping_info": []}, "The size of the shipping_info value must be between 1 and 500"),
    ("POST", "/shipping-info", {}, "The shipping_info value must not be null"),
])
def test_other_operations_name_the_broken_field(sandbox, order_id, method, path, payload, message):
    assert_error(sandbox.om(method, f"/{order_id}{path}", json=payload), 422, "UNPROCESSABLE_ENTITY", message)


def test_several_broken_fields_are_all_named(sandbox, order_id):
    response = sandbox.om("POST", f"/{order_id}/captures",
                          json={"captured_amount": -1, "description": "x" * 256})
    body = assert_error(response, 422, "UNPROCESSABLE_ENTITY")
    assert body["error_messages"] == ["The captured_amount value must be between 0 and 200000000",
                                      "The size of the description value must be between 0 and 255"]


def test_extend_due_date_days_must_be_an_integer(sandbox, order_id):
    capture_id = sandbox.capture(order_id)
    response = sandbox.om("PATCH", f"/{order_id}/captures/{capture_id}/extend-due-date", json={"number_of_days": "7"})
    assert_error(response, 400, "BAD_VALUE", "Bad value: number_of_days (expected integer)")


def test_body_over_one_megabyte_is_too_large(sandbox, order_id):
    padding = "x" * (1024 * 1024 + 1)
    response = sandbox.om("POST", f"/{order_id}/captures", json={"captured_amount": 100, "description": padding})
    assert_error(response, 413, "REQUEST_TOO_LARGE", "Request is too large")
    assert_error(sandbox.om("POST", f"/{order_id}/cancel", data=padding.encode()), 413, "REQUEST_TOO_LARGE")
    order = sandbox.get_order(order_id)
    assert (order["status"], order["captured_amount"]) == ("AUTHORIZED", 0)


def test_a_body_just_under_one_megabyte_is_read(sandbox, order_id):
    body = b'{"captured_amount": 100, "description": "' + b" " * (1024 * 1024 - 100) + b'"}'
    response = sandbox.om("POST", f"/{order_id}/captures", data=body, headers={"Content-Type": "application/json"})
    assert_error(response, 422, "UNPROCESSABLE_ENTITY", "The size of the description value must be between 0 and 255")
