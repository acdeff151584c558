"""The refund form: everything refundable, an amount, or order lines (with a return fee)."""

from __future__ import annotations

from typing import Any

from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired

from app.actions.lines import LineState
from app.actions.refunding import RefundRequest, refundable, refundable_lines, return_fee_line
from app.forms.actions import optional_text, strip, text_field
from app.forms.money import LINES, MoneyForm
from app.klarna.types import OrderLine


class RefundForm(MoneyForm):
    verb = "refund"
    done = "refunded"
    limit_reason = "that is what has been captured and not refunded yet"

    return_fee = StringField(
        "Return fee", filters=[strip], render_kw={"inputmode": "decimal", "autocomplete": "off"}
    )
    description = text_field(
        "Reason, shown to the customer",
        255,
        TextAreaField,
        checks=(DataRequired("Give the reason for the refund; the customer sees it."),),
        rows=2,
    )
    reference = text_field("Internal reference", 255, autocomplete="off")

    def line_states(self) -> list[LineState]:
        return refundable_lines(self.target.order)

    def maximum(self) -> int:
        return refundable(self.target.order)

    def standing(self) -> list[tuple[str, int]]:
        order = self.target.order
        return [
            ("Maximum refundable (captured)", order.captured_amount or 0),
            ("Already refunded", order.refunded_amount or 0),
            ("Remaining refundable", self.maximum()),
        ]

    def extra_lines(self) -> tuple[OrderLine, ...]:
        if not self.return_fee.data:
            return ()
        fee = self.amount_in_minor_units(self.return_fee)
        return (return_fee_line(fee),) if fee else ()

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if self.return_fee.data and self.mode.data != LINES:
            self.return_fee.errors.append('A return fee is charged with order lines: choose "Order lines".')
            return False
        return valid

    def build_request(self, amount: int, lines: tuple[OrderLine, ...] | None, mode: str) -> RefundRequest:
        return RefundRequest(
            refunded_amount=amount,
            description=optional_text(self.description),
            reference=optional_text(self.reference),
            order_lines=lines,
            mode=mode,
        )
