"""Stable ids of the demo orders the sandbox creates on first start.

The README, docs/SANDBOX.md and tests cite these names; the ids never change. Each comment gives the
status right after seeding, the currency and what the order is there to show.
"""

from __future__ import annotations

import uuid

# Authorized, nothing captured yet
AUTHORIZED_SEK = "340f25f5-6d52-4b35-b124-d9a69cf587c6"  # SEK invoice, discount + shipping fee, pickup point
AUTHORIZED_EUR_INSTALMENTS = "e37360f3-d823-4fc4-8c2d-1be2ad812890"  # EUR, instalments, delivery timeslot
AUTHORIZED_USD_SALES_TAX = "81b93cd0-1ad4-4da8-8eac-fbe01ea4e493"  # USD card, US sales tax line
EXPIRING_SOON_GBP = "94ea3298-d17f-485e-b41d-6dc91b2ac3df"  # GBP, authorization expires within a day
HTML_IN_TEXT_NOK = "15f01063-d3d0-4f87-aa17-98b17092a931"  # NOK, HTML/script in merchant_data and a line name
AUTHORIZED_DKK = "76c9994c-1a77-4590-8beb-d2dadfaf0888"  # DKK, MobilePay
B2B_AUTHORIZED_EUR = "e75aa86e-5031-409f-8dd5-d1200333aa5d"  # EUR business invoice (Finland)
AUTHORIZED_CHF = "e13762e3-79b6-4cc2-89db-d7d259582757"  # CHF invoice
AUTHORIZED_PLN = "279bf31a-8ad5-4fd7-85aa-11bb912b099c"  # PLN bank transfer
DIGITAL_CZK = "f731cb14-062f-4442-b0e9-b30ffed95d08"  # CZK digital goods, gift card, surcharge
UPDATED_AUTHORIZATION_EUR = "79017e94-a8d2-4647-be67-bd4eb7155d95"  # EUR, amount lowered after purchase
SUBSCRIPTION_USD = "ec0fb980-900d-4a5e-b0a4-bbcdaa73eddb"  # USD subscription line
FRAUD_PENDING_SEK = "041fde35-5480-43d1-95c1-aa0e92fd197f"  # SEK Swish, fraud_status PENDING
ORDER_SHIPPING_INFO_SEK = "49c88aaf-19f7-4879-8de3-c09445c4a479"  # SEK, shipping info on the order itself

# Partly captured
PART_CAPTURED_SEK = "d46c48a5-5a10-4cf2-8d5e-bfc810d8e35a"  # SEK invoice, first parcel captured and tracked
PART_CAPTURED_EUR_REFUNDED = "8e8667f3-d40f-4779-981c-5a5d8e7937d2"  # EUR, two captures and a refund
B2B_PART_CAPTURED_USD = "12e574f9-5a16-4e2a-93bb-65f39637567f"  # USD business invoice

# Fully captured
CAPTURED_INVOICE_SEK = "4fa2120d-5c84-48e4-87ce-9e60d5974fb3"  # SEK invoice: due-date extension options
CAPTURED_PARTLY_REFUNDED_GBP = "e63744a0-5e3d-47a8-a597-ea093eeef7e7"  # GBP card, one line refunded
CAPTURED_FULLY_REFUNDED_EUR = "844615fa-3688-4ee1-b66f-60700afebd1a"  # EUR, everything refunded
CAPTURED_TWO_SHIPMENTS_NOK = "288108df-01e7-42a5-91f9-3278a57193a9"  # NOK, two captures, two parcels
B2B_CAPTURED_DKK = "156821e7-0d25-4ce0-9591-a61f7e9baea4"  # DKK business invoice
CAPTURED_AUD = "edfbf3ba-0152-422a-88e0-8568857b8e5f"  # AUD, pay in 4

# Closed for good
CANCELLED_SEK = "c141a13d-9359-4b58-9e7f-a01024d19675"  # SEK, cancelled before shipping
CANCELLED_USD = "684084bf-7bba-439e-9637-f8d5bb84be01"  # USD, cancelled
EXPIRED_EUR = "29715bd1-b43a-437c-8818-5b7ba3ceac93"  # EUR, never captured, authorization expired
EXPIRED_PART_CAPTURED_GBP = "e4030372-89a8-4d9d-b5d7-c5d98c1e2cdf"  # GBP, expired after a partial capture
CLOSED_SEK = "cfdc1fc6-be14-4465-b5fc-9fad19bca189"  # SEK, rest of the authorization released
CLOSED_EUR_REFUNDED = "eb8f3eb2-6853-4a65-b621-17255838461d"  # EUR, released, then a refund

_CAPTURE_NAMESPACE = uuid.UUID("485eb3c6-8202-4d72-a9b4-a1405b5aa74b")


def demo_capture_id(order_id: str, number: int) -> str:
    """Id of the ``number``-th capture (from 1) of a demo order."""
    return str(uuid.uuid5(_CAPTURE_NAMESPACE, f"{order_id}/capture/{number}"))


def demo_refund_id(order_id: str, number: int) -> str:
    """Id of the ``number``-th refund (from 1) of a demo order."""
    return str(uuid.uuid5(_CAPTURE_NAMESPACE, f"{order_id}/refund/{number}"))
