"""Forms that move money: everything that is left, an amount, or order lines with quantities.

"Everything" is a button of its own (``everything``); otherwise ``mode`` says whether the amount or
the line quantities count. In lines mode the amount is the lines' total unless staff type another
amount; a typed amount that differs from the total is refused once with both figures, and accepted
when sent again unchanged (``accept_amount``). Subclasses (capture, refund) say what is left, in
total and per line, and build their typed request from the chosen amount and lines.
"""

from __future__ import annotations

from typing import Any, ClassVar

from wtforms import FieldList, Form, FormField, HiddenField, RadioField, StringField
from wtforms.validators import Optional

from app.actions import lines as order_lines
from app.actions.base import ActionRequest
from app.forms.actions import ActionForm, choices, strip
from app.forms.numbers import WholeNumberField
from app.klarna.types import OrderLine

AMOUNT, LINES, EVERYTHING = "amount", "lines", "everything"

Chosen = tuple[int | None, tuple[OrderLine, ...] | None]


class LineQuantityForm(Form):
    line = HiddenField()
    quantity = WholeNumberField("Quantity", validators=[Optional()])


class MoneyForm(ActionForm):
    verb: ClassVar[str]  # "capture", "refund"
    done: ClassVar[str]  # "captured", "refunded"
    limit_reason: ClassVar[str]  # why the maximum is what it is: "that is what remains authorized"

    mode = RadioField(
        "How much", choices=choices([(AMOUNT, "An amount"), (LINES, "Order lines")]), default=AMOUNT
    )
    amount = StringField("Amount", filters=[strip], render_kw={"inputmode": "decimal", "autocomplete": "off"})
    accept_amount = HiddenField()
    lines = FieldList(FormField(LineQuantityForm), label="Order lines", max_entries=order_lines.MAX_LINES)
    everything = StringField()  # "1" from the "everything that is left" button

    # --- what subclasses say ---------------------------------------------------------------------

    def line_states(self) -> list[order_lines.LineState]:
        """Each order line with the units this operation has already taken."""
        raise NotImplementedError

    def maximum(self) -> int:
        """The most this operation can move now (minor units)."""
        raise NotImplementedError

    def standing(self) -> list[tuple[str, int]]:
        """(label, minor units) pairs that show where the order stands, ending with ``maximum()``."""
        raise NotImplementedError

    def extra_lines(self) -> tuple[OrderLine, ...]:
        """Lines added to the chosen ones in lines mode (a refund's return fee)."""
        return ()

    def build_request(self, amount: int, lines: tuple[OrderLine, ...] | None, mode: str) -> ActionRequest:
        raise NotImplementedError

    # --- the shared part -------------------------------------------------------------------------

    def prefill(self) -> None:
        for state in self.line_states():
            self.lines.append_entry({"line": state.key, "quantity": None})

    def line_rows(self) -> list[tuple[Any, order_lines.LineState | None]]:
        """Each quantity input with the order line it belongs to (None: the order has changed)."""
        states = {state.key: state for state in self.line_states()}
        return [(entry, states.get(entry.form.line.data)) for entry in self.lines.entries]

    def everything_left(self) -> Chosen:
        """The maximum, with the lines that are left when they add up to exactly that amount
        (otherwise without lines, rather than lines that disagree with the amount)."""
        maximum = self.maximum()
        left = tuple(state.part(state.left) for state in self.line_states() if state.left > 0)
        return maximum, left if left and order_lines.total_of(left) == maximum else None

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        mode = EVERYTHING if self.everything.data == "1" else self.mode.data
        amount, lines = {EVERYTHING: self._everything, LINES: self._by_lines}.get(mode, self._by_amount)()
        if amount is not None and not self._within_maximum(amount):
            amount = None
        if not valid or amount is None or self.error_messages():
            return False
        self.set_request(self.build_request(amount, lines, mode))
        return True

    def _everything(self) -> Chosen:
        amount, lines = self.everything_left()
        if amount <= 0:
            self.form_errors.append(f"Nothing is left to {self.verb} on this order.")
            return None, None
        return amount, lines

    def _by_amount(self) -> Chosen:
        if any(entry.form.quantity.data for entry in self.lines.entries):
            self.form_errors.append(
                f'You entered line quantities but chose "An amount". Choose "Order lines" to {self.verb} those '
                "lines, or clear the quantities."
            )
            return None, None
        return self.amount_in_minor_units(self.amount), None

    def _by_lines(self) -> Chosen:
        chosen = self._chosen_lines()
        if chosen is None:
            return None, None
        chosen += self.extra_lines()
        total = order_lines.total_of(chosen)
        money = self.target.money
        if total <= 0:
            self.form_errors.append(f"The chosen lines add up to {money(total)}: choose lines worth more.")
            return None, None
        if not self.amount.data:
            return total, chosen
        typed = self.amount_in_minor_units(self.amount)
        if typed is None or typed == total or self.accept_amount.data == str(typed):
            return typed, chosen
        self.accept_amount.data = str(typed)
        self.amount.errors.append(
            f"The chosen lines add up to {money(total)}, but you typed {money(typed)}. Send the form again to "
            f"{self.verb} {money(typed)} with these lines, or clear the amount to {self.verb} the lines' total."
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
                entry.form.quantity.errors.append(f"At most {state.left} of this line can still be {self.done}.")
                problem = True
            elif quantity > 0:
                chosen.append(state.part(quantity))
        if problem:
            return None
        if not chosen:
            self.form_errors.append("Enter a quantity for at least one line.")
            return None
        return tuple(chosen)

    def _within_maximum(self, amount: int) -> bool:
        maximum = self.maximum()
        if amount <= maximum:
            return True
        message = f"You can {self.verb} at most {self.target.money(maximum)}: {self.limit_reason}."
        (self.amount.errors if self.amount.data else self.form_errors).append(message)
        return False
