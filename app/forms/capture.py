"""The capture form: everything that remains, an amount, or order lines; details and shipments."""

from __future__ import annotations

from wtforms import StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from app.actions.capturing import CaptureRequest, capturable_lines
from app.actions.lines import LineState
from app.forms.actions import optional_text, text_field
from app.forms.money import MoneyForm
from app.forms.numbers import WholeNumberField
from app.forms.shipping import row_requested, shipping_info_of, shipping_rows
from app.klarna.types import OrderLine

INT64_MAX = 2**63 - 1


class CaptureForm(MoneyForm):
    verb = "capture"
    done = "captured"
    limit_reason = "that is what remains authorized"

    description = text_field("Description for the customer", 255, TextAreaField, rows=2)
    reference = text_field("Internal reference", 255, autocomplete="off")
    shipping_delay = WholeNumberField(
        "Shipping delay (days)",
        validators=[Optional(), NumberRange(max=INT64_MAX, message=f"Enter at most {INT64_MAX} days.")],
    )
    shipping = shipping_rows()
    add_shipping_row = StringField()  # "1" from the "add another shipment" button

    def line_states(self) -> list[LineState]:
        return capturable_lines(self.target.order)

    def maximum(self) -> int:
        return self.target.order.remaining_authorized_amount or 0

    def standing(self) -> list[tuple[str, int]]:
        order = self.target.order
        return [
            ("Order amount", order.order_amount or 0),
            ("Already captured", order.captured_amount or 0),
            ("Remaining authorized", self.maximum()),
        ]

    def needs_another_look(self) -> bool:
        return row_requested(self.add_shipping_row, self.shipping)

    def build_request(self, amount: int, lines: tuple[OrderLine, ...] | None, mode: str) -> CaptureRequest:
        return CaptureRequest(
            captured_amount=amount,
            description=optional_text(self.description),
            reference=optional_text(self.reference),
            order_lines=lines,
            shipping_info=shipping_info_of(self.shipping),
            shipping_delay=self.shipping_delay.data,
            mode=mode,
        )
