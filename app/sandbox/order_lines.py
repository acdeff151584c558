"""Arithmetic checks on order lines that JSON Schema cannot express (answered with 422)."""

from __future__ import annotations

from .errors import Unprocessable


def line_problems(lines: list[dict], prefix: str = "order_lines") -> list[str]:
    """``total_amount`` must equal ``quantity * unit_price - total_discount_amount`` on every line."""
    problems = []
    for index, line in enumerate(lines):
        expected = line["quantity"] * line["unit_price"] - line.get("total_discount_amount", 0)
        if line["total_amount"] != expected:
            problems.append(
                f"The {prefix}[{index}].total_amount value must equal quantity * unit_price - "
                f"total_discount_amount ({expected})")
    return problems


def check_lines_match_amount(lines: list[dict], order_amount: int) -> None:
    problems = line_problems(lines)
    total = sum(line["total_amount"] for line in lines)
    if total != order_amount:
        problems.append(f"The order_amount value must equal the sum of the order_lines total_amount ({total})")
    if problems:
        raise Unprocessable("UNPROCESSABLE_ENTITY", *problems)
