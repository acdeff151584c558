"""The order index: every read of an order refreshes its row, writing only what changed; the start
page lists what the team opened; drift is what our audit log does not explain."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import event, update

from app.extensions import db
from app.index.refresh import refresh
from app.klarna.types import Address, Order
from app.models.order_index import IndexedOrder
from app.sandbox import demo_ids as ids
from tests.web.orders.conftest import page_text


def _row(order_id: str) -> IndexedOrder:
    db.session.expire_all()
    [row] = db.session.query(IndexedOrder).filter_by(order_id=order_id).all()
    return row


def _age(order_id: str, **delta: float) -> None:
    """Make the row look as if it was last written ``delta`` ago."""
    moment = datetime.now(UTC) - timedelta(**delta)
    db.session.execute(update(IndexedOrder).where(IndexedOrder.order_id == order_id)
                       .values(last_synced_at=moment, last_opened_at=moment))
    db.session.commit()


def test_a_viewed_order_is_indexed_with_what_was_seen(app, viewer):
    viewer.get(f"/orders/{ids.AUTHORIZED_SEK}")
    with app.app_context():
        row = _row(ids.AUTHORIZED_SEK)
        assert (row.store_key, row.status, row.currency, row.order_amount, row.remaining_authorized_amount) == (
            "default", "AUTHORIZED", "SEK", 369500, 369500)
        assert row.merchant_reference1 == "SE-100234" and row.last_opened_by == viewer.account.username
        assert row.klarna_reference and row.created_at and row.expires_at and row.country == "SE"
        assert row.billing_email and row.billing_email.lower() in row.search_text
        assert row.drift_open is False


def test_the_start_page_lists_orders_opened_by_anyone_newest_first(app, logged_in, sandbox):
    alice, bob = logged_in("viewer", "alice"), logged_in("agent", "bob")
    alice.get(f"/orders/{ids.AUTHORIZED_SEK}")
    with app.app_context():
        _age(ids.AUTHORIZED_SEK, minutes=1)
    bob.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}")
    html = alice.get("/").get_data(as_text=True)
    text = page_text(html)
    assert text.index("NL-66023") < text.index("SE-100234")
    assert "Partly captured" in text and "€\u00a0219,75" in text and "by bob" in text
    assert "Authorized" in text and "3\u00a0695,00\u00a0kr" in text and "by alice" in text
    assert f'<a class="mono" href="/orders/{ids.AUTHORIZED_SEK}">{ids.AUTHORIZED_SEK}</a>' in html


def test_the_status_is_the_one_last_seen(viewer, sandbox):
    order = sandbox.create_order()
    viewer.get(f"/orders/{order['order_id']}")
    sandbox.cancel(order["order_id"])
    assert "Authorized" in page_text(viewer.get("/").get_data(as_text=True))  # not looked at since
    viewer.get(f"/orders/{order['order_id']}")
    text = page_text(viewer.get("/").get_data(as_text=True))
    assert "Cancelled" in text and "Authorized" not in text


def test_the_start_page_without_opened_orders_offers_the_newest_indexed(app, viewer, sandbox):
    assert "No orders opened yet." in page_text(viewer.get("/").get_data(as_text=True))
    with app.app_context():
        refresh("default", Order(order_id=ids.CAPTURED_AUD, status="CAPTURED", purchase_currency="AUD",
                                 merchant_reference1="AU-3001", order_amount=1000, created_at=datetime.now(UTC)))
    text = page_text(viewer.get("/").get_data(as_text=True))
    assert "Newest orders" in text and "AU-3001" in text


def _statements(app):
    """The SQL statements the app runs while the block runs (a list filled as they go)."""
    seen: list[str] = []

    def note(conn, cursor, statement, *args):
        seen.append(statement.split()[0].upper())

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    return seen, lambda: event.remove(engine, "before_cursor_execute", note)


def test_viewing_an_unchanged_order_again_writes_nothing(app, viewer):
    viewer.get(f"/orders/{ids.AUTHORIZED_SEK}")
    seen, stop = _statements(app)
    try:
        assert viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").status_code == 200
    finally:
        stop()
    assert "SELECT" in seen and not {"INSERT", "UPDATE", "DELETE"} & set(seen)


def test_opening_an_order_again_later_moves_it_up_without_a_second_row(app, viewer):
    for order_id in (ids.AUTHORIZED_SEK, ids.CAPTURED_AUD):
        viewer.get(f"/orders/{order_id}")
        with app.app_context():
            _age(order_id, minutes=10)
    viewer.get(f"/orders/{ids.AUTHORIZED_SEK}")
    with app.app_context():
        assert [row.order_id for row in IndexedOrder.recently_opened()] == [ids.AUTHORIZED_SEK, ids.CAPTURED_AUD]


def test_concurrent_first_reads_of_one_order_leave_one_row(app):
    """Eight staff open a new order at the same moment: no error, one row."""
    order = Order(order_id=ids.AUTHORIZED_SEK, status="AUTHORIZED", purchase_currency="SEK", locale="sv-SE",
                  order_amount=369500)
    start = threading.Barrier(8)
    failures: list[BaseException] = []

    def view(number: int) -> None:
        with app.app_context():
            try:
                start.wait()
                refresh("default", order, opened_by=f"user{number}")
            except BaseException as error:  # noqa: BLE001 - reported below
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=view, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with app.app_context():
        [row] = IndexedOrder.recently_opened()
        assert row.last_opened_by.startswith("user")


def _order_with_customer() -> Order:
    address = Address(given_name="Åsa", family_name="Öberg", email="asa@example.se", phone="+46 70 123 45 67")
    return Order(order_id="b7e4b2a5-0000-4000-8000-000000000001", status="AUTHORIZED", purchase_currency="SEK",
                 order_amount=100, merchant_reference1="SE-1", billing_address=address, shipping_address=address)


def test_customer_data_is_indexed_folded_for_search(app):
    with app.app_context():
        refresh("default", _order_with_customer())
        row = _row(_order_with_customer().order_id)
        assert (row.billing_name, row.billing_email, row.billing_phone) == ("Åsa Öberg", "asa@example.se",
                                                                           "+46 70 123 45 67")
        assert "asa oberg" in row.search_text and "46701234567" in row.search_text


def test_without_customer_data_no_name_email_or_phone_is_kept(app, make_app):
    app = make_app(INDEX_CUSTOMER_DATA=False)
    with app.app_context():
        refresh("default", _order_with_customer())
        row = _row(_order_with_customer().order_id)
        assert (row.billing_name, row.billing_email, row.billing_phone, row.shipping_name) == (None,) * 4
        assert "asa" not in row.search_text and "4670" not in row.search_text
        assert "se-1" in row.search_text
