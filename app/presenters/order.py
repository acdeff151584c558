"""The whole order page as display values: one attribute per panel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.display import Amounts, country, locale_name, relative, text, when, within, words
from app.klarna.types import InitialPaymentMethod, Order, OrderStatus
from app.presenters.balance import BalanceView, present_balance
from app.presenters.captures import CaptureView, RefundView, present_capture, present_refund
from app.presenters.lines import LinesView, present_lines
from app.presenters.people import CustomerView, customer_name, present_customer
from app.presenters.shipping import ParcelView, ShippingOptionView, present_parcels, present_shipping_option
from app.presenters.status import FraudWarning, StatusView, fraud_warning, order_status
from app.presenters.timeline import Acknowledgement, StaffActionLike, TimelineEntry, acknowledgement, build_timeline
from app.upstream import LoadedOrder

EXPIRY_WARNING = timedelta(days=7)


@dataclass(frozen=True)
class Expiry:
    absolute: str
    relative: str  # "in 5 days", "2 days ago"
    soon: bool  # under 7 days left while something can still be captured
    label: str = "Expires"  # "Expired" once the moment has passed


@dataclass(frozen=True)
class SummaryView:
    title: str  # merchant reference 1, else Klarna's reference
    order_id: str
    klarna_reference: str
    merchant_reference1: str
    merchant_reference2: str
    customer: str
    status: StatusView
    fraud: FraudWarning | None
    order_amount: str
    remaining: str
    created: str
    expires: Expiry
    payment_method: str
    locale: str
    purchase_country: str
    store: str
    merchant_data: str | None  # the shop's free text, shown as text
    acknowledged: Acknowledgement | None  # from this dashboard's audit log (Klarna does not say)


@dataclass(frozen=True)
class OrderView:
    summary: SummaryView
    money: BalanceView
    lines: LinesView
    customer: CustomerView
    shipping_option: ShippingOptionView | None
    parcels: list[ParcelView]  # shipping info reported on the order itself
    captures: list[CaptureView]
    refunds: list[RefundView]
    timeline: list[TimelineEntry]


def amounts_of(order: Order) -> Amounts:
    return Amounts(order.purchase_currency or "", order.locale)


def present_order(
    loaded: LoadedOrder, staff_actions: Iterable[StaffActionLike] = (), now: datetime | None = None
) -> OrderView:
    order = loaded.order
    amounts = amounts_of(order)
    staff_actions = list(staff_actions)
    return OrderView(
        summary=present_summary(loaded, amounts, now or datetime.now(UTC), acknowledgement(staff_actions)),
        money=present_balance(order, amounts),
        lines=present_lines(order.order_lines, amounts, order.locale),
        customer=present_customer(order.customer, order.billing_address, order.shipping_address),
        shipping_option=present_shipping_option(order.selected_shipping_option, amounts),
        parcels=present_parcels(order.shipping_info),
        captures=[present_capture(capture, amounts, order.locale) for capture in reversed(order.captures)],
        refunds=[present_refund(refund, amounts, order.locale) for refund in reversed(order.refunds)],
        timeline=build_timeline(order, staff_actions),
    )


def capture_of(loaded: LoadedOrder, capture_id: str) -> CaptureView | None:
    """One capture of the order, from the order's own copy; None if it has no such capture."""
    order = loaded.order
    found = order.find_capture(capture_id)
    return present_capture(found, amounts_of(order), order.locale) if found else None


def refund_of(loaded: LoadedOrder, refund_id: str) -> RefundView | None:
    """One refund of the order, from the order's own copy; None if it has no such refund."""
    order = loaded.order
    found = order.find_refund(refund_id)
    return present_refund(found, amounts_of(order), order.locale) if found else None


def present_summary(
    loaded: LoadedOrder, amounts: Amounts, now: datetime, acknowledged: Acknowledgement | None = None
) -> SummaryView:
    order = loaded.order
    return SummaryView(
        title=order.merchant_reference1 or order.klarna_reference or loaded.order_id,
        order_id=loaded.order_id,
        klarna_reference=text(order.klarna_reference),
        merchant_reference1=text(order.merchant_reference1),
        merchant_reference2=text(order.merchant_reference2),
        customer=customer_name(order.billing_address or order.shipping_address),
        status=order_status(order.status),
        fraud=fraud_warning(order.fraud_status),
        order_amount=amounts(order.order_amount),
        remaining=amounts(order.remaining_authorized_amount or 0),
        created=when(order.created_at),
        expires=_expiry(order, now),
        payment_method=payment_method(order.initial_payment_method),
        locale=locale_name(order.locale),
        purchase_country=country(order.purchase_country),
        store=loaded.store.label,
        merchant_data=order.merchant_data or None,
        acknowledged=acknowledged,
    )


def _expiry(order: Order, now: datetime) -> Expiry:
    soon = order.status in OrderStatus.OPEN and within(order.expires_at, now, EXPIRY_WARNING)
    label = "Expired" if within(order.expires_at, now, timedelta(0)) else "Expires"
    return Expiry(when(order.expires_at), relative(order.expires_at, now), soon, label)


def payment_method(method: InitialPaymentMethod | None) -> str:
    """``Instalments (6) – In 6 Raten bezahlen``."""
    if method is None:
        return text(None)
    kind = words(method.type)
    if method.number_of_installments:
        kind += f", {method.number_of_installments} instalments"
    if not method.description or method.description.casefold() == kind.casefold():
        return kind
    return f"{kind} – {method.description}"
