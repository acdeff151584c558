"""The due-date form: one of the extensions Klarna offers for the capture, each with its fee."""

from __future__ import annotations

from typing import Any

from wtforms import RadioField

from app.actions.due_dates import DueDateChoice
from app.actions.edit_requests import DueDateRequest
from app.forms.actions import ActionForm


class DueDateForm(ActionForm):
    number_of_days = RadioField("Extend the due date by", validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.number_of_days.choices = [
            (str(option.days), f"{option.days} days, fee {option.fee}") for option in self.offered().options
        ]

    def offered(self) -> DueDateChoice:
        """What Klarna offers for this capture (read by the action before the form was built)."""
        return self.target.extra

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        option = self.offered().option(self.number_of_days.data)
        if option is None:
            message = "Choose one of the options Klarna offers."
            if self.number_of_days.data:
                message = "Klarna no longer offers that option: choose one of these."
            self.number_of_days.errors.append(message)
            return False
        if not valid:
            return False
        self.set_request(DueDateRequest(number_of_days=option.days, fee=option.fee))
        return True
