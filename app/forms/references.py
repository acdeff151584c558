"""The merchant references form: both references on a page of their own, or one edited in place.

Only the references present in the form and different from the order's are sent ("" clears one),
so the small in-place form for reference 1 never touches reference 2.
"""

from __future__ import annotations

from typing import Any

from app.actions.edit_requests import REFERENCE_LABELS, ReferencesRequest
from app.forms.actions import ActionForm, text_field

MAX_LENGTH = 255  # the API's limit for each reference


class ReferencesForm(ActionForm):
    merchant_reference1 = text_field(REFERENCE_LABELS["merchant_reference1"], MAX_LENGTH, autocomplete="off")
    merchant_reference2 = text_field(REFERENCE_LABELS["merchant_reference2"], MAX_LENGTH, autocomplete="off")

    def prefill(self) -> None:
        for name in REFERENCE_LABELS:
            self[name].data = getattr(self.target.order, name) or ""

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        changed = {
            name: self[name].data or ""
            for name in REFERENCE_LABELS
            if self[name].raw_data and (self[name].data or "") != (getattr(self.target.order, name) or "")
        }
        if not changed:
            self.form_errors.append("Nothing to save: the references are as they were.")
            return False
        self.set_request(ReferencesRequest(**changed))
        return True
