"""The audit page's filters (a GET form: no CSRF token)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from wtforms import DateField, Form, SearchField, SelectField
from wtforms.validators import Optional

from app import staff_events
from app.actions import all_actions
from app.forms.actions import choices
from app.models.audit import AuditOutcome

ANY = ("", "Any")
ORDERS, STAFF, EVERYTHING = "", "staff", "all"
KINDS = [(ORDERS, "Order attempts"), (STAFF, "Sign-ins, sessions and staff changes"), (EVERYTHING, "Everything")]


class AuditFilterForm(Form):
    kind = SelectField("Show", default=ORDERS, choices=choices(KINDS), validate_choice=False)
    order_id = SearchField(
        "Order ID",
        filters=[lambda value: value.strip().lower() if value else value],
        render_kw={"autocomplete": "off", "spellcheck": "false", "maxlength": 100},
    )
    username = SelectField("Staff member", default="", validate_choice=False)
    operation = SelectField("Operation", default="", validate_choice=False)
    outcome = SelectField("Outcome", default="", validate_choice=False)
    date_from = DateField("From", validators=[Optional()])
    date_to = DateField("To", validators=[Optional()])

    def __init__(self, formdata: Any = None, *, usernames: list[str], **kwargs: Any):
        super().__init__(formdata, **kwargs)
        self.username.choices = choices([ANY, *((name, name) for name in usernames)])
        operations = [*((action.name, action.label) for action in all_actions()), *staff_events.LABELS.items()]
        self.operation.choices = choices([ANY, *operations])
        self.outcome.choices = choices([ANY, *((outcome.value, outcome.label) for outcome in AuditOutcome)])

    def filters(self) -> dict[str, str | None]:
        """The chosen filters, as the page's query string keeps them; an unknown choice (an edited
        URL) or an unreadable date counts as no filter."""
        chosen = {}
        for field in (self.kind, self.username, self.operation, self.outcome):
            known = {choice.value for choice in field.choices}
            chosen[field.short_name] = field.data if field.data in known and field.data else None
        chosen["order_id"] = self.order_id.data or None
        if chosen["operation"] in staff_events.LABELS and not chosen["kind"]:
            chosen["kind"] = STAFF  # a staff event chosen by name: show it, whatever the default kind
        for field in (self.date_from, self.date_to):
            chosen[field.short_name] = field.data.isoformat() if field.data and not field.errors else None
        return chosen

    def search_arguments(self) -> dict[str, object]:
        """``AuditEntry.search``'s arguments: the filters, the days as a range of UTC times."""
        chosen: dict[str, object] = {name: value for name, value in self.filters().items()
                                     if name not in ("date_from", "date_to")}
        chosen["since"] = _day_start(self.date_from.data if not self.date_from.errors else None)
        chosen["before"] = _day_start(self.date_to.data if not self.date_to.errors else None, 1)
        return chosen


def _day_start(day: date | None, days: int = 0) -> datetime | None:
    return datetime.combine(day + timedelta(days=days), time.min, UTC) if day else None
