"""The client's table of operations is Klarna's: same methods, paths and idempotency headers."""

import inspect

import pytest

from app.klarna import KlarnaClient
from app.klarna.operations import OPERATIONS, ORDERS_PATH
from tests.klarna.spec import spec


def _spec_operations():
    for path, item in spec()["paths"].items():
        for method, operation in item.items():
            headers = {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}
            yield method.upper(), path, "Klarna-Idempotency-Key" in headers


def test_the_table_has_exactly_the_specs_18_operations():
    ours = {(op.method, ORDERS_PATH + op.path, op.mutating) for op in OPERATIONS.values()}
    assert len(OPERATIONS) == 18
    assert ours == set(_spec_operations())


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_operation_is_a_client_method(name):
    method = getattr(KlarnaClient, name)
    parameters = inspect.signature(method).parameters
    assert "order_id" in parameters
    assert ("idempotency_key" in parameters) == OPERATIONS[name].mutating


@pytest.mark.parametrize(
    ("value", "segment"),
    [
        ("f3392f8b-6116-4073-ab96-e330819e2c07", "f3392f8b-6116-4073-ab96-e330819e2c07"),
        ("../captures", "..%2Fcaptures"),
        ("..", "%2E%2E"),
        ("a b?c#d", "a%20b%3Fc%23d"),
    ],
)
def test_ids_stay_inside_their_path_segment(value, segment):
    assert OPERATIONS["get_order"].path_for(order_id=value) == f"/ordermanagement/v1/orders/{segment}"


@pytest.mark.parametrize("value", ["", "   ", None])
def test_an_empty_id_is_refused_before_anything_is_sent(value):
    with pytest.raises(ValueError, match="non-empty"):
        OPERATIONS["cancel"].path_for(order_id=value)


def test_only_reads_retry_a_500():
    assert 500 in OPERATIONS["get_order"].retry_statuses
    assert 500 not in OPERATIONS["create_capture"].retry_statuses
    assert {429, 502, 503, 504} <= OPERATIONS["create_capture"].retry_statuses
