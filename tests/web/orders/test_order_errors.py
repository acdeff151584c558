"""When Klarna cannot give the order: clear pages with the right status, never a 500."""

from __future__ import annotations

import uuid

import pytest

from app.sandbox import demo_ids as ids
from tests.fixtures.dashboard import UNREACHABLE_KLARNA
from tests.web.orders.conftest import HTMX, page_text

ORDER_PATH = f"/orders/{ids.AUTHORIZED_SEK}"


@pytest.fixture
def klarna_config(request, klarna_config):
    """The sandbox, or (parametrized) a closed port or the sandbox with a wrong password."""
    changes = {"closed-port": {"KLARNA_API_URL": UNREACHABLE_KLARNA},
               "wrong-password": {"KLARNA_PASSWORD": "not-the-password"}}
    return {**klarna_config, **changes.get(getattr(request, "param", "sandbox"), {})}


def test_unknown_order_is_a_404_with_the_correlation_id(viewer, sandbox):
    missing = str(uuid.uuid4())
    response = viewer.get(f"/orders/{missing}")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert html.startswith("<!doctype html>") and 'class="site-header"' in html
    text = page_text(html)
    assert "No such order" in text and f"Order ID looked up {missing}" in text
    [logged] = sandbox.requests_log(missing)
    assert logged["status"] == 404
    correlation = text.split("Klarna correlation id ", 1)[1].split(" ", 1)[0]
    assert uuid.UUID(correlation).version == 4  # the id Klarna (the sandbox) sent with its 404


def test_unknown_order_for_htmx_is_the_message_alone(viewer):
    response = viewer.get(f"/orders/{uuid.uuid4()}", headers=HTMX)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "No such order" in html and "Klarna correlation id" in html
    assert "<html" not in html and "site-header" not in html


def test_an_address_that_is_not_an_order_id_is_a_404_without_calling_klarna(viewer, sandbox):
    assert viewer.get("/orders/not-an-order-id").status_code == 404
    assert sandbox.requests_log() == []


@pytest.mark.parametrize("klarna_config", ["closed-port"], indirect=True)
def test_unreachable_klarna_is_a_502_with_a_retry_link(viewer):
    response = viewer.get(ORDER_PATH)
    assert response.status_code == 502
    html = response.get_data(as_text=True)
    assert html.startswith("<!doctype html>")
    assert "Klarna is unreachable" in html and "Nothing was changed." in html
    assert f'<a class="button button--secondary button--small" href="{ORDER_PATH}">Try again</a>' in html


@pytest.mark.parametrize("klarna_config", ["closed-port"], indirect=True)
def test_unreachable_klarna_for_htmx_is_a_fragment_with_a_retry_link_to_the_page(viewer):
    headers = {**HTMX, "HX-Current-URL": f"http://localhost{ORDER_PATH}"}
    response = viewer.get(f"{ORDER_PATH}/panels/money", headers=headers)
    assert response.status_code == 502
    html = response.get_data(as_text=True)
    assert "<html" not in html
    assert f'href="{ORDER_PATH}">Try again</a>' in html


@pytest.mark.parametrize("klarna_config", ["wrong-password"], indirect=True)
def test_wrong_credentials_are_a_503_saying_so(viewer, sandbox):
    response = viewer.get(ORDER_PATH)
    assert response.status_code == 503
    text = page_text(response.get_data(as_text=True))
    assert "The dashboard's Klarna credentials are wrong" in text
    assert "KLARNA_USERNAME and KLARNA_PASSWORD" in text and "ask an admin" in text
    assert [entry["status"] for entry in sandbox.requests_log(ids.AUTHORIZED_SEK)] == [401]  # not retried


def test_server_errors_after_the_retries_are_a_502(viewer, sandbox):
    sandbox.add_fault(path=f"/ordermanagement/v1/orders/{ids.AUTHORIZED_SEK}", kind="status", status=503, count=3)
    response = viewer.get(ORDER_PATH)
    assert response.status_code == 502
    text = page_text(response.get_data(as_text=True))
    assert "Klarna is not available right now" in text and "Klarna correlation id" in text
    assert "Klarna answered with an error (HTTP 503), also when asked again. Nothing was changed." in text
    assert [entry["status"] for entry in sandbox.requests_log(ids.AUTHORIZED_SEK)] == [503, 503, 503]


def test_one_server_error_is_retried_and_the_page_shows(viewer, sandbox):
    sandbox.add_fault(path=f"/ordermanagement/v1/orders/{ids.AUTHORIZED_SEK}", kind="status", status=500, count=1)
    assert viewer.get(ORDER_PATH).status_code == 200
    assert [entry["status"] for entry in sandbox.requests_log(ids.AUTHORIZED_SEK)] == [500, 200]


def test_an_unreadable_answer_is_a_502(viewer, sandbox):
    sandbox.add_fault(path=f"/ordermanagement/v1/orders/{ids.AUTHORIZED_SEK}", kind="unreadable")
    response = viewer.get(ORDER_PATH)
    assert response.status_code == 502
    text = page_text(response.get_data(as_text=True))
    assert "Klarna is unreachable" in text and "We could not get an answer from Klarna." in text
    assert [entry["status"] for entry in sandbox.requests_log(ids.AUTHORIZED_SEK)] == [200]


def test_a_dropped_connection_after_the_retries_is_a_502(viewer, sandbox):
    sandbox.add_fault(path=f"/ordermanagement/v1/orders/{ids.AUTHORIZED_SEK}", kind="drop_before", count=3)
    response = viewer.get(ORDER_PATH)
    assert response.status_code == 502
    assert "Klarna is unreachable" in page_text(response.get_data(as_text=True))


def test_unknown_capture_or_refund_is_a_404(viewer):
    assert viewer.get(f"{ORDER_PATH}/captures/{uuid.uuid4()}").status_code == 404
    assert viewer.get(f"{ORDER_PATH}/refunds/{uuid.uuid4()}").status_code == 404
