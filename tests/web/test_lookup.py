"""The header's lookup box: an order ID opens the order; anything else searches the order index
(exactly one match opens that order); nothing here asks Klarna."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from app.index.refresh import refresh
from app.klarna.types import Order

ORDER_ID = "0b1d9815-165e-42e2-8867-35bc03789e00"
OTHER_ID = "0b1d9815-165e-42e2-8867-35bc03789e01"
HTMX = {"HX-Request": "true"}
ENTER = "Enter an order ID, or a reference, email, phone or name to search for."


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def _record(self) -> None:
        self.requests.append(f"{self.command} {self.path}")
        self.send_response(500)
        self.end_headers()

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _record

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def klarna_requests():
    """A stand-in Klarna on loopback that records every request it gets."""
    _Recorder.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def klarna_config(klarna_requests):
    host, port = klarna_requests.server_address
    return {"KLARNA_API_URL": f"http://{host}:{port}", "KLARNA_USERNAME": "u", "KLARNA_PASSWORD": "p"}


@pytest.fixture
def agent(logged_in):
    return logged_in("agent")


def test_valid_id_goes_to_the_order_page(agent):
    response = agent.get("/orders/lookup", query_string={"order_id": ORDER_ID})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/orders/{ORDER_ID}"


def test_whitespace_is_trimmed_and_case_normalised(agent):
    response = agent.get("/orders/lookup", query_string={"order_id": f"  {ORDER_ID.upper()}\t "})
    assert response.headers["Location"] == f"/orders/{ORDER_ID}"


def test_htmx_lookup_navigates_with_hx_redirect(agent):
    response = agent.get("/orders/lookup", query_string={"order_id": ORDER_ID}, headers=HTMX)
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == f"/orders/{ORDER_ID}"


@pytest.mark.parametrize("value", ["SE-100234", ORDER_ID[:-1], ORDER_ID + "0", "{" + ORDER_ID + "}", "åsa@example.se"])
def test_anything_else_opens_the_order_list_with_that_search(agent, value):
    response = agent.get("/orders/lookup", query_string={"order_id": value}, headers=HTMX)
    assert response.status_code == 204
    assert _search_of(response.headers["HX-Redirect"]) == value
    plain = agent.get("/orders/lookup", query_string={"order_id": value})
    assert (plain.status_code, _search_of(plain.headers["Location"])) == (303, value)


def _search_of(url: str) -> str:
    parts = urlsplit(url)
    assert parts.path == "/orders"
    return parse_qs(parts.query)["q"][0]


def test_a_search_with_exactly_one_match_opens_that_order(app, agent):
    with app.app_context():
        for order_id, reference in ((ORDER_ID, "SE-100234"), (OTHER_ID, "SE-100235")):
            refresh("default", Order(order_id=order_id, status="AUTHORIZED", merchant_reference1=reference))
    assert agent.get("/orders/lookup", query_string={"order_id": "se-100234"}).headers["Location"] == f"/orders/{ORDER_ID}"
    several = agent.get("/orders/lookup", query_string={"order_id": "SE-10023"}).headers["Location"]
    assert several == "/orders?q=SE-10023"


def test_empty_lookup_asks_for_something_under_the_box(agent):
    response = agent.get("/orders/lookup", query_string={"order_id": "   "}, headers=HTMX)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ENTER in html and "<html" not in html


def test_without_javascript_the_message_comes_in_a_full_page(agent):
    response = agent.get("/orders/lookup", query_string={"order_id": ""})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<!doctype html>" in html and ENTER in html and 'aria-invalid="true"' in html


def test_lookup_never_calls_klarna(agent, klarna_requests):
    for value in (ORDER_ID, "nonsense", ""):
        agent.get("/orders/lookup", query_string={"order_id": value})
        agent.get("/orders/lookup", query_string={"order_id": value}, headers=HTMX)
    assert _Recorder.requests == []


def test_header_and_home_page_carry_the_lookup_box(agent):
    html = agent.get("/").get_data(as_text=True)
    assert 'id="header-order-id"' in html and 'data-shortcut="/"' in html
    assert 'id="home-order-id"' in html
    assert 'hx-get="/orders/lookup"' in html and 'action="/orders/lookup"' in html
