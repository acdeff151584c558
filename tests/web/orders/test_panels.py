"""Panels: the page is made of them, /panels refreshes them all from one Klarna call."""

from __future__ import annotations

import re

import pytest

from app.sandbox import demo_ids as ids
from tests.fixtures.dashboard import UNREACHABLE_KLARNA
from tests.web.orders.conftest import HTMX, page_text

ORDER = ids.PART_CAPTURED_EUR_REFUNDED
PANEL_IDS = ["order-summary", "order-money", "order-lines", "order-customer", "order-captures", "order-refunds",
             "order-timeline", "order-actions"]


def _root_ids(html: str) -> list[str]:
    return re.findall(r'<section id="(order-[a-z]+)"', html)


def test_the_page_is_made_of_the_panels_and_listens_for_order_updated(viewer):
    html = viewer.get(f"/orders/{ORDER}").get_data(as_text=True)
    assert sorted(_root_ids(html)) == sorted(PANEL_IDS)
    assert "hx-swap-oob" not in html
    listener = re.search(r'<div id="order-refresh"[^>]*>', html).group(0)
    assert f'hx-get="/orders/{ORDER}/panels"' in listener
    assert 'hx-trigger="order-updated from:body"' in listener and 'hx-swap="none"' in listener


def test_the_action_area_is_outside_every_panel(viewer):
    html = viewer.get(f"/orders/{ORDER}").get_data(as_text=True)
    area = html.index('<div id="action-area"')
    for panel in PANEL_IDS:
        start = html.index(f'<section id="{panel}"')
        end = html.index("</section>", start)
        assert not start < area < end, panel
    assert html.count('id="action-area"') == 1


def test_all_panels_come_out_of_band_from_one_call(viewer, sandbox):
    response = viewer.get(f"/orders/{ORDER}/panels", headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _root_ids(html) == PANEL_IDS
    for panel in PANEL_IDS:
        assert re.search(rf'<section id="{panel}"[^>]*hx-swap-oob="true"', html), panel
    assert '<div id="order-notice" class="order-notice" aria-live="polite" hx-swap-oob="true"></div>' in html
    assert "<html" not in html and "site-header" not in html
    assert len(sandbox.requests_log(ORDER)) == 1


def test_panels_show_what_changed_at_klarna(viewer, sandbox):
    order = sandbox.create_order()
    viewer.get(f"/orders/{order['order_id']}")
    sandbox.capture(order["order_id"], 20000)
    text = page_text(viewer.get(f"/orders/{order['order_id']}/panels", headers=HTMX).get_data(as_text=True))
    assert "Partly captured" in text and "Captures (1)" in text and "200,00\u00a0kr" in text


@pytest.mark.parametrize(
    "name", ["summary", "money", "lines", "customer", "captures", "refunds", "timeline", "actions"]
)
def test_one_panel_alone(viewer, sandbox, name):
    response = viewer.get(f"/orders/{ORDER}/panels/{name}", headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _root_ids(html) == [f"order-{name}"]
    assert "hx-swap-oob" not in html and "<html" not in html
    assert len(sandbox.requests_log(ORDER)) == 1


def test_an_unknown_panel_is_a_404_without_calling_klarna(viewer, sandbox):
    assert viewer.get(f"/orders/{ORDER}/panels/nonsense", headers=HTMX).status_code == 404
    assert sandbox.requests_log(ORDER) == []


def test_the_actions_panel_is_optional(viewer, app):
    """Until the actions' menu exists, the page and the refresh work without it."""
    if "orders/_actions.html" in app.jinja_env.list_templates():
        html = viewer.get(f"/orders/{ORDER}").get_data(as_text=True)
        assert 'id="order-actions"' in html
    else:
        assert viewer.get(f"/orders/{ORDER}/panels/actions", headers=HTMX).status_code == 404
        assert viewer.get(f"/orders/{ORDER}").status_code == 200


@pytest.fixture
def klarna_config(request, klarna_config):
    closed = getattr(request, "param", "") == "closed-port"
    return {**klarna_config, "KLARNA_API_URL": UNREACHABLE_KLARNA} if closed else klarna_config


@pytest.mark.parametrize("klarna_config", ["closed-port"], indirect=True)
def test_a_failed_refresh_keeps_the_panels_and_says_why_above_them(viewer):
    response = viewer.get(f"/orders/{ORDER}/panels", headers=HTMX)
    assert response.status_code == 502
    assert response.headers["HX-Reswap"] == "none"
    html = response.get_data(as_text=True)
    assert html.startswith('<div id="order-notice" hx-swap-oob="true">')
    assert "Klarna is unreachable" in html and "<section" not in html
