"""Building a new order document, as Klarna holds it right after the purchase (status AUTHORIZED)."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import datetime, timedelta

from . import spec
from .clock import isoformat, parse_iso
from .order_lines import check_lines_match_amount

DEFAULT_AUTHORIZATION_DAYS = 28
COPIED_FIELDS = (
    "merchant_reference1", "merchant_reference2", "merchant_data", "customer", "billing_address",
    "shipping_address", "initial_payment_method", "selected_shipping_option",
)


def new_order_schema() -> dict:
    """What ``POST /sandbox/orders`` accepts: the order fields Klarna sets at purchase."""
    component = spec.component_schema
    text = {"type": "string", "maxLength": 255}
    return {
        "type": "object",
        "required": ["purchase_currency", "purchase_country", "locale", "order_amount", "order_lines"],
        "properties": {
            "order_id": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "[A-Za-z0-9._~-]+"},
            "purchase_currency": {"type": "string", "pattern": "[A-Za-z]{3}"},
            "purchase_country": {"type": "string", "pattern": "[A-Za-z]{2}"},
            "locale": {"type": "string", "pattern": "[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?"},
            "order_amount": {"type": "integer", "minimum": 0, "maximum": 200000000},
            "order_lines": {"type": "array", "minItems": 1, "maxItems": 1000, "items": component("order_line")},
            "billing_address": component("address"),
            "shipping_address": component("address"),
            "merchant_reference1": text,
            "merchant_reference2": text,
            "merchant_data": {"type": "string", "maxLength": 6000},
            "customer": component("customer"),
            "initial_payment_method": component("InitialPaymentMethodDto"),
            "selected_shipping_option": component("SelectedShippingOptionDto"),
            "fraud_status": {"type": "string", "enum": ["ACCEPTED", "PENDING", "REJECTED"]},
            "expires_at": {"type": "string", "format": "date-time"},
        },
    }


def klarna_reference(order_id: str) -> str:
    """A short customer-facing reference such as ``K4MADNY``, stable for a given order id."""
    digest = hashlib.sha256(order_id.encode()).digest()
    return base64.b32encode(digest).decode()[:7]


def new_order(body: dict, now: datetime) -> dict:
    """The stored document for a validated ``POST /sandbox/orders`` body, created at ``now``."""
    check_lines_match_amount(body["order_lines"], body["order_amount"])
    order_id = body.get("order_id") or str(uuid.uuid4())
    order = {
        "order_id": order_id,
        "klarna_reference": klarna_reference(order_id),
        "purchase_currency": body["purchase_currency"].upper(),
        "purchase_country": body["purchase_country"].upper(),
        "locale": body["locale"],
        "order_amount": body["order_amount"],
        "original_order_amount": body["order_amount"],
        "order_lines": body["order_lines"],
        "fraud_status": body.get("fraud_status", "ACCEPTED"),
        "created_at": isoformat(now),
        "expires_at": isoformat(parse_iso(body["expires_at"]) if "expires_at" in body
                                else now + timedelta(days=DEFAULT_AUTHORIZATION_DAYS)),
        "shipping_info": [],
        "captures": [],
        "refunds": [],
    }
    order.update({name: body[name] for name in COPIED_FIELDS if name in body})
    return order
