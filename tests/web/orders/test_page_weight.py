"""The fullest order page stays light: at most 40 KB of HTML, for the role that sees the most."""

from __future__ import annotations

from app.sandbox import demo_ids as ids

MAX_PAGE_BYTES = 40 * 1024


def test_the_fullest_order_page_weighs_at_most_40_kb(logged_in, sandbox):
    admin = logged_in("admin")
    for order_id in (ids.PART_CAPTURED_EUR_REFUNDED, ids.CAPTURED_TWO_SHIPMENTS_NOK, ids.AUTHORIZED_SEK):
        answer = admin.get(f"/orders/{order_id}")
        assert answer.status_code == 200
        assert len(answer.data) <= MAX_PAGE_BYTES, (order_id, len(answer.data))
