"""Parts of order lines: every split of a line adds up to the line exactly, and each part is valid."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.actions.lines import LineState, line_states, summary
from app.klarna.types import OrderLine


@st.composite
def line_and_split(draw):
    quantity = draw(st.integers(1, 12))
    unit_price = draw(st.integers(-50_000, 500_000))
    discount = draw(st.integers(0, max(quantity * unit_price, 0)))
    tax = draw(st.integers(-20_000, 200_000))
    line = OrderLine(name="Item", quantity=quantity, unit_price=unit_price,
                     total_amount=quantity * unit_price - discount, total_discount_amount=discount,
                     total_tax_amount=tax)
    cuts = []
    if quantity > 1:
        cuts = sorted(draw(st.lists(st.integers(1, quantity - 1), unique=True, max_size=quantity - 1)))
    sizes = [b - a for a, b in zip([0, *cuts], [*cuts, quantity], strict=True)]
    return line, sizes


@settings(deadline=None)
@given(line_and_split())
def test_the_parts_of_a_line_add_up_to_the_line(case):
    line, sizes = case
    taken, parts = 0, []
    for size in sizes:
        parts.append(LineState(0, line, taken).part(size))
        taken += size
    assert sum(part.total_amount for part in parts) == line.total_amount
    assert sum(part.total_discount_amount for part in parts) == line.total_discount_amount
    assert sum(part.total_tax_amount for part in parts) == line.total_tax_amount
    for part in parts:
        assert part.total_amount == part.quantity * part.unit_price - part.total_discount_amount
        assert part.total_discount_amount >= 0


def test_units_already_taken_are_matched_by_reference_and_name():
    order = [
        OrderLine(name="Mug", reference="M-1", quantity=3, unit_price=100, total_amount=300),
        OrderLine(name="Mug", reference="M-1", quantity=2, unit_price=100, total_amount=200),
        OrderLine(name="Shipping", quantity=1, unit_price=50, total_amount=50),
    ]
    taken = [OrderLine(name="Mug", reference="M-1", quantity=4, unit_price=100, total_amount=400)]
    assert [(state.taken, state.left) for state in line_states(order, taken)] == [(3, 0), (1, 1), (0, 1)]
    assert summary(order[:1] + order[2:]) == "3 × Mug (M-1); 1 × Shipping"
