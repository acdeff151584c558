"""Presenter rules that the sandbox's orders do not all reach: links, masks, bars, the timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.display import Amounts, http_url, mask, tax_rate
from app.klarna.types import Address, Capture, Order, Refund
from app.presenters import StaffAction, build_timeline
from app.presenters.balance import present_balance, whole_percents
from app.presenters.people import present_address
from app.presenters.status import fraud_warning, order_status


@pytest.mark.parametrize("url,link", [
    ("https://track.example/x?id=1", True), ("http://track.example", True), ("HTTPS://TRACK.EXAMPLE/", True),
    ("javascript:alert(1)", False), ("JavaScript:alert(1)", False), ("data:text/html,x", False),
    ("//track.example/x", False), ("ftp://files.example/x", False), ("https://", False),
    ("https://track.example/\nx", False), (" https://track.example", False), ("", False), (None, False),
])
def test_only_http_addresses_become_links(url, link):
    assert http_url(url) == (url if link else None)


@pytest.mark.parametrize("value,keep,shown", [
    ("198403122386", 4, "••••••••2386"), (date(1984, 3, 12), 2, "••••-••-12"), ("19840312-2386", 4, "••••••••-2386"),
    ("12", 4, "12"), (None, 4, "—"), ("", 4, "—"),
])
def test_masking_keeps_only_the_last_characters(value, keep, shown):
    assert mask(value, keep) == shown


def test_tax_rates_have_two_implied_decimals():
    assert tax_rate(2500, "en-US") == "25%"
    assert tax_rate(2550, "sv-SE") == "25,5%"
    assert tax_rate(810, "de-CH") == "8.1%"
    assert tax_rate(0, "en") == "0%"


def _order(**amounts) -> Order:
    return Order(purchase_currency="EUR", locale="de-DE", **amounts)


def test_the_bar_is_the_whole_with_every_part_visible():
    bar = present_balance(_order(order_amount=300, captured_amount=299, refunded_amount=1,
                                 remaining_authorized_amount=1), Amounts("EUR", "de-DE")).bar
    assert (bar.captured_pct, bar.refunded_pct, bar.remaining_pct) == (98, 1, 1)


@pytest.mark.parametrize(
    "parts, shares",
    [
        ([8985, 4995, 7995], [41, 23, 36]),  # 40.9 / 22.7 / 36.4: the two largest remainders round up
        ([1, 1, 1], [34, 33, 33]),
        ([0, 0, 5], [0, 0, 100]),
        ([0, 0, 0], [0, 0, 0]),
    ],
)
def test_bar_shares_add_up_to_a_hundred(parts, shares):
    assert whole_percents(parts) == shares


@given(st.lists(st.integers(min_value=0, max_value=200_000_000), min_size=3, max_size=3))
def test_bar_shares_are_whole_and_keep_every_amount_visible(parts):
    shares = whole_percents(parts)
    assert sum(shares) == (100 if sum(parts) else 0)
    assert all((share >= 1) == (part > 0) for part, share in zip(parts, shares))
    assert all(abs(share - part * 100 / sum(parts)) <= 2 for part, share in zip(parts, shares) if sum(parts))


def test_a_tiny_amount_is_still_visible_on_the_bar():
    bar = present_balance(_order(order_amount=100000, captured_amount=1, refunded_amount=0,
                                 remaining_authorized_amount=99999), Amounts("EUR", "de-DE")).bar
    assert bar.captured_pct == 1 and bar.remaining_pct == 99


def test_unknown_statuses_are_shown_readably():
    assert order_status("ON_HOLD").label == "On hold"
    assert order_status(None).label == "Unknown"
    assert fraud_warning("ACCEPTED") is None
    assert fraud_warning("REJECTED").title == "Fraud check rejected"
    assert fraud_warning("SOMETHING_NEW").title == "Fraud status SOMETHING_NEW"


def test_the_timeline_mixes_klarna_and_staff_newest_first():
    order = Order(
        purchase_currency="SEK", locale="sv-SE", original_order_amount=10000,
        created_at=datetime(2026, 1, 1, 9, tzinfo=UTC),
        captures=[Capture(capture_id="c1", captured_amount=6000, captured_at=datetime(2026, 1, 2, 9, tzinfo=UTC))],
        refunds=[Refund(refund_id="r1", refunded_amount=1000, description="Returned",
                        refunded_at=datetime(2026, 1, 4, 9, tzinfo=UTC))],
    )
    staff = [StaffAction(datetime(2026, 1, 3, 9), "alice", "Added tracking PN1"),  # naive: UTC
             StaffAction(datetime(2026, 1, 5, 9, tzinfo=UTC), "bob", "Capture of 40,00 kr", "unknown")]
    entries = build_timeline(order, staff)
    assert [(entry.kind, entry.title) for entry in entries] == [
        ("staff", "Capture of 40,00 kr"), ("refund", "Refunded"), ("staff", "Added tracking PN1"),
        ("capture", "Captured"), ("placed", "Order placed"),
    ]
    assert entries[0].actor == "bob" and entries[0].outcome == "outcome unknown"
    assert entries[1].detail == "10,00\u00a0kr · Returned" and entries[1].refund_id == "r1"
    assert entries[3].capture_id == "c1" and entries[4].when == "1 Jan 2026, 09:00 UTC"


@pytest.mark.parametrize("where,lines", [
    (Address(postal_code="111 34", city="Stockholm", country="SE"), ["111 34 Stockholm", "Sweden (SE)"]),
    (Address(postal_code="94103", city="San Francisco", region="CA", country="US"),
     ["San Francisco, CA 94103", "United States (US)"]),
    (Address(postal_code="2000", city="Sydney", region="NSW", country="AU"), ["Sydney NSW 2000", "Australia (AU)"]),
    (Address(postal_code="M1 1AA", city="Manchester", country="GB"), ["Manchester", "M1 1AA", "United Kingdom (GB)"]),
    (Address(postal_code="94103", city="San Francisco", country="US"), ["San Francisco 94103", "United States (US)"]),
])
def test_the_town_line_follows_the_country(where, lines):
    assert present_address(where).lines == lines
