"""The order page against the sandbox: what staff see for every demo order, from one Klarna call."""

from __future__ import annotations

import re

import pytest

from app import upstream
from app.money import format_money
from app.sandbox import demo_ids as ids
from tests.web.orders.conftest import page_text

DEMO_ORDERS = sorted(
    (name, value) for name, value in vars(ids).items() if name.isupper() and isinstance(value, str) and len(value) == 36
)
STATUS_WORDS = {
    "AUTHORIZED": "Authorized",
    "PART_CAPTURED": "Partly captured",
    "CAPTURED": "Captured",
    "CANCELLED": "Cancelled",
    "EXPIRED": "Expired",
    "CLOSED": "Closed",
}
NBSP = "\u00a0"


def test_every_status_and_many_currencies_are_among_the_demo_orders(sandbox):
    orders = [sandbox.get_order(order_id) for _, order_id in DEMO_ORDERS]
    assert {order["status"] for order in orders} == set(STATUS_WORDS)
    assert len({order["purchase_currency"] for order in orders}) >= 8


@pytest.mark.parametrize("name,order_id", DEMO_ORDERS, ids=[name for name, _ in DEMO_ORDERS])
def test_every_demo_order_renders_with_its_status_and_amounts(viewer, sandbox, name, order_id):
    order = sandbox.get_order(order_id)
    response = viewer.get(f"/orders/{order_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'class="status status--{order["status"].lower().replace("_", "-")}"' in html
    assert f">{STATUS_WORDS[order['status']]}</span>" in html
    currency, locale = order["purchase_currency"], order["locale"]
    for field in ("order_amount", "original_order_amount", "captured_amount", "refunded_amount",
                  "remaining_authorized_amount"):
        assert format_money(order[field], currency, locale) in html, field
    for line in order["order_lines"]:
        assert format_money(line["total_amount"], currency, locale) in html
    assert order["klarna_reference"] in html and order_id in html


def test_amounts_follow_the_order_locale_with_the_currency_decimals(viewer):
    swedish = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True)
    assert f"3{NBSP}695,00{NBSP}kr" in swedish  # order amount
    assert f"1{NBSP}899,00{NBSP}kr" in swedish  # a unit price
    dutch = viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}").get_data(as_text=True)
    assert f"€{NBSP}139,80" in dutch and f"€{NBSP}49,95" in dutch and f"€{NBSP}79,95" in dutch
    british = viewer.get(f"/orders/{ids.EXPIRING_SOON_GBP}").get_data(as_text=True)
    assert "£147.95" in british


def _one_line_order(sandbox, currency, locale, country, unit_price):
    line = {"type": "physical", "reference": "X-1", "name": "Sample item", "quantity": 1, "unit_price": unit_price,
            "tax_rate": 1000, "total_amount": unit_price, "total_tax_amount": unit_price // 11}
    return sandbox.create_order(purchase_currency=currency, locale=locale, purchase_country=country, order_lines=[line])


def test_yen_amounts_have_no_decimals(viewer, sandbox):
    order = _one_line_order(sandbox, "JPY", "ja-JP", "JP", 12800)
    html = viewer.get(f"/orders/{order['order_id']}").get_data(as_text=True)
    assert "￥12,800" in html
    assert "12,800.00" not in html and "128.00" not in html


@pytest.mark.parametrize("currency,locale,country", [("KWD", "ar-KW", "KW"), ("BHD", "en-BH", "BH")])
def test_three_decimal_currencies_show_three_decimals(viewer, sandbox, currency, locale, country):
    order = _one_line_order(sandbox, currency, locale, country, 1250500)
    text = page_text(viewer.get(f"/orders/{order['order_id']}").get_data(as_text=True))
    assert "1,250.500" in text
    assert "12,505.00" not in text and "1,250.50 " not in text


def test_html_and_script_from_klarna_is_shown_as_text(viewer):
    html = viewer.get(f"/orders/{ids.HTML_IN_TEXT_NOK}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<i>kampanje" not in html
    assert "&lt;script&gt;alert(&#34;merchant_data&#34;)&lt;/script&gt;" in html
    assert "&lt;/textarea&gt;&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;line&#39;)&gt; &amp; co" in html
    assert "&lt;i&gt;kampanje&lt;/i&gt;" in html


def test_the_page_makes_exactly_one_klarna_request(viewer, sandbox):
    with viewer:
        assert viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}").status_code == 200
        calls = upstream.calls()
    assert [(call.operation, call.outcome) for call in calls] == [("get_order", "ok")]
    logged = sandbox.requests_log(ids.PART_CAPTURED_EUR_REFUNDED)
    assert [(entry["method"], entry["path"]) for entry in logged] == [
        ("GET", f"/ordermanagement/v1/orders/{ids.PART_CAPTURED_EUR_REFUNDED}")
    ]


def test_header_facts_of_an_order(viewer, sandbox):
    html = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True)
    text = page_text(html)
    for expected in (
        "Merchant ref. 1 SE-100234", "Merchant ref. 2 ERP-55120", "Payment Invoice – Faktura – betala inom 30 dagar",
        "Country Sweden (SE)", "Locale Swedish (sv-SE)", "Order · Astrid Lindqvist",
        "Payment approved; nothing captured yet.",
    ):
        assert expected in text
    reference = sandbox.get_order(ids.AUTHORIZED_SEK)["klarna_reference"]
    assert f'data-copy="{ids.AUTHORIZED_SEK}" aria-label="Copy order ID"' in html
    assert f'data-copy="{reference}" aria-label="Copy Klarna reference"' in html
    assert "Store" not in text  # one store: nothing to tell apart


