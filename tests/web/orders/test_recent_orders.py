"""Recently opened orders: remembered on every view, listed on the start page for the whole team."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from app.extensions import db
from app.klarna.types import Order
from app.models.recent_order import RecentOrder
from app.sandbox import demo_ids as ids
from tests.web.orders.conftest import page_text


def test_a_viewed_order_is_remembered_with_what_was_seen(app, viewer):
    viewer.get(f"/orders/{ids.AUTHORIZED_SEK}")
    with app.app_context():
        [row] = RecentOrder.latest()
        assert (row.order_id, row.store_key, row.status, row.currency, row.order_amount) == (
            ids.AUTHORIZED_SEK, "default", "AUTHORIZED", "SEK", 369500)
        assert row.merchant_reference1 == "SE-100234" and row.last_opened_by == viewer.account.username


def test_the_start_page_lists_orders_opened_by_anyone_newest_first(logged_in, sandbox):
    alice, bob = logged_in("viewer", "alice"), logged_in("agent", "bob")
    alice.get(f"/orders/{ids.AUTHORIZED_SEK}")
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


def test_opening_an_order_again_moves_it_up_without_a_second_row(app, viewer):
    for order_id in (ids.AUTHORIZED_SEK, ids.CAPTURED_AUD, ids.AUTHORIZED_SEK):
        viewer.get(f"/orders/{order_id}")
    with app.app_context():
        assert [row.order_id for row in RecentOrder.latest()] == [ids.AUTHORIZED_SEK, ids.CAPTURED_AUD]


def test_the_start_page_without_recent_orders(viewer):
    assert "No orders opened yet." in page_text(viewer.get("/").get_data(as_text=True))


def test_concurrent_views_of_one_order_leave_one_row(app):
    """Eight staff open the same order at the same moment: one upsert each, no error, one row."""
    order = Order(order_id=ids.AUTHORIZED_SEK, status="AUTHORIZED", purchase_currency="SEK", locale="sv-SE",
                  order_amount=369500)
    start = threading.Barrier(8)
    failures: list[BaseException] = []
    moment = datetime.now(UTC)

    def view(number: int) -> None:
        with app.app_context():
            try:
                start.wait()
                RecentOrder.remember(order, "default", f"user{number}", moment + timedelta(seconds=number))
                db.session.commit()
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
        [row] = RecentOrder.latest()
        assert row.last_opened_by.startswith("user")
