"""What every action's form shares: the idempotency key, the confirmation round trip, amounts.

A form is built for one ``Target`` (the order as Klarna just returned it), so its validation knows
the currency, the locale and what the order allows. After ``validate()`` succeeds, ``to_request()``
gives the typed arguments for the client; views never see raw values.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from flask_wtf import FlaskForm
from wtforms import Field, FieldList, FormField, HiddenField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from app.actions.base import ActionRequest
from app.models.ledger import is_key_shaped
from app.money import AmountError, parse_amount

if TYPE_CHECKING:
    from app.actions.base import Target

# Set by the buttons of the confirmation step (never rendered as inputs of their own).
CONTROL_FIELDS = frozenset({"csrf_token", "idempotency_key", "confirmed", "edit", "confirm_token"})


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """Select and radio options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def text_field(
    label: str, max_length: int, field_class: type[Field] = StringField, checks: tuple = (), **render: Any
) -> Field:
    """An optional text field of at most ``max_length`` characters (the API's limit)."""
    message = f"Use at most {max_length} characters."
    return field_class(
        label,
        validators=[Length(max=max_length, message=message), *checks],
        filters=[strip],
        render_kw={"maxlength": max_length, **render},
    )


def key_or_nothing(value: Any) -> str:
    """The idempotency key sent, or "" when it cannot be one the ledger minted (a made-up value
    finds no key all the same, and is not kept in the audit log)."""
    return value if isinstance(value, str) and is_key_shaped(value) else ""


def optional_text(field: Field) -> str | None:
    return field.data or None


def read_amount(field: Field, target: Target, *, zero: bool = False, negative: bool = False) -> int | None:
    """The amount typed into ``field`` in the target's currency, or None (with a field error);
    ``zero`` and ``negative`` allow those too (see ``parse_amount``)."""
    try:
        return parse_amount(field.data or "", target.currency, target.locale, zero=zero, negative=negative)
    except AmountError as error:
        field.errors.append(error.message)
        return None


class ActionForm(FlaskForm):
    """Base of every action's form."""

    # A form without inputs of its own: an action that confirms shows its confirmation at once.
    asks_nothing: ClassVar[bool] = False

    idempotency_key = HiddenField(filters=[key_or_nothing])
    confirm_token = HiddenField()  # the fingerprint of the request shown in the confirmation
    confirmed = StringField()  # "1" from the confirmation's confirm button
    edit = StringField()  # "1" from the confirmation's "change" button

    def __init__(self, target: Target, *args: Any, **kwargs: Any):
        self.target = target
        self._request: ActionRequest | None = None
        super().__init__(*args, **kwargs)

    def prefill(self) -> None:
        """Fill in a new form from the order (e.g. one row per order line)."""

    def needs_another_look(self) -> bool:
        """The form asked only to be shown again (e.g. "add a row"): nothing to validate yet."""
        return False

    def to_request(self) -> ActionRequest:
        if self._request is None:
            raise RuntimeError("to_request() needs a successful validate() first")
        return self._request

    def set_request(self, request: ActionRequest) -> None:
        self._request = request

    # --- helpers for subclasses and templates -----------------------------------------------------

    def amount_in_minor_units(self, field: Field) -> int | None:
        """The amount typed into ``field`` in the order's currency, or None (with a field error)."""
        return read_amount(field, self.target)

    def error_messages(self) -> list[str]:
        """Every error on the form, as "Label: message" lines (for the audit log)."""
        messages = list(self.form_errors)
        for _name, field in _leaves(self):
            messages.extend(f"{field.label.text}: {message}" for message in field.errors)
        return messages

    def invalid_fields(self) -> list[tuple[str, str]]:
        """(id, label) of every field with an error, for the summary above a long form."""
        return [(field.id, field.label.text) for _name, field in _leaves(self) if field.errors]

    def digest(self) -> str:
        """A hash of the fields' values as sent (after their filters, before validation; buttons,
        key and token aside): a form whose key went to Klarna may only be sent again unchanged."""
        values = sorted(
            (field.name, str(field.data))
            for name, field in _leaves(self)
            if name not in CONTROL_FIELDS and field.data not in (None, "")
        )
        return hashlib.sha256(json.dumps(values).encode()).hexdigest()

    def hidden_values(self) -> list[tuple[str, str]]:
        """Every value as submitted, to carry through the confirmation step unchanged."""
        values = []
        for name, field in _leaves(self):
            if name in CONTROL_FIELDS:
                continue
            raw = field.raw_data if field.raw_data is not None else [field._value()]
            values.extend((field.name, str(value)) for value in raw if value not in (None, ""))
        return values


class NoInputForm(ActionForm):
    """The form of an action that asks nothing (cancel, release, extend, acknowledge, send-out): its
    request follows from the order alone (``request_type.from_target``), so it exists as soon as the
    form does. Used as it is, the request is empty: the call sends nothing but the ids."""

    asks_nothing = True
    request_type: ClassVar[type[ActionRequest]] = ActionRequest

    @classmethod
    def of(cls, request_type: type[ActionRequest]) -> type[NoInputForm]:
        """The form of an action whose request is ``request_type`` (``NoInputForm.of(CancelRequest)``)."""
        return type(f"{request_type.__name__}Form", (cls,), {"request_type": request_type})

    def build_request(self) -> ActionRequest:
        return self.request_type.from_target(self.target)

    def prefill(self) -> None:
        self.set_request(self.build_request())

    def to_request(self) -> ActionRequest:
        if self._request is None:
            self.prefill()
        return super().to_request()

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        self.set_request(self.build_request())
        return True


def _leaves(form: Any) -> list[tuple[str, Field]]:
    """(short name, field) of every input field, descending into lists and sub-forms."""
    found: list[tuple[str, Field]] = []
    for field in form:
        found.extend(_leaves_of(field))
    return found


def _leaves_of(field: Field) -> list[tuple[str, Field]]:
    if isinstance(field, FieldList):
        return [leaf for entry in field.entries for leaf in _leaves_of(entry)]
    if isinstance(field, FormField):
        return _leaves(field.form)
    return [(field.short_name, field)]

