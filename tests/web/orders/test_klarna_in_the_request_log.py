"""The request log counts the Klarna calls of each request; each call has its own JSON line."""

from __future__ import annotations

import uuid

from app.sandbox import demo_ids as ids


def _klarna_lines(json_log) -> list[dict]:
    return [record for record in json_log.records() if record["logger"] == "app.klarna"]


def test_an_order_view_logs_one_klarna_call_under_its_request_id(viewer, json_log, sandbox):
    response = viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}")
    assert response.status_code == 200
    (received,) = sandbox.requests_log(ids.PART_CAPTURED_EUR_REFUNDED)

    (entry,) = [entry for entry in json_log.requests() if entry["endpoint"] == "orders.show"]
    assert entry["route"] == "/orders/<uuid:order_id>"
    assert ids.PART_CAPTURED_EUR_REFUNDED not in entry["message"]
    assert (entry["klarna_calls"], entry["klarna_correlation_ids"]) == (1, [received["correlation_id"]])
    assert entry["klarna_ms"] <= entry["duration_ms"]
    (call,) = _klarna_lines(json_log)
    assert call["request_id"] == entry["request_id"] == response.headers["X-Request-Id"]
    assert (call["klarna_operation"], call["klarna_order_id"], call["klarna_status"]) == (
        "get_order", ids.PART_CAPTURED_EUR_REFUNDED, 200)
    assert call["klarna_outcome"] == "ok" and call["level"] == "INFO"


def test_klarna_correlation_ids_of_a_refusal_are_in_the_request_line(viewer, json_log):
    unknown = str(uuid.uuid4())
    response = viewer.get(f"/orders/{unknown}")
    assert response.status_code == 404

    (entry,) = [entry for entry in json_log.requests() if entry["endpoint"] == "orders.show"]
    (call,) = _klarna_lines(json_log)
    assert call["klarna_outcome"] == "NotFound" and call["klarna_status"] == 404
    assert entry["klarna_correlation_ids"] == [call["klarna_correlation_id"]]
    # The same id is shown to staff, so a support case can be traced from the page to the logs.
    assert call["klarna_correlation_id"] in response.get_data(as_text=True)


def test_pages_without_klarna_log_no_calls(viewer, json_log):
    viewer.get("/")
    (entry,) = json_log.requests()
    assert (entry["klarna_calls"], entry["klarna_correlation_ids"], entry["klarna_ms"]) == (0, [], 0)
