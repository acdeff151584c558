"""Lines as staff edit them: untouched lines stay exactly, edited ones always pass Klarna's checks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.actions.authorizing import AuthorizationRequest, LineValues, changes, edited_line, values_of
from app.actions.lines import expected_tax, tax_included
from app.klarna.types import OrderLine, ProductIdentifiers
from app.sandbox.order_lines import line_problems

THERMOS = OrderLine(name="Termos", reference="T-1", type="physical", quantity=2, unit_price=24900,
                    total_amount=49800, tax_rate=2500, total_tax_amount=9960, product_url="https://shop.example/t",
                    product_identifiers=ProductIdentifiers(brand="Stelton"))

TAX_TOLERANCE = 1  # minor units Klarna lets a line's tax differ from the tax its rate gives


def arithmetic_problems(line: OrderLine) -> list[str]:
    """What Klarna would find wrong with the line's totals: the sandbox's check of the total, and
    the tax within one minor unit of what its rate gives."""
    problems = ["The total is not quantity × unit price − discount."] if line_problems([line.to_json()]) else []
    expected = expected_tax(line)
    if expected is not None and line.total_tax_amount is not None:
        if abs(line.total_tax_amount - expected) > TAX_TOLERANCE:
            problems.append("The tax does not match the tax rate.")
    return problems


def test_klarnas_tax_of_a_total_at_a_rate():
    assert tax_included(49800, 2500) == 9960  # 498,00 incl. 25 % VAT holds 99,60
    assert tax_included(-5000, 2500) == -1000
    assert tax_included(3, 2500) == 1  # 2,4 net rounds to 2
    assert tax_included(1000, 0) == 0


def test_a_sales_tax_line_is_all_tax_and_a_line_without_rate_has_no_expected_tax():
    sales_tax = OrderLine(name="Sales tax", type="sales_tax", quantity=1, unit_price=464, total_amount=464,
                          tax_rate=0, total_tax_amount=464)
    assert expected_tax(sales_tax) == 464 and arithmetic_problems(sales_tax) == []
    assert expected_tax(OrderLine(name="x", quantity=1, unit_price=1, total_amount=1)) is None


def test_arithmetic_problems_name_what_is_wrong():
    assert arithmetic_problems(THERMOS) == []
    wrong_total = OrderLine(name="x", quantity=2, unit_price=100, total_amount=150, total_discount_amount=10)
    assert arithmetic_problems(wrong_total) == ["The total is not quantity × unit price − discount."]
    wrong_tax = OrderLine(name="x", quantity=1, unit_price=10000, total_amount=10000, tax_rate=2500,
                          total_tax_amount=1998)
    assert arithmetic_problems(wrong_tax) == ["The tax does not match the tax rate."]
    rounding = OrderLine(name="x", quantity=1, unit_price=10000, total_amount=10000, tax_rate=2500,
                         total_tax_amount=1999)
    assert arithmetic_problems(rounding) == []  # within Klarna's one minor unit


def test_an_untouched_line_is_sent_as_klarna_has_it():
    assert edited_line(THERMOS, values_of(THERMOS)) is THERMOS


def test_an_edited_line_keeps_what_the_editor_does_not_show():
    edited = edited_line(THERMOS, LineValues("Termos", "T-1", "physical", 1, 24900, 0, 2500))
    assert (edited.quantity, edited.total_amount, edited.total_tax_amount) == (1, 24900, 4980)
    assert edited.product_url == THERMOS.product_url and edited.product_identifiers == THERMOS.product_identifiers
    assert edited.total_discount_amount is None  # the original had none and none was typed


@st.composite
def line_values(draw):
    quantity = draw(st.integers(1, 50))
    unit_price = draw(st.integers(-100_000, 1_000_000))
    discount = draw(st.integers(0, max(quantity * unit_price, 0)))
    rate = draw(st.one_of(st.none(), st.integers(0, 10000)))
    kind = draw(st.sampled_from(["physical", "discount", "shipping_fee", "sales_tax"]))
    return LineValues("Line", None, kind, quantity, unit_price, discount, rate)


@settings(deadline=None)
@given(line_values(), st.booleans())
def test_every_edited_or_new_line_passes_klarnas_checks(values, from_the_order):
    line = edited_line(THERMOS if from_the_order else None, values)
    assert arithmetic_problems(line) == []
    assert line.total_amount == values.quantity * values.unit_price - values.discount


def test_changes_name_new_changed_removed_and_count_the_rest():
    shipping = OrderLine(name="Frakt", quantity=1, unit_price=4900, total_amount=4900)
    discount = OrderLine(name="Rabatt", quantity=1, unit_price=-5000, total_amount=-5000)
    fewer = edited_line(THERMOS, LineValues("Termos", "T-1", "physical", 1, 24900, 0, 2500))
    gift = edited_line(None, LineValues("Gift wrap", None, "physical", 1, 2900, 0, 2500))
    request = AuthorizationRequest(order_amount=31700, order_lines=(fewer, shipping, gift), origins=(0, 1, None))
    found, kept = changes([THERMOS, shipping, discount], request)
    assert [(change.kind, change.line.name) for change in found] == [
        ("changed", "Termos"), ("new", "Gift wrap"), ("removed", "Rabatt")]
    assert found[0].before is THERMOS and kept == 1
    assert changes([THERMOS], AuthorizationRequest(order_amount=100)) == ([], 1)
