"""The order list's search box and filters (a GET form: no CSRF token; the query string is the state)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from wtforms import BooleanField, DateField, DecimalField, Form, HiddenField, SearchField, SelectField
from wtforms.validators import NumberRange, Optional

from app.forms.actions import choices
from app.index.text import search_terms
from app.models.order_search import DEFAULT_SORT, OrderFilter, Queue
from app.money import currency_exponent, decimal_to_minor
from app.vocabulary import ORDER_STATUSES

ANY = ("", "Any")
SORT_CHOICES = [
    ("created_desc", "Newest first"),
    ("created_asc", "Oldest first"),
    ("expires_asc", "Expires soonest"),
    ("expires_desc", "Expires latest"),
    ("amount_desc", "Largest amount"),
    ("amount_asc", "Smallest amount"),
]
CURRENCY = re.compile(r"[A-Z]{3}")
DEFAULT_AMOUNT_CURRENCY = "EUR"  # decimals of the amount filters when no currency is chosen


def _stripped(value: str | None) -> str | None:
    return value.strip() if value else value


class OrderSearchForm(Form):
    q = SearchField(
        "Search",
        filters=[_stripped],
        render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": 200,
                   "placeholder": "Order ID, reference, email, phone or name"},
    )
    status = SelectField("Status", default="", validate_choice=False)
    store = SelectField("Store", default="", validate_choice=False)
    currency = SearchField("Currency", filters=[lambda value: value.strip().upper() if value else value],
                           render_kw={"maxlength": 3, "autocomplete": "off", "placeholder": "e.g. SEK"})
    created_from = DateField("Created from", validators=[Optional()])
    created_to = DateField("Created to", validators=[Optional()])
    expires_from = DateField("Expires from", validators=[Optional()])
    expires_to = DateField("Expires to", validators=[Optional()])
    amount_from = DecimalField("Amount from", validators=[Optional(), NumberRange(min=0)])
    amount_to = DecimalField("Amount to", validators=[Optional(), NumberRange(min=0)])
    left_to_capture = BooleanField("Something left to capture")
    has_refunds = BooleanField("Has refunds")
    sort = SelectField("Sort", default=DEFAULT_SORT, validate_choice=False)
    queue = HiddenField()
    after = HiddenField()

    def __init__(self, formdata: Any = None, *, stores: list[tuple[str, str]], **kwargs: Any):
        super().__init__(formdata, **kwargs)
        self.status.choices = choices([ANY, *((code, words[0]) for code, words in ORDER_STATUSES.items())])
        self.store.choices = choices([("", "All stores"), *stores])
        self.sort.choices = choices(SORT_CHOICES)

    def order_filter(self, now: datetime, expiring_days: int, waiting_days: int) -> OrderFilter:
        """The filter these fields describe; unknown choices (an edited URL) count as none."""
        return OrderFilter(
            terms=tuple(search_terms(self.q.data or "")),
            statuses=(self.status.data,) if self._known(self.status) else (),
            store=self.store.data if self._known(self.store) else None,
            currency=self._currency(),
            created_from=_start(self.created_from.data),
            created_to=_start(self.created_to.data, days=1),
            expires_from=_start(self.expires_from.data),
            expires_to=_start(self.expires_to.data, days=1),
            amount_from=self._minor(self.amount_from.data),
            amount_to=self._minor(self.amount_to.data),
            left_to_capture=bool(self.left_to_capture.data),
            has_refunds=bool(self.has_refunds.data),
            queue=self.queue.data if self.queue.data in Queue.ALL else None,
            now=now,
            expiring_days=expiring_days,
            waiting_days=waiting_days,
        )

    def sort_key(self) -> str:
        return self.sort.data if self.sort.data in dict(SORT_CHOICES) else DEFAULT_SORT

    @staticmethod
    def _known(field: SelectField) -> bool:
        return bool(field.data) and field.data in {choice.value for choice in field.choices}

    def _currency(self) -> str | None:
        code = self.currency.data or ""
        return code if CURRENCY.fullmatch(code) else None

    def _minor(self, value: Decimal | None) -> int | None:
        if value is None:
            return None
        currency = self._currency() or DEFAULT_AMOUNT_CURRENCY
        try:
            exponent = currency_exponent(currency)
        except ValueError:  # not a currency at all: the amount as if in euros
            currency, exponent = DEFAULT_AMOUNT_CURRENCY, 2
        return decimal_to_minor(round(value, exponent), currency)

    def state(self) -> dict[str, str]:
        """The query string of these fields (without the page's cursor): links keep it whole."""
        shown: dict[str, str] = {}
        for field in self:
            if field.short_name == "after" or field.errors:
                continue
            value = field.data
            if isinstance(value, bool):
                value = "y" if value else ""
            if value not in (None, "") and not (field.short_name == "sort" and value == DEFAULT_SORT):
                shown[field.short_name] = str(value)
        return shown


def _start(day: date | None, days: int = 0) -> datetime | None:
    return datetime.combine(day + timedelta(days=days), time.min, UTC) if day else None
