"""Extending a capture's payment due date (pay-later and invoice payment methods only).

Qualifying ``initial_payment_method.type`` values: INVOICE, INVOICE_BUSINESS and PAY_LATER_BY_CARD.
A capture can be extended once, by one of the offered numbers of days; the fee is charged to the
merchant in the order currency. Other payment methods get an empty option list and a 403 on extension.
"""

from __future__ import annotations

from datetime import datetime

from . import model
from .clock import isoformat
from .errors import Refused

PAY_LATER_TYPES = frozenset({"INVOICE", "INVOICE_BUSINESS", "PAY_LATER_BY_CARD"})
OPTION_DAYS = (7, 14, 30)
# Fee for the shortest extension, in minor units of the currency; longer ones cost a multiple of it.
BASE_FEES = {
    "SEK": 2900, "NOK": 2900, "DKK": 2500, "EUR": 295, "USD": 295, "GBP": 250, "CHF": 295,
    "PLN": 1200, "CZK": 7500, "AUD": 450, "NZD": 450, "CAD": 395, "HUF": 99000, "RON": 1500,
}
DEFAULT_BASE_FEE = 300


def qualifies(order: dict) -> bool:
    return (order.get("initial_payment_method") or {}).get("type") in PAY_LATER_TYPES


def available_options(order: dict, capture: dict) -> list[dict]:
    if not qualifies(order) or capture.get("due_date_extension"):
        return []
    base = BASE_FEES.get(order["purchase_currency"].upper(), DEFAULT_BASE_FEE)
    return [{"number_of_days": days, "amount": base * (index + 1)} for index, days in enumerate(OPTION_DAYS)]


def options(order: dict, capture_id: str) -> dict:
    capture = model.find_capture(order, capture_id)
    return {"currency": order["purchase_currency"], "options": available_options(order, capture)}


def extend_due_date(order: dict, capture_id: str, body: dict, now: datetime) -> None:
    capture = model.find_capture(order, capture_id)
    if not qualifies(order):
        raise Refused("NOT_ALLOWED", "Due date extension is only possible for pay later and invoice payments.")
    if capture.get("due_date_extension"):
        raise Refused("NOT_ALLOWED", "The due date of this capture has already been extended.")
    offered = {option["number_of_days"]: option["amount"] for option in available_options(order, capture)}
    days = body["number_of_days"]
    if days not in offered:
        allowed = ", ".join(str(value) for value in offered)
        raise Refused("NOT_ALLOWED", f"Due date cannot be extended by {days} days. Available options: {allowed}.")
    capture["due_date_extension"] = {"number_of_days": days, "fee_amount": offered[days],
                                     "extended_at": isoformat(now)}
