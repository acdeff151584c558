"""Klarna Order Management objects as small typed dataclasses.

Every field of the API's schemas is here, under its JSON name (``SelectedShippingOption.class_``
and ``LocationAddress.street_address_2`` are the two exceptions Python forces). Amounts are integers
in minor units, date-times are timezone-aware ``datetime`` objects (a zone-less value is read as
UTC), absent lists are empty lists, and unknown fields are kept in ``extra``. Request payloads are
built from these types (``OrderLine``, ``ShippingInfo``, ``Address``): ``to_json()`` omits None.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.klarna.codec import DecodeError, KlarnaObject

__all__ = [
    "Addon", "Address", "Capture", "CarrierProduct", "Customer", "DecodeError", "DueDateOption",
    "DueDateOptions", "InitialPaymentMethod", "Location", "LocationAddress", "Order", "OrderLine",
    "OrderStatus", "ProductIdentifiers", "Refund", "SelectedShippingOption", "ShippingInfo",
    "Subscription", "Timeslot",
]  # fmt: skip

Klarna = dataclass(kw_only=True)


class OrderStatus:
    """The values of ``Order.status``."""

    AUTHORIZED = "AUTHORIZED"
    PART_CAPTURED = "PART_CAPTURED"
    CAPTURED = "CAPTURED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"
    CLOSED = "CLOSED"
    OPEN = frozenset({AUTHORIZED, PART_CAPTURED})  # the authorization is live: more can be captured


@Klarna
class Address(KlarnaObject):
    """A customer's billing or shipping address (the API's ``address``)."""

    given_name: str | None = None
    family_name: str | None = None
    title: str | None = None
    attention: str | None = None
    organization_name: str | None = None
    email: str | None = None
    phone: str | None = None
    street_address: str | None = None
    street_address2: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None


@Klarna
class Customer(KlarnaObject):
    date_of_birth: date | None = None
    national_identification_number: str | None = None


@Klarna
class ProductIdentifiers(KlarnaObject):
    brand: str | None = None
    category_path: str | None = None
    global_trade_item_number: str | None = None
    manufacturer_part_number: str | None = None
    color: str | None = None
    size: str | None = None


@Klarna
class Subscription(KlarnaObject):
    name: str
    interval: str  # DAY, WEEK, MONTH or YEAR
    interval_count: int


@Klarna
class OrderLine(KlarnaObject):
    """One line of an order, capture or refund. Amounts in minor units; ``tax_rate`` in 1/100 %."""

    name: str
    quantity: int
    unit_price: int
    total_amount: int
    type: str | None = None  # physical, discount, shipping_fee, sales_tax, ...
    reference: str | None = None
    quantity_unit: str | None = None
    tax_rate: int | None = None
    total_discount_amount: int | None = None
    total_tax_amount: int | None = None
    merchant_data: str | None = None
    product_url: str | None = None
    image_url: str | None = None
    product_identifiers: ProductIdentifiers | None = None
    subscription: Subscription | None = None


@Klarna
class ShippingInfo(KlarnaObject):
    shipping_company: str | None = None
    shipping_method: str | None = None  # Home, PickUpPoint, PickUpStore, Postal, ...
    tracking_number: str | None = None
    tracking_uri: str | None = None
    return_shipping_company: str | None = None
    return_tracking_number: str | None = None
    return_tracking_uri: str | None = None


@Klarna
class InitialPaymentMethod(KlarnaObject):
    type: str | None = None  # e.g. INVOICE, FIXED_AMOUNT, PAY_LATER_IN_PARTS
    description: str | None = None
    number_of_installments: int | None = None


@Klarna
class CarrierProduct(KlarnaObject):
    identifier: str | None = None
    name: str | None = None


@Klarna
class LocationAddress(KlarnaObject):
    """The address of a pick-up location (the API's ``Address``, not the customer's ``address``)."""

    street_address: str | None = None
    street_address_2: str | None = field(default=None, metadata={"json": "street_address__2"})
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None


@Klarna
class Location(KlarnaObject):
    id: str | None = None
    name: str | None = None
    price: int | None = None
    address: LocationAddress | None = None


@Klarna
class Timeslot(KlarnaObject):
    id: str | None = None
    start: str | None = None
    end: str | None = None
    cutoff: str | None = None
    price: int | None = None


@Klarna
class Addon(KlarnaObject):
    type: str | None = None
    price: int | None = None
    external_id: str | None = None
    user_input: str | None = None


@Klarna
class SelectedShippingOption(KlarnaObject):
    id: str | None = None
    name: str | None = None
    method: str | None = None
    type: str | None = None
    class_: str | None = field(default=None, metadata={"json": "class"})
    carrier: str | None = None
    carrier_product: CarrierProduct | None = None
    price: int | None = None
    tax_amount: int | None = None
    tax_rate: int | None = None
    location: Location | None = None
    timeslot: Timeslot | None = None
    selected_addons: list[Addon] = field(default_factory=list)
    tms_reference: str | None = None


@Klarna
class Capture(KlarnaObject):
    capture_id: str | None = None
    klarna_reference: str | None = None
    captured_amount: int | None = None
    captured_at: datetime | None = None
    description: str | None = None
    reference: str | None = None
    refunded_amount: int | None = None
    order_lines: list[OrderLine] = field(default_factory=list)
    shipping_info: list[ShippingInfo] = field(default_factory=list)
    billing_address: Address | None = None
    shipping_address: Address | None = None


@Klarna
class Refund(KlarnaObject):
    refund_id: str | None = None
    refunded_amount: int | None = None
    refunded_at: datetime | None = None
    description: str | None = None
    reference: str | None = None
    credit_invoice: bool | None = None
    order_lines: list[OrderLine] = field(default_factory=list)


@Klarna
class Order(KlarnaObject):
    """An order as ``get_order`` returns it (the API's ``MerchantOrderDto``)."""

    order_id: str | None = None
    status: str | None = None  # see OrderStatus
    fraud_status: str | None = None
    klarna_reference: str | None = None
    merchant_reference1: str | None = None
    merchant_reference2: str | None = None
    merchant_data: str | None = None
    purchase_country: str | None = None
    purchase_currency: str | None = None
    locale: str | None = None
    order_amount: int | None = None
    original_order_amount: int | None = None
    captured_amount: int | None = None
    refunded_amount: int | None = None
    remaining_authorized_amount: int | None = None
    created_at: datetime | None = None
    expires_at: datetime | None = None
    order_lines: list[OrderLine] = field(default_factory=list)
    captures: list[Capture] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    shipping_info: list[ShippingInfo] = field(default_factory=list)
    billing_address: Address | None = None
    shipping_address: Address | None = None
    customer: Customer | None = None
    initial_payment_method: InitialPaymentMethod | None = None
    selected_shipping_option: SelectedShippingOption | None = None

    def find_capture(self, capture_id: str) -> Capture | None:
        """The order's capture with this id, or None."""
        return next((capture for capture in self.captures if capture.capture_id == capture_id), None)

    def find_refund(self, refund_id: str) -> Refund | None:
        """The order's refund with this id, or None."""
        return next((refund for refund in self.refunds if refund.refund_id == refund_id), None)


@Klarna
class DueDateOption(KlarnaObject):
    number_of_days: int | None = None
    amount: int | None = None  # the fee, in minor units of DueDateOptions.currency


@Klarna
class DueDateOptions(KlarnaObject):
    currency: str | None = None
    options: list[DueDateOption] = field(default_factory=list)
