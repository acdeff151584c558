"""JSON <-> dataclass conversion driven by the dataclasses' own type annotations.

Each Klarna type in ``types.py`` is a keyword-only dataclass deriving from ``KlarnaObject``. Reading
JSON checks every known field against its annotation (amounts must really be integers, datetimes
are parsed and timezone-aware) and keeps every unknown key in ``extra``, so nothing Klarna sends is
lost. Writing JSON omits None and ``extra``. A field whose JSON name is not a Python identifier
declares it with ``field(metadata={"json": "class"})``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Self


class DecodeError(ValueError):
    """A JSON document does not have the shape of the Klarna type it should become."""


@dataclasses.dataclass(kw_only=True)
class KlarnaObject:
    """Base of every Klarna type: JSON in (``from_json``) and out (``to_json``)."""

    extra: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: Any) -> Self:
        if not isinstance(data, dict):
            raise DecodeError(f"{cls.__name__} expects a JSON object, got {type(data).__name__}")
        known = json_fields(cls)
        values = {
            name: _decode(hint, data[key], f"{cls.__name__}.{key}")
            for key, (name, hint) in known.items()
            if data.get(key) is not None  # null reads as absent: the field keeps its default
        }
        extra = {key: value for key, value in data.items() if key not in known}
        try:
            return cls(**values, extra=extra)
        except TypeError as error:  # a required field is missing
            raise DecodeError(f"{cls.__name__}: {error}") from None

    def to_json(self) -> dict[str, Any]:
        """The request payload: every field that is set, under its JSON name; None is omitted."""
        payload = {}
        for key, (name, _hint) in json_fields(type(self)).items():
            value = getattr(self, name)
            if value is not None:
                payload[key] = encode(value)
        return payload


@lru_cache(maxsize=None)
def json_fields(cls: type) -> dict[str, tuple[str, Any]]:
    """JSON key -> (attribute name, resolved type) for every field except ``extra``."""
    hints = typing.get_type_hints(cls)
    return {
        field.metadata.get("json", field.name): (field.name, hints[field.name])
        for field in dataclasses.fields(cls)
        if field.name != "extra"
    }


def _decode(hint: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _decode(hint, value, where)
    if origin is list:
        (item,) = typing.get_args(hint)
        _expect(isinstance(value, list), where, "a list", value)
        return [_decode(item, element, f"{where}[]") for element in value]
    if isinstance(hint, type) and issubclass(hint, KlarnaObject):
        return hint.from_json(value)
    return _decode_scalar(hint, value, where)


def _decode_scalar(hint: Any, value: Any, where: str) -> Any:
    if hint is datetime:
        return _parse_datetime(value, where)
    if hint is date:
        _expect(isinstance(value, str), where, "a date", value)
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise DecodeError(f"{where}: {value!r} is not a date") from None
    if hint is int:
        _expect(isinstance(value, int) and not isinstance(value, bool), where, "an integer", value)
    elif hint in (str, bool):
        _expect(isinstance(value, hint), where, hint.__name__, value)
    return value


def _parse_datetime(value: Any, where: str) -> datetime:
    _expect(isinstance(value, str), where, "a date-time", value)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise DecodeError(f"{where}: {value!r} is not an ISO 8601 date-time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _expect(condition: bool, where: str, wanted: str, value: Any) -> None:
    if not condition:
        raise DecodeError(f"{where}: expected {wanted}, got {type(value).__name__}")


def encode(value: Any) -> Any:
    if isinstance(value, KlarnaObject):
        return value.to_json()
    if isinstance(value, (list, tuple)):
        return [encode(element) for element in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value
