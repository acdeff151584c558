"""The order-ID lookup box (a GET form: no CSRF token)."""

from __future__ import annotations

from typing import Any

from wtforms import Form, SearchField, SelectField
from wtforms.validators import DataRequired, Regexp

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
NOT_AN_ORDER_ID = (
    "That is not a Klarna order ID. An order ID has 36 characters, "
    "like 0b1d9815-165e-42e2-8867-35bc03789e00."
)
ANY_STORE = ("", "All stores")


class LookupForm(Form):
    order_id = SearchField(
        "Order ID",
        validators=[DataRequired("Enter an order ID."), Regexp(UUID_PATTERN, message=NOT_AN_ORDER_ID)],
        filters=[lambda value: value.strip() if value else value],
        render_kw={
            "autocomplete": "off",
            "spellcheck": "false",
            "autocapitalize": "none",
            "placeholder": "Order ID",
            "maxlength": 100,
        },
    )
    # Which Klarna store to ask; empty: every store in turn. Shown when there are several.
    store = SelectField("Store", default="", validate_choice=True)

    def __init__(self, formdata: Any = None, *, store_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(formdata, **kwargs)
        self.store.choices = [ANY_STORE, *store_choices]
        if not self.store.data:
            self.store.data = ""

    @property
    def canonical_id(self) -> str:
        return self.order_id.data.lower()
