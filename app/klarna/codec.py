"""Typed objects <-> JSON, driven by the dataclasses' own type annotations: one set of rules for
Klarna's answers and for the requests the ledger keeps.

Each Klarna type in ``types.py`` is a keyword-only dataclass deriving from ``KlarnaObject``. Reading
JSON checks every known field against its annotation (integers must really be integers, datetimes
are parsed and a time without a zone is UTC) and keeps every unknown key in ``extra``, so nothing
Klarna sends is lost. Writing JSON omits None and ``extra``. A field whose JSON name is not a Python
identifier declares it with ``field(metadata={"json": "class"})``.

``encode`` and ``decode`` do the same for any dataclass (an action's typed request, kept as plain
JSON in the ledger and read back to be sent again): tuples and lists item by item, optional values,
Klarna objects through their own JSON, so a request read back sends exactly the same JSON. Null
reads as absent everywhere: the field keeps its default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any, Self, TypeVar

T = TypeVar("T")


class DecodeError(ValueError):
    """A JSON document does not have the shape of the type it should become."""


@dataclasses.dataclass(kw_only=True)
class KlarnaObject:
    """Base of every Klarna type: JSON in (``from_json``) and out (``to_json``)."""

    extra: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: Any) -> Self:
        values = _field_values(cls, data)
        known = json_fields(cls)
        extra = {key: value for key, value in data.items() if key not in known}
        return _construct(cls, values, extra=extra)

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


def encode(value: Any) -> Any:
    """Plain JSON values from typed ones (Klarna objects, dataclasses, tuples, datetimes)."""
    if isinstance(value, KlarnaObject):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {each.name: encode(getattr(value, each.name)) for each in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(element) for element in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def decode(cls: type[T], data: Any) -> T:
    """The dataclass ``cls`` from what ``encode`` made of one; missing fields keep their defaults."""
    return _reader(cls)(data, cls.__name__)


# --- reading -----------------------------------------------------------------------------------
#
# What an annotation asks for is worked out once per type (``_reader``, ``_plan``): reading an
# order then only runs the checks, not the look at the annotations (an order has some 70 fields).

Reader = Callable[[Any, str], Any]  # (JSON value, where it is for error messages) -> typed value


@lru_cache(maxsize=None)
def _plan(cls: type) -> tuple[tuple[str, str, Reader, str], ...]:
    """(JSON key, attribute name, reader, where) for every field of a dataclass except ``extra``."""
    return tuple((key, name, _reader(hint), f"{cls.__name__}.{key}") for key, (name, hint) in json_fields(cls).items())


def _field_values(cls: type, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise DecodeError(f"{cls.__name__} expects a JSON object, got {type(data).__name__}")
    values = {}
    for key, name, read, where in _plan(cls):
        value = data.get(key)
        if value is not None:  # null reads as absent: the field keeps its default
            values[name] = read(value, where)
    return values


def _construct(cls: type[T], values: dict[str, Any], **more: Any) -> T:
    try:
        return cls(**values, **more)
    except TypeError as error:  # a required field is missing
        raise DecodeError(f"{cls.__name__}: {error}") from None


@lru_cache(maxsize=None)
def _reader(hint: Any) -> Reader:
    """How to read a JSON value as ``hint``."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _optional_reader(hint)
    if origin in (list, tuple):
        return _sequence_reader(hint, origin)
    if isinstance(hint, type) and issubclass(hint, KlarnaObject):
        return lambda value, where: hint.from_json(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda value, where: _construct(hint, _field_values(hint, value))
    return _scalar_reader(hint)


def _optional_reader(hint: Any) -> Reader:
    options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if len(options) != 1:
        def unclear(value: Any, where: str) -> Any:
            raise DecodeError(f"{where}: cannot tell which of {hint} to read")

        return unclear
    read = _reader(options[0])
    return lambda value, where: None if value is None else read(value, where)


def _sequence_reader(hint: Any, origin: type) -> Reader:
    """``list[X]``, ``tuple[X, ...]`` (every item an X) or ``tuple[X, Y]`` (one item each)."""
    args = typing.get_args(hint)
    if origin is list or (len(args) == 2 and args[1] is Ellipsis):
        read_item = _reader(args[0])

        def read_all(value: Any, where: str) -> Any:
            _expect(isinstance(value, list), where, "a list", value)
            inner = f"{where}[]"
            return origin([read_item(element, inner) for element in value])

        return read_all
    readers = [_reader(arg) for arg in args]

    def read_each(value: Any, where: str) -> Any:
        _expect(isinstance(value, list), where, "a list", value)
        if len(readers) != len(value):
            raise DecodeError(f"{where}: expected {len(readers)} items, got {len(value)}")
        inner = f"{where}[]"
        return tuple(read(element, inner) for read, element in zip(readers, value))

    return read_each


def _scalar_reader(hint: Any) -> Reader:
    if hint is datetime:
        return _parse_datetime
    if hint is date:
        return _parse_date
    if hint is int:  # JSON has no other integers, but True is an int in Python
        return _integer
    if isinstance(hint, type):
        def instance(value: Any, where: str) -> Any:
            _expect(isinstance(value, hint), where, hint.__name__, value)
            return value

        return instance
    return lambda value, where: value


def _integer(value: Any, where: str) -> int:
    _expect(isinstance(value, int) and not isinstance(value, bool), where, "an integer", value)
    return value


def _parse_date(value: Any, where: str) -> date:
    _expect(isinstance(value, str), where, "a date", value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DecodeError(f"{where}: {value!r} is not a date") from None


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
