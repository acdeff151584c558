"""Updating an authorization: the typed request, a line as staff edited it, and what changed.

Lines staff did not touch are sent exactly as Klarna has them. A changed or new line gets its total
(``quantity * unit_price - discount``) and its tax (from its tax rate) computed, so Klarna's checks
hold by construction. ``origins`` remembers which order line each sent line came from, so the
confirmation can say what is new, changed and removed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.actions.base import ActionRequest, not_sent
from app.actions.lines import expected_tax
from app.klarna.types import OrderLine
from app.vocabulary import DEFAULT_LINE_TYPE


@dataclass(frozen=True)
class AuthorizationRequest(ActionRequest):
    """The arguments of ``KlarnaClient.update_authorization`` (amounts in minor units). Without
    ``order_lines`` only the amount changes and the order keeps its lines."""

    order_amount: int
    description: str | None = None
    order_lines: tuple[OrderLine, ...] | None = None
    origins: tuple[int | None, ...] | None = not_sent()  # per sent line: the order line's index, None if new

    @property
    def amount(self) -> int:
        return self.order_amount

    def detail_items(self) -> list[tuple[str, Any]]:
        lines = "unchanged" if self.order_lines is None else f"{len(self.order_lines)} sent"
        return [("description", self.description), ("order lines", lines)]


@dataclass(frozen=True)
class LineValues:
    """One row of the line editor, parsed (amounts in minor units, tax rate in 1/100 %)."""

    name: str
    reference: str | None
    type: str
    quantity: int
    unit_price: int
    discount: int
    tax_rate: int | None


def values_of(line: OrderLine) -> LineValues:
    """What the editor shows for an order line."""
    return LineValues(
        name=line.name,
        reference=line.reference or None,
        type=line.type or DEFAULT_LINE_TYPE,
        quantity=line.quantity,
        unit_price=line.unit_price,
        discount=line.total_discount_amount or 0,
        tax_rate=line.tax_rate,
    )


def edited_line(original: OrderLine | None, values: LineValues) -> OrderLine:
    """The line to send: the original itself if nothing changed, else the values with the total and
    the tax computed (other fields of the original, e.g. its product URL, are kept)."""
    if original is not None and values_of(original) == values:
        return original
    keeps_no_discount = original is None or original.total_discount_amount is None
    line = replace(
        original or OrderLine(name=values.name, quantity=0, unit_price=0, total_amount=0),
        name=values.name,
        reference=values.reference,
        type=None if original is not None and original.type is None and values.type == DEFAULT_LINE_TYPE else values.type,
        quantity=values.quantity,
        unit_price=values.unit_price,
        total_discount_amount=None if keeps_no_discount and not values.discount else values.discount,
        tax_rate=values.tax_rate,
        total_amount=values.quantity * values.unit_price - values.discount,
    )
    return replace(line, total_tax_amount=expected_tax(line))


@dataclass(frozen=True)
class LineChange:
    """One difference between the order's lines and the lines sent."""

    kind: str  # "new", "changed" or "removed"
    line: OrderLine  # the line sent (the line removed, for "removed")
    before: OrderLine | None = None


def changes(order_lines: list[OrderLine], request: AuthorizationRequest) -> tuple[list[LineChange], int]:
    """What the request changes in the order's lines, and how many lines stay as they are."""
    if request.order_lines is None:
        return [], len(order_lines)
    found, kept = [], 0
    origins = request.origins or (None,) * len(request.order_lines)
    for line, origin in zip(request.order_lines, origins, strict=True):
        before = order_lines[origin] if origin is not None and origin < len(order_lines) else None
        if before is None:
            found.append(LineChange("new", line))
        elif before == line:
            kept += 1
        else:
            found.append(LineChange("changed", line, before))
    sent = {origin for origin in origins if origin is not None}
    found.extend(LineChange("removed", line) for index, line in enumerate(order_lines) if index not in sent)
    return found, kept
