"""Order lines (of the order, a capture or a refund) as table rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.display import NOTHING, Amounts, http_url, tax_rate, text, words
from app.klarna.types import OrderLine


@dataclass(frozen=True)
class LineRow:
    kind: str
    reference: str
    name: str
    quantity: str  # "2 pcs"
    unit_price: str
    discount: str  # a dash when there is none
    tax_rate: str
    total_tax: str
    total: str
    product_url: str | None  # a safe http(s) link, or None
    product_url_text: str | None  # an address that is not a safe link, shown as text
    subscription: str | None  # "Monthly coffee, every 1 month"


@dataclass(frozen=True)
class LinesView:
    rows: list[LineRow]
    total: str
    total_tax: str
    any_discount: bool  # without discounts the table leaves that column out


def present_lines(lines: Sequence[OrderLine], amounts: Amounts, locale: str | None) -> LinesView:
    rows = [_row(line, amounts, locale) for line in lines]
    total = sum(line.total_amount for line in lines)
    tax = sum(line.total_tax_amount or 0 for line in lines)
    any_discount = any(line.total_discount_amount for line in lines)
    return LinesView(rows, amounts(total), amounts(tax), any_discount)


def _row(line: OrderLine, amounts: Amounts, locale: str | None) -> LineRow:
    link = http_url(line.product_url)
    unit = f" {line.quantity_unit}" if line.quantity_unit else ""
    return LineRow(
        kind=words(line.type or "physical"),
        reference=text(line.reference),
        name=line.name,
        quantity=f"{line.quantity}{unit}",
        unit_price=amounts(line.unit_price),
        discount=amounts(line.total_discount_amount) if line.total_discount_amount else NOTHING,
        tax_rate=tax_rate(line.tax_rate, locale),
        total_tax=amounts(line.total_tax_amount),
        total=amounts(line.total_amount),
        product_url=link,
        product_url_text=line.product_url if line.product_url and not link else None,
        subscription=_subscription(line),
    )


def _subscription(line: OrderLine) -> str | None:
    plan = line.subscription
    if plan is None:
        return None
    unit = plan.interval.lower() + ("s" if plan.interval_count != 1 else "")
    return f"{plan.name}, every {plan.interval_count} {unit}"
