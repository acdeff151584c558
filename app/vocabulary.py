"""Klarna's words, as staff read them: order statuses, payment methods, order line types, shipping
methods and add-ons. Forms offer these choices and presenters show these labels, so a value chosen
in a form reads the same on the order page."""

from __future__ import annotations

# The order's status: its badge and what it means for the next step.
ORDER_STATUSES = {
    "AUTHORIZED": ("Authorized", "Payment approved; nothing captured yet."),
    "PART_CAPTURED": ("Partly captured", "Part of the order is captured; the rest can still be captured."),
    "CAPTURED": ("Captured", "Everything is captured; refunds are still possible."),
    "CANCELLED": ("Cancelled", "The order was cancelled; nothing can be captured."),
    "EXPIRED": ("Expired", "The authorization ran out; nothing more can be captured."),
    "CLOSED": ("Closed", "The rest of the authorization was released; nothing more can be captured."),
}
UNKNOWN_STATUS_MEANING = "A status this dashboard does not know."

PAYMENT_METHODS = {
    "INVOICE": "Invoice",
    "INVOICE_BUSINESS": "Business invoice",
    "FIXED_AMOUNT": "Instalments",
    "PAY_LATER_IN_PARTS": "Pay later in parts",
    "PAY_LATER_BY_CARD": "Pay later by card",
    "PAY_IN_X": "Pay in instalments",
    "ACCOUNT": "Account (flexible)",
    "DIRECT_DEBIT": "Direct debit",
    "DIRECT_BANK_TRANSFER": "Bank transfer",
    "BANK_TRANSFER": "Bank transfer",
    "CARD": "Card",
    "MOBILEPAY": "MobilePay",
    "SWISH": "Swish",
}

# The order line types of the API, in the line editor's order (a return fee belongs to refunds only).
LINE_TYPES = {
    "physical": "Item",
    "digital": "Digital",
    "shipping_fee": "Shipping",
    "discount": "Discount",
    "surcharge": "Surcharge",
    "sales_tax": "Sales tax",
    "gift_card": "Gift card",
    "store_credit": "Store credit",
}
DEFAULT_LINE_TYPE = "physical"

# The API's shipping methods (shipping_info.shipping_method), in the order forms offer them.
SHIPPING_METHODS = {
    "Home": "Home delivery",
    "PickUpPoint": "Pick-up point",
    "PickUpStore": "Pick-up in store",
    "ClickCollect": "Click and collect",
    "PickUpWarehouse": "Pick-up at warehouse",
    "BoxReg": "Parcel box (registered)",
    "BoxUnreg": "Parcel box (unregistered)",
    "DHLPackstation": "DHL Packstation",
    "Postal": "Postal",
    "PalletDelivery": "Pallet delivery",
    "Digital": "Digital delivery",
    "Own": "Own delivery",
    "Undefined": "Other",
}

# Add-ons of the shipping option the customer chose at checkout.
ADDONS = {"sms": "SMS notice", "entry-code": "Door code"}

WORDS = {**PAYMENT_METHODS, **LINE_TYPES, **SHIPPING_METHODS, **ADDONS}


def label_of(code: str) -> str:
    """Klarna's code for a thing, as staff say it (an unknown code readable anyway)."""
    return WORDS.get(code) or code.replace("_", " ").capitalize()


def status_words(code: str) -> tuple[str, str]:
    """An order status's label and what it means: ("Partly captured", "Part of the order ...")."""
    return ORDER_STATUSES.get(code) or (code.replace("_", " ").capitalize(), UNKNOWN_STATUS_MEANING)
