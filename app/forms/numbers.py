"""Whole numbers staff type (line quantities, a shipping delay in days): plain ASCII digits only.

``int()`` also reads ``1_0`` (10), ``+2``, Arabic-Indic ``٣`` or fullwidth ``２``; none of those is
what someone means to type in a back office, so they are refused, as the amount field refuses them.
As in the amount field, surrounding spaces are ignored and leading zeros are read as written
(``007`` is 7).
"""

from __future__ import annotations

import re
from typing import Any

from wtforms import IntegerField

NOT_A_WHOLE_NUMBER = "Enter a whole number, 0 or more."

_PLAIN_DIGITS = re.compile(r"[0-9]+")


def whole_number(text: str | None) -> int | None:
    """``text`` as a whole number if it is plain ASCII digits (spaces around aside), else None."""
    stripped = (text or "").strip()
    if not _PLAIN_DIGITS.fullmatch(stripped):
        return None
    try:
        return int(stripped)
    except ValueError:  # more digits than Python converts
        return None


class WholeNumberField(IntegerField):
    """An optional whole number of 0 or more, typed as plain digits (see ``whole_number``)."""

    def __init__(self, label: str | None = None, validators: Any = None, **kwargs: Any):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "min": 0})
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        self.data = whole_number(str(valuelist[0]))
        if self.data is None:
            raise ValueError(NOT_A_WHOLE_NUMBER)
