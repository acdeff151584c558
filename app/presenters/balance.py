"""The money panel: the order's amounts and a captured / refunded / remaining bar."""

from __future__ import annotations

from dataclasses import dataclass

from app.display import Amounts
from app.klarna.types import Order


@dataclass(frozen=True)
class Bar:
    captured_pct: int  # captured and not refunded
    refunded_pct: int
    remaining_pct: int
    label: str  # for screen readers: "Captured, not refunded 45%, refunded 23%, remaining 32%"


@dataclass(frozen=True)
class BalanceView:
    currency: str
    original_order_amount: str
    order_amount: str
    captured: str
    refunded: str
    remaining: str
    amount_lowered: bool  # the authorization was lowered after the purchase
    bar: Bar


def present_balance(order: Order, amounts: Amounts) -> BalanceView:
    return BalanceView(
        currency=order.purchase_currency or "",
        original_order_amount=amounts(order.original_order_amount),
        order_amount=amounts(order.order_amount),
        captured=amounts(order.captured_amount or 0),
        refunded=amounts(order.refunded_amount or 0),
        remaining=amounts(order.remaining_authorized_amount or 0),
        amount_lowered=(order.original_order_amount or 0) > (order.order_amount or 0),
        bar=_bar(order),
    )


def whole_percents(parts: list[int]) -> list[int]:
    """Each part's share of their sum in whole percent, adding up to exactly 100 (largest
    remainders round up), with at least 1 for any part above zero so that it stays visible."""
    whole = sum(parts)
    if whole <= 0:
        return [0] * len(parts)
    shares = [part * 100 // whole for part in parts]
    by_remainder = sorted(range(len(parts)), key=lambda i: part_remainder(parts[i], whole), reverse=True)
    for i in by_remainder[: 100 - sum(shares)]:
        shares[i] += 1
    for i, part in enumerate(parts):
        if part > 0 and shares[i] == 0:
            shares[i] = 1
            shares[shares.index(max(shares))] -= 1
    return shares


def part_remainder(part: int, whole: int) -> int:
    return part * 100 % whole


def _bar(order: Order) -> Bar:
    captured = order.captured_amount or 0
    refunded = min(order.refunded_amount or 0, captured)
    remaining = order.remaining_authorized_amount or 0
    # The authorization still in play: what was captured and what can still be. Whatever was
    # released, cancelled or has expired is not part of the bar.
    captured_pct, refunded_pct, remaining_pct = whole_percents([captured - refunded, refunded, remaining])
    label = f"Captured, not refunded {captured_pct}%, refunded {refunded_pct}%, remaining {remaining_pct}%"
    return Bar(captured_pct, refunded_pct, remaining_pct, label)
