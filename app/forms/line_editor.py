"""The order-line editor of the authorization update: one row per line, staff can add and remove.

A row starts from an order line (``origin``: the line's key, see ``LineState.key``) or is new. Each
row is read into ``LineValues`` with the order's currency and locale; errors land on the row's
fields. ``LineEditor`` reads every row once per request and knows the line each row sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, SelectField, StringField
from wtforms.validators import Length

from app.actions.authorizing import LineValues, edited_line, values_of
from app.actions.base import Target
from app.actions.lines import MAX_LINES, LineState
from app.forms.actions import choices, read_amount, strip
from app.forms.numbers import whole_number
from app.klarna.types import OrderLine
from app.money import AmountError, format_tax_rate_input, parse_tax_rate
from app.vocabulary import DEFAULT_LINE_TYPE, LINE_TYPES

MAX_QUANTITY = 1_000_000


def _text(label: str, **render: Any) -> StringField:
    return StringField(label, validators=[Length(max=255, message="Use at most 255 characters.")], filters=[strip],
                       render_kw={"maxlength": 255, **render})


def _number(label: str, mode: str) -> StringField:
    return StringField(label, filters=[strip], render_kw={"inputmode": mode, "autocomplete": "off"})


class EditedLineForm(Form):
    origin = HiddenField()  # the key of the order line this row started from; empty for a new line
    remove = BooleanField("Remove")
    name = _text("Name")
    reference = _text("Reference (SKU)", autocomplete="off")
    type = SelectField("Type", choices=choices(LINE_TYPES.items()), default=DEFAULT_LINE_TYPE)
    quantity = _number("Quantity", "numeric")
    unit_price = _number("Unit price", "decimal")
    discount = _number("Discount", "decimal")
    tax_rate = _number("Tax rate (%)", "decimal")

    def is_blank(self) -> bool:
        """A new row nothing was typed into (left out, never an error)."""
        typed = (self.name, self.reference, self.unit_price, self.discount)
        return not self.origin.data and not any(field.data for field in typed)


def line_rows() -> FieldList:
    return FieldList(FormField(EditedLineForm), label="Order lines", max_entries=MAX_LINES)


@dataclass(frozen=True)
class Row:
    """One row of the editor as read: the order line it started from and the line it sends."""

    entry: Any  # the FieldList entry (its ``form`` is an EditedLineForm)
    index: int | None  # the order line's index; None for a new line
    original: OrderLine | None
    line: OrderLine | None  # None when removed, blank or wrong

    @property
    def state(self) -> str:
        """``kept``, ``changed``, ``new``, ``removed``, ``ignored`` (a blank new row, or a new row
        marked for removal) or ``unreadable`` (a field is wrong)."""
        form = self.entry.form
        if form.is_blank() or (form.remove.data and self.original is None):
            return "ignored"
        if form.remove.data:
            return "removed"
        if self.line is None:
            return "unreadable"
        if self.original is None:
            return "new"
        return "kept" if self.line == self.original else "changed"


class LineEditor:
    """The rows of ``rows`` (a ``line_rows()`` field) for one target, read once."""

    def __init__(self, rows: FieldList, target: Target):
        self.rows_field = rows
        self.target = target
        self._rows: list[Row] | None = None
        self.order_changed = False  # the rows and the order's lines no longer match

    def originals(self) -> dict[str, tuple[int, OrderLine]]:
        """Each order line by the key a row names it with, with its index."""
        lines = self.target.order.order_lines
        return {LineState(index, line, 0).key: (index, line) for index, line in enumerate(lines)}

    def fill_from_order(self) -> None:
        for key, (_index, line) in self.originals().items():
            self.rows_field.append_entry({"origin": key, **self._typed(values_of(line))})

    def add_row(self) -> bool:
        """One more empty row (with the tax rate of the first line); False when there are the most."""
        self.forget_removed_new_rows()
        if len(self.rows_field.entries) >= MAX_LINES:
            return False
        lines = self.target.order.order_lines
        rate = lines[0].tax_rate if lines and lines[0].tax_rate is not None else None
        self.rows_field.append_entry({"type": DEFAULT_LINE_TYPE, "quantity": "1", "tax_rate": self._rate(rate)})
        self._rows = None
        return True

    def forget_removed_new_rows(self) -> None:
        """A new row marked for removal goes at once (an order line marked stays, crossed out)."""
        entries = self.rows_field.entries
        self.rows_field.entries = [e for e in entries if e.form.origin.data or not e.form.remove.data]
        self._rows = None

    def rows(self) -> list[Row]:
        """Every row, read (errors are added to the rows' fields the first time)."""
        if self._rows is None:
            originals = self.originals()
            self._rows = [self._read(entry, originals) for entry in self.rows_field.entries]
            if {row.entry.form.origin.data for row in self._rows} - {"", None} != set(originals):
                self.order_changed = True  # the order has lines the form does not show
        return self._rows

    def sent(self) -> list[Row]:
        """The rows whose line is sent (not removed, not blank)."""
        return [row for row in self.rows() if row.line is not None]

    def has_errors(self) -> bool:
        return self.order_changed or any(field.errors for entry in self.rows_field.entries for field in entry.form)

    def changed(self) -> bool:
        """Whether the lines sent differ from the order's lines."""
        return any(row.state not in ("kept", "ignored") for row in self.rows())

    def total(self) -> int | None:
        """The sent lines' total; None while a row cannot be read."""
        if self.order_changed or any(row.state == "unreadable" for row in self.rows()):
            return None
        return sum(row.line.total_amount for row in self.sent())

    # --- reading one row ------------------------------------------------------------------------

    def _read(self, entry: Any, originals: dict[str, tuple[int, OrderLine]]) -> Row:
        form = entry.form
        index, original = originals.get(form.origin.data, (None, None))
        if form.origin.data and original is None:
            self.order_changed = True
            return Row(entry, None, None, None)
        if form.remove.data or form.is_blank():
            return Row(entry, index, original, None)
        values = self._values(form)
        return Row(entry, index, original, None if values is None else edited_line(original, values))

    def _values(self, form: EditedLineForm) -> LineValues | None:
        for field in form:
            field.errors = list(field.errors)  # a tuple until the form has been validated
        if not form.name.data:
            form.name.errors.append("Give the line a name.")
        quantity = self._quantity(form.quantity)
        unit_price = read_amount(form.unit_price, self.target, zero=True, negative=True)
        discount = read_amount(form.discount, self.target, zero=True) if form.discount.data else 0
        rate = self._tax_rate(form.tax_rate) if form.tax_rate.data else None
        if any(field.errors for field in form):
            return None
        return LineValues(form.name.data, form.reference.data or None, form.type.data or DEFAULT_LINE_TYPE,
                          quantity, unit_price, discount, rate)

    @staticmethod
    def _quantity(field: Any) -> int | None:
        quantity = whole_number(field.data)
        if quantity is None or not 1 <= quantity <= MAX_QUANTITY:
            field.errors.append("Enter a whole number, 1 or more (tick Remove to drop the line).")
            return None
        return quantity

    def _tax_rate(self, field: Any) -> int | None:
        try:
            return parse_tax_rate(field.data or "", self.target.locale)
        except AmountError as error:
            field.errors.append(error.message)
            return None

    # --- showing values -------------------------------------------------------------------------

    def _typed(self, values: LineValues) -> dict[str, str]:
        return {
            "name": values.name,
            "reference": values.reference or "",
            "type": values.type,
            "quantity": str(values.quantity),
            "unit_price": self.target.typed(values.unit_price),
            "discount": self.target.typed(values.discount) if values.discount else "",
            "tax_rate": self._rate(values.tax_rate),
        }

    def _rate(self, rate: int | None) -> str:
        return "" if rate is None else format_tax_rate_input(rate, self.target.locale)
