"""The response contract check itself: it must notice a broken response, or it proves nothing."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.fixtures.contract import ResponseContract, response_contract_spec

ORDER_PATH = "/ordermanagement/v1/orders/abc"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def contract():
    return ResponseContract()


def _error(**changes) -> bytes:
    body = {"error_code": "NOT_ALLOWED", "error_messages": ["No"], "correlation_id": str(uuid.uuid4())}
    body.update(changes)
    return json.dumps({name: value for name, value in body.items() if value is not None}).encode()


def test_declared_but_never_sent_bodies_are_removed_explicitly():
    document = response_contract_spec()
    paths = document["paths"]
    assert "content" not in paths["/ordermanagement/v1/orders/{order_id}/authorization"]["patch"]["responses"]["204"]
    assert "content" not in paths["/ordermanagement/v1/orders/{order_id}/refunds"]["post"]["responses"]["201"]
    assert "headers" in paths["/ordermanagement/v1/orders/{order_id}/refunds"]["post"]["responses"]["201"]


def test_a_conforming_order_passes(contract):
    order = {"order_id": "abc", "status": "AUTHORIZED", "order_amount": 100, "created_at": "2024-01-01T10:00:00.000Z"}
    assert contract.check("GET", ORDER_PATH, 200, JSON, json.dumps(order).encode()) == []


@pytest.mark.parametrize("field, value", [("status", "SHIPPED"), ("order_amount", "100"), ("created_at", "yesterday"),
                                          ("captures", [{"captured_amount": 0}])])
def test_a_wrong_order_field_is_a_violation(contract, field, value):
    problems = contract.check("GET", ORDER_PATH, 200, JSON, json.dumps({field: value}).encode())
    assert len(problems) == 1 and problems[0].startswith("getOrder 200:"), problems


def test_a_body_on_a_204_is_a_violation(contract):
    assert contract.check("PATCH", f"{ORDER_PATH}/authorization", 204, {}, b'""') == [
        "updateAuthorization 204: expected no body, got b'\"\"'"]
    assert contract.check("PATCH", f"{ORDER_PATH}/authorization", 204, {}, b"") == []


def test_created_capture_needs_its_headers(contract):
    problems = contract.check("POST", f"{ORDER_PATH}/captures", 201, {"location": "x"}, b"")
    assert problems == ["captureOrder 201: header Capture-Id missing"]


def test_errors_need_klarnas_body_with_a_uuid_correlation_id(contract):
    assert contract.check("POST", f"{ORDER_PATH}/cancel", 403, JSON, _error()) == []
    assert contract.check("POST", f"{ORDER_PATH}/cancel", 503, JSON, _error(error_code="TEMPORARILY_UNAVAILABLE")) == []
    assert contract.check("POST", f"{ORDER_PATH}/cancel", 403, JSON, _error(correlation_id=None)) != []
    assert contract.check("POST", f"{ORDER_PATH}/cancel", 500, {}, b"<html>oops</html>") != []
    assert contract.check("GET", f"{ORDER_PATH}/no-such-path", 404, JSON, _error(correlation_id="42")) == [
        "error body: correlation_id '42' is not a UUID"]


def test_an_undocumented_success_is_a_violation(contract):
    assert contract.check("POST", f"{ORDER_PATH}/cancel", 200, JSON, b"{}") == ["cancelOrder answered an undocumented 200"]


def test_sandbox_only_endpoints_are_not_klarnas_contract(contract):
    assert contract.check("GET", "/sandbox/orders", 200, JSON, b"{}") == []


def test_the_live_sandbox_is_being_checked(sandbox, sandbox_server):
    before = sandbox_server.recorder.checked
    order_id = sandbox.create_order()["order_id"]
    sandbox.get_order(order_id)
    assert sandbox_server.recorder.checked == before + 2
    assert sandbox_server.contract_violations == []
