"""Klarna's JSON becomes typed objects with nothing lost, and our payloads match the spec."""

import copy
import types
import typing
from datetime import date, datetime, timedelta, timezone

import pytest

from app.klarna import types as t
from app.klarna.codec import DecodeError, KlarnaObject, json_fields
from tests.klarna import samples
from tests.klarna.spec import schemas, validator

TYPE_OF_SCHEMA = {
    "MerchantOrderDto": t.Order,
    "order_line": t.OrderLine,
    "Capture": t.Capture,
    "Refund": t.Refund,
    "address": t.Address,
    "customer": t.Customer,
    "shipping_info": t.ShippingInfo,
    "InitialPaymentMethodDto": t.InitialPaymentMethod,
    "SelectedShippingOptionDto": t.SelectedShippingOption,
    "CarrierProduct": t.CarrierProduct,
    "Location": t.Location,
    "Address": t.LocationAddress,
    "Timeslot": t.Timeslot,
    "Addon": t.Addon,
    "ProductIdentifiers": t.ProductIdentifiers,
    "subscription": t.Subscription,
    "ExtendDueDateOptions": t.DueDateOptions,
    "OptionDto": t.DueDateOption,
}
SCHEMA_OF_TYPE = {kind: name for name, kind in TYPE_OF_SCHEMA.items()}


def _python_type(prop: dict) -> object:
    if "$ref" in prop:
        return TYPE_OF_SCHEMA[prop["$ref"].rsplit("/", 1)[1]]
    if prop["type"] == "array":
        return list[_python_type(prop["items"])]
    if prop.get("format") == "date-time":
        return datetime
    if prop.get("format") == "date":
        return date
    return {"integer": int, "string": str, "boolean": bool}[prop["type"]]


def _declared_type(hint: object) -> object:
    if typing.get_origin(hint) not in (typing.Union, types.UnionType):
        return hint
    (declared,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    return declared


@pytest.mark.parametrize("schema_name", sorted(TYPE_OF_SCHEMA))
def test_every_property_of_the_spec_has_a_typed_field(schema_name):
    properties = schemas()[schema_name]["properties"]
    fields = json_fields(TYPE_OF_SCHEMA[schema_name])
    assert set(fields) == set(properties)
    for key, prop in properties.items():
        assert _declared_type(fields[key][1]) == _python_type(prop), key


def test_the_sample_order_is_valid_by_the_spec():
    errors = list(validator("MerchantOrderDto").iter_errors(samples.ORDER))
    assert errors == []


def test_an_order_reads_with_every_field_typed():
    order = t.Order.from_json(samples.ORDER)
    assert order.order_amount == 50000 and order.remaining_authorized_amount == 27500
    assert order.created_at == datetime(2015, 11, 29, 10, 25, 40, tzinfo=timezone.utc)
    assert order.customer.date_of_birth == date(1981, 9, 6)
    assert order.order_lines[0].product_identifiers.brand == "Intel"
    assert order.order_lines[0].subscription.interval_count == 1
    assert order.captures[0].shipping_info[0].tracking_number == "63456415674545679874"
    assert order.captures[0].billing_address.street_address2 == "1 Safeway"
    assert order.refunds[0].refunded_at.utcoffset() == timedelta(hours=1)
    assert order.refunds[0].credit_invoice is True
    option = order.selected_shipping_option
    assert option.class_ == "express"
    assert option.carrier_product.name == "PostNord Express"
    assert option.location.address.street_address_2 == "Entrance B"
    assert option.timeslot.start == "09:00"
    assert option.selected_addons[0].price == 500
    assert order.initial_payment_method.number_of_installments == 3


def test_every_datetime_is_timezone_aware_even_without_a_zone():
    data = dict(samples.ORDER, expires_at="2015-12-04T10:26:06")
    order = t.Order.from_json(data)
    assert order.expires_at.tzinfo is not None
    assert all(c.captured_at.tzinfo is not None for c in order.captures)


def test_an_orders_capture_and_refund_are_found_by_id():
    order = t.Order.from_json(samples.ORDER)
    capture, refund = order.captures[0], order.refunds[0]
    assert order.find_capture(capture.capture_id) is capture
    assert order.find_refund(refund.refund_id) is refund
    assert order.find_capture(refund.refund_id) is None and order.find_refund("no-such-refund") is None


def test_unknown_fields_are_kept_at_every_level():
    data = copy.deepcopy(samples.ORDER)
    data["new_top_level"] = {"a": 1}
    data["order_lines"][0]["new_line_field"] = "x"
    data["selected_shipping_option"]["location"]["opening_hours"] = "9-17"
    order = t.Order.from_json(data)
    assert order.extra == {"new_top_level": {"a": 1}}
    assert order.order_lines[0].extra == {"new_line_field": "x"}
    assert order.selected_shipping_option.location.extra == {"opening_hours": "9-17"}
    assert order.captures[0].extra == {}


def test_absent_lists_are_empty_and_absent_objects_none():
    order = t.Order.from_json({"order_id": "x", "captures": None})
    assert order.captures == [] and order.refunds == [] and order.order_lines == []
    assert order.customer is None and order.order_amount is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"order_amount": "50000"}, "Order.order_amount: expected an integer, got str"),
        ({"order_amount": 500.0}, "Order.order_amount: expected an integer, got float"),
        ({"captured_amount": True}, "Order.captured_amount: expected an integer, got bool"),
        ({"created_at": "yesterday"}, "Order.created_at: 'yesterday' is not an ISO 8601 date-time"),
        ({"captures": {"capture_id": "x"}}, "Order.captures: expected a list, got dict"),
        ({"order_lines": [{"name": "no amounts"}]}, "OrderLine: "),
        ({"customer": "someone"}, "Customer expects a JSON object, got str"),
    ],
)
def test_malformed_answers_are_refused_not_guessed(change, message):
    with pytest.raises(DecodeError) as caught:
        t.Order.from_json(dict(samples.ORDER, **change))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "sample", "schema_name"),
    [
        (t.OrderLine, samples.ORDER_LINE, "order_line"),
        (t.ShippingInfo, samples.SHIPPING_INFO, "shipping_info"),
        (t.Address, samples.ADDRESS, "address"),
    ],
)
def test_payload_types_write_back_what_they_read(kind, sample, schema_name):
    payload = kind.from_json(sample).to_json()
    assert payload == sample
    assert list(validator(schema_name).iter_errors(payload)) == []


def test_to_json_omits_none_and_extra():
    line = t.OrderLine(name="Gift card", quantity=1, unit_price=5000, total_amount=5000, extra={"x": 1})
    assert line.to_json() == {"name": "Gift card", "quantity": 1, "unit_price": 5000, "total_amount": 5000}
    assert t.Address(street_address="Storgatan 1", country="SE").to_json() == {
        "street_address": "Storgatan 1",
        "country": "SE",
    }


def test_due_date_options_read_fee_amounts():
    options = t.DueDateOptions.from_json(samples.DUE_DATE_OPTIONS)
    assert options.currency == "usd"
    assert options.options == [t.DueDateOption(number_of_days=14, amount=195)]


def test_every_klarna_type_is_covered_by_the_spec_check():
    declared = {getattr(t, name) for name in t.__all__}
    klarna_types = {kind for kind in declared if isinstance(kind, type) and issubclass(kind, KlarnaObject)}
    assert klarna_types == set(SCHEMA_OF_TYPE)
