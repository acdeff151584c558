"""The capture form: everything that remains, an amount, or order lines with quantities.

"Capture everything that remains" is a button of its own (``capture_all``); otherwise ``mode``
says whether the amount or the line quantities count. In lines mode the amount is the lines' total
unless staff type another amount; a typed amount that differs from the total is refused once with
both figures, and accepted when sent again unchanged (``accept_amount``).
"""

from __future__ import annotations

from typing import Any

from wtforms import FieldList, Form, FormField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from app.actions import lines as order_lines
from app.actions.capturing import CaptureRequest, capturable_lines, everything_left
from app.forms.actions import ActionForm, choices, optional_text, text_field
from app.forms.shipping import add_row, shipping_info_of, shipping_rows
from app.klarna.types import OrderLine

AMOUNT, LINES, FULL = "amount", "lines", "full"
INT64_MAX = 2**63 - 1


class LineQuantityForm(Form):
    line = HiddenField()
    quantity = IntegerField(
        "Quantity",
        validators=[Optional(), NumberRange(min=0, message="Enter a whole number, 0 or more.")],
        render_kw={"inputmode": "numeric", "min": 0},
    )


class CaptureForm(ActionForm):
    mode = RadioField(
        "What to capture",
        choices=choices([(AMOUNT, "An amount"), (LINES, "Order lines")]),
        default=AMOUNT,
        validate_choice=True,
    )
    amount = StringField(
        "Amount",
        filters=[lambda value: value.strip() if value else value],
        render_kw={"inputmode": "decimal", "autocomplete": "off"},
    )
    accept_amount = HiddenField()
    lines = FieldList(FormField(LineQuantityForm), label="Order lines")
    capture_all = StringField()  # "1" from the "capture everything" button
    description = text_field("Description for the customer", 255, TextAreaField, rows=2)
    reference = text_field("Internal reference", 255, autocomplete="off")
    shipping_delay = IntegerField(
        "Shipping delay (days)",
        validators=[Optional(), NumberRange(min=0, max=INT64_MAX, message="Enter a whole number, 0 or more.")],
        render_kw={"inputmode": "numeric", "min": 0},
    )
    shipping = shipping_rows()
    add_shipping_row = StringField()  # "1" from the "add another shipment" button

    def prefill(self) -> None:
        for state in capturable_lines(self.target.order):
            self.lines.append_entry({"line": state.key, "quantity": None})

    def needs_another_look(self) -> bool:
        if self.add_shipping_row.data != "1":
            return False
        add_row(self.shipping)
        return True

    def line_rows(self) -> list[tuple[Any, order_lines.LineState | None]]:
        """Each quantity input with the order line it belongs to (None: the order has changed)."""
        states = {state.key: state for state in capturable_lines(self.target.order)}
        return [(entry, states.get(entry.form.line.data)) for entry in self.lines.entries]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.capture_all.data == "1":
            amount, lines = self._everything()
        elif self.mode.data == LINES:
            amount, lines = self._by_lines()
        else:
            amount, lines = self._by_amount()
        if amount is not None and not self._within_remaining(amount):
            amount = None
        if not valid or amount is None:
            return False
        self.set_request(self._request_for(amount, lines))
        return True

    # --- the three ways --------------------------------------------------------------------------

    def _everything(self) -> tuple[int | None, tuple[OrderLine, ...] | None]:
        remaining, lines = everything_left(self.target.order)
        if remaining <= 0:
            self.form_errors.append("Nothing is left to capture on this order.")
            return None, None
        return remaining, lines

    def _by_amount(self) -> tuple[int | None, None]:
        if any(entry.form.quantity.data for entry in self.lines.entries):
            self.form_errors.append(
                'You entered line quantities but chose "An amount". Choose "Order lines" to capture those '
                "lines, or clear the quantities."
            )
            return None, None
        return self.amount_in_minor_units(self.amount), None

    def _by_lines(self) -> tuple[int | None, tuple[OrderLine, ...] | None]:
        chosen = self._chosen_lines()
        if chosen is None:
            return None, None
        total = order_lines.total_of(chosen)
        if total <= 0:
            self.form_errors.append(f"The chosen lines add up to {self.target.money(total)}: choose lines worth more.")
            return None, None
        if not self.amount.data:
            return total, chosen
        typed = self.amount_in_minor_units(self.amount)
        if typed is None or typed == total or self.accept_amount.data == str(typed):
            return typed, chosen
        self.accept_amount.data = str(typed)
        self.amount.errors.append(
            f"The chosen lines add up to {self.target.money(total)}, but you typed {self.target.money(typed)}. "
            f"Send the form again to capture {self.target.money(typed)} with these lines, or clear the amount "
            "to capture the lines' total."
        )
        return None, None

    def _chosen_lines(self) -> tuple[OrderLine, ...] | None:
        chosen, problem = [], False
        for entry, state in self.line_rows():
            quantity = entry.form.quantity.data or 0
            if state is None:
                self.form_errors.append("The order's lines have changed since this form was opened. Reload the page.")
                return None
            if quantity > state.left:
                entry.form.quantity.errors.append(f"At most {state.left} of this line can still be captured.")
                problem = True
            elif quantity > 0:
                chosen.append(state.part(quantity))
        if problem:
            return None
        if not chosen:
            self.form_errors.append("Enter a quantity for at least one line.")
            return None
        return tuple(chosen)

    def _within_remaining(self, amount: int) -> bool:
        remaining = self.target.order.remaining_authorized_amount or 0
        if amount <= remaining:
            return True
        message = f"You can capture at most {self.target.money(remaining)}: that is what remains authorized."
        (self.amount.errors if self.amount.data else self.form_errors).append(message)
        return False

    def _request_for(self, amount: int, lines: tuple[OrderLine, ...] | None) -> CaptureRequest:
        shipping = shipping_info_of(self.shipping)
        mode = FULL if self.capture_all.data == "1" else self.mode.data
        return CaptureRequest(
            captured_amount=amount,
            description=optional_text(self.description),
            reference=optional_text(self.reference),
            order_lines=lines,
            shipping_info=shipping,
            shipping_delay=self.shipping_delay.data,
            mode=mode,
        )
