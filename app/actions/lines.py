"""Order lines: what is left of each line, part of a line, and the arithmetic Klarna checks.

A line is matched with the lines of earlier captures (or refunds) by its reference and name. Part of
a line (``quantity`` of its units) gets the matching share of the line's discount and tax: the units
already taken are counted first, so the shares of all parts add up to the line's totals exactly.

Klarna checks every line it is sent: ``total_amount = quantity * unit_price - total_discount_amount``,
and the tax must match the tax rate (``total - total * 10000 / (10000 + tax_rate)``) within one minor
unit. A sales tax line (US style) is all tax.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from app.klarna.types import OrderLine

MAX_LINES = 1000  # the API's limit of order lines in an order, a capture or a refund


def line_identity(line: OrderLine) -> tuple[str, str]:
    return (line.reference or "", line.name)


@dataclass(frozen=True)
class LineState:
    """One order line and how many of its units an operation has already taken."""

    index: int
    line: OrderLine
    taken: int

    @property
    def key(self) -> str:
        """Names the line in a form; changes if the order's lines change."""
        document = [self.index, self.line.reference, self.line.name, self.line.quantity, self.line.unit_price]
        return hashlib.sha256(json.dumps(document).encode()).hexdigest()[:16]

    @property
    def left(self) -> int:
        return max(self.line.quantity - self.taken, 0)

    def part(self, quantity: int) -> OrderLine:
        """The next ``quantity`` units of the line, with their share of its total and tax; the
        discount is what makes ``total = quantity * unit_price - discount`` hold."""
        whole = self.line.quantity
        total = _share(self.line.total_amount, self.taken, quantity, whole)
        discount = self.line.total_discount_amount
        if discount is not None:
            discount = quantity * self.line.unit_price - total
        return replace(
            self.line,
            quantity=quantity,
            total_amount=total,
            total_discount_amount=discount,
            total_tax_amount=_share(self.line.total_tax_amount, self.taken, quantity, whole),
            extra={},
        )


def _share(total: int | None, before: int, quantity: int, whole: int) -> int | None:
    """Units ``before`` .. ``before + quantity`` of ``whole``'s share of ``total`` (cumulative floors)."""
    if total is None or whole <= 0:
        return total
    return total * (before + quantity) // whole - total * before // whole


def taken_quantities(lines: Iterable[OrderLine]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for line in lines:
        counts[line_identity(line)] += line.quantity
    return counts


def line_states(order_lines: Sequence[OrderLine], taken_lines: Iterable[OrderLine]) -> list[LineState]:
    """Each order line with the units already in ``taken_lines`` (the captures' or refunds' lines).

    Units of one identity are counted against the order's lines of that identity in turn.
    """
    taken = taken_quantities(taken_lines)
    states = []
    for index, line in enumerate(order_lines):
        identity = line_identity(line)
        used = min(taken[identity], line.quantity)
        taken[identity] -= used
        states.append(LineState(index, line, used))
    return states


def total_of(lines: Iterable[OrderLine]) -> int:
    return sum(line.total_amount for line in lines)


def summary(lines: Iterable[OrderLine]) -> str:
    """``2 × Termos 0,5 l (TERMOS-05); 1 × Shipping``: for the audit log and confirmations."""
    return "; ".join(
        f"{line.quantity} × {line.name}" + (f" ({line.reference})" if line.reference else "") for line in lines
    )


def tax_included(total: int, tax_rate: int) -> int:
    """The tax included in ``total`` at ``tax_rate`` (hundredths of a percent), rounded half away
    from zero: 49800 at 2500 (25 %) -> 9960."""
    divisor = 10000 + tax_rate
    net = (abs(total) * 10000 * 2 + divisor) // (2 * divisor)
    return total - (net if total >= 0 else -net)


def expected_tax(line: OrderLine) -> int | None:
    """The tax the line's rate gives (all of it for a sales tax line); None without a rate."""
    if line.type == "sales_tax":
        return line.total_amount
    return None if line.tax_rate is None else tax_included(line.total_amount, line.tax_rate)