def test_instalments_are_shown_with_the_payment_method(viewer):
    text = page_text(viewer.get(f"/orders/{ids.AUTHORIZED_EUR_INSTALMENTS}").get_data(as_text=True))
    assert "Instalments, 6 instalments – In 6 Raten bezahlen" in text


def test_fraud_status_other_than_accepted_is_a_warning(viewer):
    pending = page_text(viewer.get(f"/orders/{ids.FRAUD_PENDING_SEK}").get_data(as_text=True))
    assert "Fraud check pending." in pending and "Do not ship" in pending
    accepted = page_text(viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True))
    assert "Fraud" not in accepted


def test_expiry_under_seven_days_is_highlighted(viewer):
    soon = viewer.get(f"/orders/{ids.EXPIRING_SOON_GBP}").get_data(as_text=True)
    assert 'class="expiry expiry--soon"' in soon
    assert "The authorization expires in" in page_text(soon)
    later = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True)
    assert "expiry--soon" not in later and "The authorization expires" not in later
    assert "(in " in page_text(later)  # the relative time is always there


def test_an_expiry_in_the_past_is_labelled_expired(viewer):
    expired = page_text(viewer.get(f"/orders/{ids.EXPIRED_EUR}").get_data(as_text=True))
    assert re.search(r"Expired \d+ \w+ \d{4}, \d\d:\d\d UTC \(.+ ago\)", expired) and "Expires" not in expired
    open_order = page_text(viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True))
    assert re.search(r"Expires \d+ \w+ \d{4}, \d\d:\d\d UTC \(in ", open_order)


def test_order_lines_show_tax_rate_discount_and_quantity(viewer):
    text = page_text(viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True))
    # Regnjacka: 1 pcs at 1 499,00 kr, 150,00 kr discount, 25 % tax, 269,80 kr tax, 1 349,00 kr total.
    row = (f"Item SB-JKT-M Regnjacka Skuggberg 1 pcs 1{NBSP}499,00{NBSP}kr 150,00{NBSP}kr 25% 269,80{NBSP}kr "
           f"1{NBSP}349,00{NBSP}kr")
    assert row in text
    finnish = page_text(viewer.get(f"/orders/{ids.B2B_AUTHORIZED_EUR}").get_data(as_text=True))
    assert "25,5%" in finnish  # 2550: two implied decimals


def test_product_links_are_links_only_for_http(viewer, sandbox):
    lines = [
        {"type": "physical", "name": "Web product", "quantity": 1, "unit_price": 1000, "total_amount": 1000,
         "product_url": "https://shop.example/p/1"},
        {"type": "physical", "name": "Script product", "quantity": 1, "unit_price": 1000, "total_amount": 1000,
         "product_url": "javascript:alert(1)"},
        {"type": "physical", "name": "Data product", "quantity": 1, "unit_price": 1000, "total_amount": 1000,
         "product_url": "data:text/html,<b>x</b>"},
    ]
    order = sandbox.create_order(order_lines=lines)
    html = viewer.get(f"/orders/{order['order_id']}").get_data(as_text=True)
    assert '<a href="https://shop.example/p/1" rel="noopener noreferrer" target="_blank">Web product</a>' in html
    assert 'href="javascript:' not in html and 'href="data:' not in html
    assert "javascript:alert(1)" in html and "data:text/html,&lt;b&gt;x&lt;/b&gt;" in html


