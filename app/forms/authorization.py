"""The authorization update form: a new order amount, the order lines, or both.

Lines that change make the order amount their total (an amount typed must agree). With the lines as
they are, a typed amount changes only the amount and the order keeps its lines. The new amount may
not fall below what has been captured. "Add a line" and "Recalculate totals" only show the form
again (the same key), with the totals worked out.
"""

from __future__ import annotations

from typing import Any

from wtforms import StringField, TextAreaField

from app.actions.authorizing import AuthorizationRequest
from app.actions.base import Target
from app.forms.actions import ActionForm, optional_text, strip, text_field
from app.forms.line_editor import LineEditor, line_rows
from app.money import MAX_AMOUNT_MINOR


class UpdateAuthorizationForm(ActionForm):
    amount = StringField(
        "New order amount", filters=[strip], render_kw={"inputmode": "decimal", "autocomplete": "off"}
    )
    description = text_field("Description of the change", 255, TextAreaField, rows=2)
    lines = line_rows()
    add_line = StringField()  # "1" from "Add a line"
    recalculate = StringField()  # "1" from "Recalculate totals"

    def __init__(self, target: Target, *args: Any, **kwargs: Any):
        self._editor: LineEditor | None = None
        super().__init__(target, *args, **kwargs)

    @property
    def editor(self) -> LineEditor:
        """The line editor over this form's rows, for the order the form is about now."""
        if self._editor is None or self._editor.target is not self.target:
            self._editor = LineEditor(self.lines, self.target)
        return self._editor

    def prefill(self) -> None:
        self.editor.fill_from_order()

    def needs_another_look(self) -> bool:
        if self.add_line.data == "1":
            if not self.editor.add_row():
                self.form_errors.append("The form has as many lines as it can take.")
            return True
        if self.recalculate.data == "1":
            self.editor.forget_removed_new_rows()
            self.editor.rows()  # read every row, so wrong values show at once
            return True
        return False

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        self.editor.rows()
        if self.editor.order_changed:
            self.form_errors.append("The order's lines have changed since this form was opened. Reload the page.")
        if not valid or self.editor.has_errors():
            return False
        amount = self._new_amount()
        if amount is None:
            return False
        sent = self.editor.sent() if self.editor.changed() else None
        self.set_request(AuthorizationRequest(
            order_amount=amount,
            description=optional_text(self.description),
            order_lines=None if sent is None else tuple(row.line for row in sent),
            origins=None if sent is None else tuple(row.index for row in sent),
        ))
        return True

    def _new_amount(self) -> int | None:
        """The order amount to send, or None with an error where staff will see it."""
        typed = self.amount_in_minor_units(self.amount) if self.amount.data else None
        if self.amount.data and typed is None:
            return None
        amount = self._lines_amount(typed) if self.editor.changed() else self._amount_only(typed)
        return amount if amount is not None and self._allowed(amount, typed) else None

    def _lines_amount(self, typed: int | None) -> int | None:
        total = self.editor.total() or 0
        money = self.target.money
        if total <= 0:
            self.form_errors.append(
                f"The order lines add up to {money(total)}; an authorization must be more than zero. "
                "To drop the whole order, cancel it instead."
            )
            return None
        if typed is not None and typed != total:
            self.amount.errors.append(
                f"When the order lines change, the order amount is their total: {money(total)}. "
                "Clear the amount, or change the lines until they add up to it."
            )
            return None
        return total

    def _amount_only(self, typed: int | None) -> int | None:
        if typed is None:
            self.form_errors.append("Nothing would change: type a new order amount, or change the order lines.")
            return None
        if typed == self.target.order.order_amount:
            self.amount.errors.append("That is the order amount already: nothing would change.")
            return None
        return typed

    def _allowed(self, amount: int, typed: int | None) -> bool:
        captured = self.target.order.captured_amount or 0
        money = self.target.money
        problem = None
        if amount > MAX_AMOUNT_MINOR:
            problem = f"The order amount cannot be more than {money(MAX_AMOUNT_MINOR)}."
        elif amount < captured:
            problem = f"The order amount cannot be less than what has already been captured: {money(captured)}."
        if problem:
            (self.amount.errors if typed is not None else self.form_errors).append(problem)
        return problem is None
