"""The header's lookup box (a GET form: no CSRF token): an order ID, or anything to search for."""

from __future__ import annotations

from typing import Any

from wtforms import Form, SearchField, SelectField
from wtforms.validators import DataRequired

from app.index.text import ORDER_ID

ANY_STORE = ("", "All stores")


class LookupForm(Form):
    order_id = SearchField(
        "Order ID",
        validators=[DataRequired("Enter an order ID, or a reference, email, phone or name to search for.")],
        filters=[lambda value: value.strip() if value else value],
        render_kw={
            "autocomplete": "off",
            "spellcheck": "false",
            "autocapitalize": "none",
            "placeholder": "Order ID or search",
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
    def canonical_id(self) -> str | None:
        """The whole Klarna order ID typed, in lower case; None for anything else (a search)."""
        value = self.order_id.data.lower()
        return value if ORDER_ID.fullmatch(value) else None
