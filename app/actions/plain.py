"""Typed values as plain JSON and back: what a request's fingerprint hashes and the ledger keeps.

``to_plain`` turns Klarna objects (their request JSON), dataclasses, tuples and datetimes into
JSON values. ``from_plain(SomeRequest, data)`` reads such a document back into the dataclass, led
by its type hints: Klarna types through their own ``from_json``, tuples and optional values item
by item, datetimes from ISO 8601; anything else must already have the annotated type. A form whose
answer was lost is sent again from what ``to_plain`` stored, so the rebuilt request sends exactly
the same JSON (Klarna objects omit None and unknown keys either way).
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from app.klarna.codec import KlarnaObject

T = TypeVar("T")


class PlainValueError(ValueError):
    """A stored document does not fit the type it should be read back into."""


def to_plain(value: Any) -> Any:
    """Plain JSON values from typed ones (Klarna objects, dataclasses, tuples, datetimes)."""
    if isinstance(value, KlarnaObject):
        return value.to_json()
    if is_dataclass(value) and not isinstance(value, type):
        return {each.name: to_plain(getattr(value, each.name)) for each in fields(value)}
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def from_plain(cls: type[T], data: Any) -> T:
    """The dataclass ``cls`` from what ``to_plain`` made of one; missing fields keep their defaults."""
    if not isinstance(data, dict):
        raise PlainValueError(f"{cls.__name__} expects an object, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    values = {each.name: _read(hints[each.name], data[each.name]) for each in fields(cls) if each.name in data}
    return cls(**values)


def _read(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            raise PlainValueError(f"cannot tell which of {hint} to read")
        return _read(options[0], value)
    if origin in (tuple, list):
        return origin(_read(item, element) for item, element in zip(_item_hints(hint, value), value))
    if isinstance(hint, type) and issubclass(hint, KlarnaObject):
        return hint.from_json(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return from_plain(hint, value)
    if hint in (datetime, date):
        return hint.fromisoformat(value)
    return _scalar(hint, value)


def _item_hints(hint: Any, value: Any) -> list[Any]:
    """The type of each item of a tuple or list (``tuple[X, ...]``, ``tuple[X, Y]``, ``list[X]``)."""
    if not isinstance(value, list):
        raise PlainValueError(f"expected a list for {hint}, got {type(value).__name__}")
    args = typing.get_args(hint)
    if typing.get_origin(hint) is list or (len(args) == 2 and args[1] is Ellipsis):
        return [args[0]] * len(value)
    if len(args) != len(value):
        raise PlainValueError(f"expected {len(args)} items for {hint}, got {len(value)}")
    return list(args)


def _scalar(hint: Any, value: Any) -> Any:
    if hint is Any:
        return value
    if hint is int:  # JSON has no other integers, but True is an int in Python
        fits = isinstance(value, int) and not isinstance(value, bool)
    else:
        fits = isinstance(hint, type) and isinstance(value, hint)
    if not fits:
        raise PlainValueError(f"expected {hint}, got {type(value).__name__}")
    return value