def test_tracking_links_only_for_http(viewer, sandbox):
    order = sandbox.create_order()
    shipping = [
        {"shipping_company": "PostNord", "tracking_number": "PN1", "tracking_uri": "https://track.example/PN1"},
        {"shipping_company": "Shady", "tracking_number": "SH2", "tracking_uri": "javascript:alert('t')"},
    ]
    response = sandbox.om("POST", f"/{order['order_id']}/shipping-info", idempotency_key="t-1",
                          json={"shipping_info": shipping})
    assert response.status_code == 204
    html = viewer.get(f"/orders/{order['order_id']}").get_data(as_text=True)
    assert '<a class="mono" href="https://track.example/PN1" rel="noopener noreferrer" target="_blank">PN1</a>' in html
    assert 'href="javascript:' not in html
    assert "javascript:alert(&#39;t&#39;)" in html and '<span class="mono">SH2</span>' in html


def test_date_of_birth_and_national_id_are_masked(viewer, sandbox):
    raw = sandbox.get_order(ids.AUTHORIZED_SEK)["customer"]
    assert raw == {"date_of_birth": "1984-03-12", "national_identification_number": "198403122386"}
    html = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True)
    assert "••••-••-12" in html and "••••••••2386" in html
    assert "1984" not in html and "19840312" not in html and "198403122386" not in html


def test_masked_numbers_are_in_the_code_font_and_a_missing_one_is_a_plain_dash(viewer):
    html = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True)
    assert '<dd title="Hidden except the day"><span class="mono">••••-••-12</span></dd>' in html
    missing = viewer.get(f"/orders/{ids.AUTHORIZED_USD_SALES_TAX}").get_data(as_text=True)
    assert '<dd title="Hidden except the day">—</dd>' in missing
    assert '<dd title="Hidden except the last digits">—</dd>' in missing


def test_shipping_option_and_addresses(viewer):
    text = page_text(viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True))
    for expected in ("Carrier PostNord", "Product MyPack Collect", "Method Pick-up point",
                     "ICA Nära Rådmansgatan, Rådmansgatan 40, 113 57 Stockholm (SE-PN-2311)",
                     "Add-ons SMS notice: +46701234567",
                     "Fru Astrid Lindqvist Sveavägen 44 111 34 Stockholm Sweden (SE)",
                     "Same as billing."):
        assert expected in text
    timeslot = page_text(viewer.get(f"/orders/{ids.AUTHORIZED_EUR_INSTALMENTS}").get_data(as_text=True))
    assert "Timeslot 18:00–21:00, order by 12:00" in timeslot and "Door code: 4711" in timeslot
    separate = page_text(viewer.get(f"/orders/{ids.ORDER_SHIPPING_INFO_SEK}").get_data(as_text=True))
    assert "Linnégatan 3, lgh 1102" in separate and "Same as billing." not in separate
    assert "DB Schenker" in separate and "SE8812345678" in separate  # shipping info on the order


def test_captures_refunds_and_timeline(viewer):
    text = page_text(viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}").get_data(as_text=True))
    assert "Captures (2)" in text and "Refunds (1)" in text
    assert "TG6NPEA-1" in text and "TG6NPEA-2" in text
    assert f"€{NBSP}104,85 refunded €{NBSP}49,95" in text and f"€{NBSP}34,95 refunded" not in text
    assert "2 pcs × Fietstas waterdicht" in text and "Retour: één fietstas" in text
    timeline = text[text.index("Timeline"):]
    order = [timeline.index(word) for word in ("Refunded", "Captured", "Order placed")]
    assert order == sorted(order)  # newest first
    assert f"€{NBSP}104,85" in timeline and f"€{NBSP}49,95 · Retour: één fietstas" in timeline


def test_the_money_bar_uses_classes_not_inline_styles(viewer):
    html = viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}").get_data(as_text=True)
    # 139,80 captured of which 49,95 refunded, 79,95 remaining, of 219,75.
    assert 'aria-label="Captured, not refunded 41%, refunded 23%, remaining 36%"' in html
    assert "progress__segment--captured pct-41" in html and "progress__segment--refunded pct-23" in html
    assert " style=" not in html and "<script>" not in html
