"""A request kept in the ledger reads back into the same typed request, for every action's type."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.actions import offered  # noqa: F401  (registers every action)
from app.actions import registry
from app.actions.authorizing import AuthorizationRequest
from app.actions.capturing import CaptureRequest
from app.actions.edit_requests import DueDateRequest, ReferencesRequest, ShippingAddressRequest, ShippingInfoRequest
from app.actions.extend import ExtendRequest
from app.klarna.codec import DecodeError, decode, encode
from app.actions.refunding import RefundRequest
from app.actions.release import ReleaseRequest
from app.klarna.types import Address, OrderLine, ProductIdentifiers, ShippingInfo

THERMOS = OrderLine(name="Termos", reference="T-1", type="physical", quantity=2, unit_price=24900,
                    total_amount=49800, tax_rate=2500, total_tax_amount=9960,
                    product_identifiers=ProductIdentifiers(brand="Stelton"))
PARCEL = ShippingInfo(shipping_company="PostNord", tracking_number="T1", tracking_uri="https://track.example/T1")
WHEN = datetime(2026, 12, 24, 23, 59, 59, tzinfo=UTC)

REQUESTS = [
    CaptureRequest(49800, "Thermos", "R-1", (THERMOS,), (PARCEL,), 3, mode="lines"),
    CaptureRequest(49700, mode="everything"),
    RefundRequest(49800, "Returned", None, (THERMOS,), mode="lines"),
    AuthorizationRequest(60000, "More", (THERMOS, THERMOS), origins=(0, None)),
    ExtendRequest(WHEN, WHEN, WHEN),
    ReleaseRequest(29700),
    ReferencesRequest("A", ""),
    ShippingAddressRequest(Address(given_name="Klara", street_address="Gatan 1", postal_code="11122",
                                   city="Stockholm", country="SE")),
    ShippingInfoRequest((PARCEL, PARCEL)),
    DueDateRequest(14, "SEK 58,00"),
]


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda request: type(request).__name__)
def test_a_request_reads_back_equal_and_sends_the_same_json(request_):
    stored = encode(request_)
    again = decode(type(request_), stored)
    assert again == request_
    assert encode(again) == stored


def test_every_actions_request_type_is_known():
    types = {action.name: action.request_type() for action in registry.all_actions()}
    assert types["capture"] is CaptureRequest and types["extend_due_date"] is DueDateRequest
    assert types["order_shipping_info"] is types["capture_shipping_info"] is ShippingInfoRequest


def test_a_klarna_object_reads_back_through_its_own_json():
    stored = encode(CaptureRequest(49800, order_lines=(THERMOS,)))
    assert stored["order_lines"][0]["product_identifiers"] == {"brand": "Stelton"}
    assert decode(CaptureRequest, stored).order_lines == (THERMOS,)


@pytest.mark.parametrize("document", [
    {"captured_amount": "49800"},
    {"captured_amount": True},
    {"captured_amount": 1, "order_lines": {"name": "not a list"}},
    "not an object",
])
def test_a_document_of_another_shape_is_refused(document):
    with pytest.raises(DecodeError):
        decode(CaptureRequest, document)


def test_a_time_without_a_zone_is_utc_as_in_klarnas_answers():
    stored = {**encode(ExtendRequest(WHEN, WHEN, WHEN)), "until": "2026-12-24T23:59:59"}
    assert decode(ExtendRequest, stored).until == WHEN
