"""The order list: search by every kind of term, filters, sorting, keyset pages, the work queues,
the CSV export; all from the order index, without asking Klarna."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.index.refresh import refresh
from app.klarna.types import Address, Order
from app.models.order_index import IndexedOrder
from tests.web.orders.conftest import HTMX, page_text

NOW = datetime.now(UTC)


def _order(number: int, **fields) -> Order:
    values = {
        "order_id": str(uuid.UUID(int=number)), "status": "AUTHORIZED", "purchase_currency": "SEK", "locale": "sv-SE",
        "purchase_country": "SE", "order_amount": 10000 * number, "captured_amount": 0, "refunded_amount": 0,
        "remaining_authorized_amount": 10000 * number, "merchant_reference1": f"SE-{100000 + number}",
        "klarna_reference": f"K{number:06d}", "created_at": NOW - timedelta(days=number),
        "expires_at": NOW + timedelta(days=28 - number),
        **fields,
    }
    return Order(**values)


def _add(app, *orders: Order) -> None:
    with app.app_context():
        for order in orders:
            refresh("default", order)


@pytest.fixture
def orders(app):
    asa = Address(given_name="Åsa", family_name="Öberg", email="Asa.Oberg@Example.se", phone="+46 70 123 45 67")
    _add(
        app,
        _order(1, billing_address=asa, merchant_reference2="PO-77"),
        _order(2, billing_address=Address(given_name="John", family_name="Smith", email="john@example.com")),
        _order(3, status="CAPTURED", captured_amount=30000, remaining_authorized_amount=0, refunded_amount=5000,
               purchase_currency="EUR", locale="de-DE"),
        _order(26, merchant_reference1="EXPIRING-1"),  # expires in 2 days, all left to capture
        _order(4, status="CANCELLED", remaining_authorized_amount=0),
    )


def _found(client, **query) -> list[str]:
    html = client.get("/orders", query_string=query).get_data(as_text=True)
    return [reference for reference in ("SE-100001", "SE-100002", "SE-100003", "EXPIRING-1", "SE-100004")
            if f">{reference}</a>" in html]


@pytest.mark.parametrize(("query", "expected"), [
    ("SE-100001", ["SE-100001"]),  # merchant reference, whole
    ("se-10000", ["SE-100001", "SE-100002", "SE-100003", "SE-100004"]),  # partial, any case
    ("po-77", ["SE-100001"]),  # merchant reference 2
    ("k000002", ["SE-100002"]),  # Klarna reference
    (str(uuid.UUID(int=3))[:8], ["SE-100001", "SE-100002", "SE-100003", "EXPIRING-1", "SE-100004"]),
    (str(uuid.UUID(int=3)), ["SE-100003"]),  # a whole order id
    ("asa.oberg@example.SE", ["SE-100001"]),  # email, any case
    ("asa", ["SE-100001"]),  # accents ignored: Åsa
    ("ÖBERG", ["SE-100001"]),
    ("john smith", ["SE-100002"]),  # every word must match
    ("john oberg", []),
    ("+46 70 123", ["SE-100001"]),  # a phone number, spaces ignored
    ("070-123 45 67", []),  # national form without the country code: not the same digits
    ("100%", []),  # LIKE's wildcards are plain characters
])
def test_search_understands_each_kind_of_term(viewer, orders, query, expected):
    assert _found(viewer, q=query) == expected


def test_filters_combine(viewer, orders):
    assert _found(viewer, status="CAPTURED") == ["SE-100003"]
    assert _found(viewer, currency="eur") == ["SE-100003"]
    assert _found(viewer, has_refunds="y") == ["SE-100003"]
    assert _found(viewer, left_to_capture="y") == ["SE-100001", "SE-100002", "EXPIRING-1"]
    assert _found(viewer, amount_from="150", amount_to="300") == ["SE-100002", "SE-100003"]
    day = (NOW - timedelta(days=2)).date().isoformat()
    assert _found(viewer, created_from=day, created_to=day) == ["SE-100002"]
    soon = (NOW + timedelta(days=3)).date().isoformat()
    assert _found(viewer, expires_to=soon) == ["EXPIRING-1"]
    assert _found(viewer, status="NOT_A_STATUS") == _found(viewer)  # an edited URL: no filter


def test_sorting(viewer, orders):
    assert _found(viewer, sort="amount_desc")  # every row is shown
    html = viewer.get("/orders", query_string={"sort": "amount_desc"}).get_data(as_text=True)
    order = [html.index(f">{ref}</a>") for ref in ("EXPIRING-1", "SE-100004", "SE-100003", "SE-100002")]
    assert order == sorted(order)
    html = viewer.get("/orders", query_string={"sort": "expires_asc"}).get_data(as_text=True)
    assert html.index(">EXPIRING-1</a>") < html.index(">SE-100001</a>")


def test_each_row_says_what_staff_need(viewer, orders):
    text = page_text(viewer.get("/orders", query_string={"q": "SE-100001"}).get_data(as_text=True))
    assert "1 order" in text and "Åsa Öberg" in text and "Authorized" in text and "100,00\u00a0kr" in text
    assert "in 1 month" in text
    html = viewer.get("/orders", query_string={"q": "EXPIRING-1"}).get_data(as_text=True)
    assert 'class="nowrap expiry--soon"' in html


def test_htmx_gets_only_the_results_and_the_page_works_without_it(viewer, orders):
    fragment = viewer.get("/orders", query_string={"q": "john"}, headers=HTMX).get_data(as_text=True)
    assert "<form" not in fragment and ">SE-100002</a>" in fragment and "<html" not in fragment
    page = viewer.get("/orders", query_string={"q": "john"}).get_data(as_text=True)
    assert '<form method="get" action="/orders"' in page and 'hx-push-url="true"' in page
    assert 'value="john"' in page


def test_keyset_pages_stay_stable_while_rows_are_added(app, viewer, monkeypatch):
    from app.views import order_list
    monkeypatch.setattr(order_list, "PAGE_SIZE", 3)
    _add(app, *(_order(number) for number in range(1, 8)))
    first = viewer.get("/orders").get_data(as_text=True)
    assert "7 orders" in page_text(first)
    next_url = first.split('Next page')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    _add(app, _order(0, created_at=NOW + timedelta(hours=1)))  # a newer order arrives meanwhile
    second = viewer.get(next_url).get_data(as_text=True)
    assert [ref for ref in (f"SE-{100000 + n}" for n in range(8)) if f">{ref}</a>" in second] == [
        "SE-100004", "SE-100005", "SE-100006"]
    assert "8 orders" in page_text(second) and "First page" in second


def test_csv_has_every_matching_row_with_a_bom_and_inert_cells(app, viewer, monkeypatch):
    from app.views import order_list
    monkeypatch.setattr(order_list, "PAGE_SIZE", 2)
    evil = Address(given_name="=HYPERLINK(\"http://x\")", family_name="", email="@SUM(A1)")
    _add(app, _order(1, billing_address=evil, merchant_reference1="+1-555"), _order(2), _order(3),
         _order(5, merchant_reference1="\tTAB"))
    response = viewer.get("/orders", query_string={"format": "csv", "sort": "created_asc"})
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["merchant_reference2"] for row in rows] == [""] * 4
    by_ref = {row["order_id"]: row for row in rows}
    first = by_ref[str(uuid.UUID(int=1))]
    assert first["merchant_reference1"] == "'+1-555" and first["billing_email"] == "'@SUM(A1)"
    assert first["billing_name"].startswith("'=HYPERLINK")
    assert by_ref[str(uuid.UUID(int=5))]["merchant_reference1"] == "'\tTAB"
    assert first["order_amount"] == "100.00" and first["currency"] == "SEK"
    assert len(rows) == 4  # every row, not the page


def _age_created(app, number: int, days: int) -> None:
    with app.app_context():
        db.session.execute(update(IndexedOrder).where(IndexedOrder.order_id == str(uuid.UUID(int=number)))
                           .values(created_at=NOW - timedelta(days=days)))
        db.session.commit()


def test_queues_hold_what_they_promise_with_counts_in_the_navigation(app, viewer, orders):
    assert _found(viewer, queue="expiring") == ["EXPIRING-1"]
    assert _found(viewer, queue="waiting") == ["EXPIRING-1"]  # created 26 days ago, nothing captured
    _age_created(app, 1, 10)
    app.extensions.pop("queue_counts", None)
    assert _found(viewer, queue="waiting") == ["SE-100001", "EXPIRING-1"]
    assert _found(viewer, queue="drift") == []
    text = page_text(viewer.get("/orders").get_data(as_text=True))
    assert "Expiring soon 1" in text and "Waiting for capture 2" in text and "Changed outside the dashboard 0" in text


def test_search_by_customer_data_says_why_it_cannot_when_it_is_not_kept(app, make_app, make_user, login):
    other = make_app(INDEX_CUSTOMER_DATA=False)
    client = login(other.test_client(), make_user("viewer"))
    text = page_text(client.get("/orders", query_string={"q": "asa@example.se"}).get_data(as_text=True))
    assert "INDEX_CUSTOMER_DATA=0" in text and "No orders match" in text
    with other.app_context():
        refresh("default", _order(1, billing_address=Address(email="asa@example.se")))
    found = page_text(client.get("/orders", query_string={"q": "SE-100001"}).get_data(as_text=True))
    assert "1 order" in found and "INDEX_CUSTOMER_DATA" not in found
    assert "No orders match" in page_text(client.get("/orders", query_string={"q": "asa@"}).get_data(as_text=True))


def test_the_list_asks_klarna_nothing(viewer, orders, sandbox):
    sandbox.clear_requests_log()
    viewer.get("/orders", query_string={"q": "se"})
    viewer.get("/orders", query_string={"format": "csv"})
    assert sandbox.requests_log() == []
