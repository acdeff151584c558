"""A form reads at most as many order lines as Klarna takes, however many rows are posted."""

from __future__ import annotations

import pytest

from app.actions.base import Target
from app.actions.lines import MAX_LINES
from app.forms.authorization import UpdateAuthorizationForm
from app.forms.capture import CaptureForm
from app.forms.refund import RefundForm
from app.klarna.types import Order


@pytest.mark.parametrize("form_class", [CaptureForm, RefundForm, UpdateAuthorizationForm])
def test_rows_past_the_apis_limit_of_order_lines_are_not_read(app, form_class):
    rows = {f"lines-{index}-quantity": "1" for index in range(MAX_LINES + 5)}
    target = Target("default", Order(order_id="an-order", purchase_currency="SEK", locale="sv-SE"))
    with app.test_request_context(method="POST", data=rows):
        form = form_class(target, meta={"csrf": False})
    assert len(form.lines.entries) == MAX_LINES
