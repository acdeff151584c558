"""A capture's and a refund's own page: from the order's one call, with everything Klarna recorded."""

from __future__ import annotations

from app.sandbox import demo_ids as ids
from app.sandbox.demo_ids import demo_capture_id, demo_refund_id
from tests.web.orders.conftest import page_text

ORDER = ids.PART_CAPTURED_EUR_REFUNDED


def test_capture_page(viewer, sandbox):
    capture_id = demo_capture_id(ORDER, 1)
    response = viewer.get(f"/orders/{ORDER}/captures/{capture_id}")
    assert response.status_code == 200
    text = page_text(response.get_data(as_text=True))
    for expected in (f"Capture ID {capture_id}", "Klarna reference TG6NPEA-1", "Amount €\u00a0104,85",
                     "Refunded €\u00a049,95", "Item FT-WD Fietstas waterdicht 2 pcs",
                     "PostNL Home delivery 3SABCD1234567",
                     "Shipped to Daan de Vries Prinsengracht 263", "Order NL-66023"):
        assert expected in text
    assert [entry["path"] for entry in sandbox.requests_log(ORDER)] == [f"/ordermanagement/v1/orders/{ORDER}"]


def test_capture_page_is_linked_from_the_order(viewer):
    html = viewer.get(f"/orders/{ORDER}").get_data(as_text=True)
    assert f'href="/orders/{ORDER}/captures/{demo_capture_id(ORDER, 2)}"' in html
    assert f'href="/orders/{ORDER}/refunds/{demo_refund_id(ORDER, 1)}"' in html


def test_refund_page(viewer, sandbox):
    response = viewer.get(f"/orders/{ORDER}/refunds/{demo_refund_id(ORDER, 1)}")
    assert response.status_code == 200
    text = page_text(response.get_data(as_text=True))
    assert "Refund of €\u00a049,95" in text and "Description Retour: één fietstas" in text
    assert "An amount without order lines." in text
    assert len(sandbox.requests_log(ORDER)) == 1


def test_refund_with_lines(viewer):
    order = ids.CAPTURED_PARTLY_REFUNDED_GBP
    text = page_text(viewer.get(f"/orders/{order}/refunds/{demo_refund_id(order, 1)}").get_data(as_text=True))
    assert "Lines refunded" in text and "An amount without order lines." not in text
