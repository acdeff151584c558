"""Request validation driven by the OpenAPI document.

* Not JSON, or a value of the wrong JSON type (or an integer outside int32/int64) -> 400 ``BAD_VALUE``.
* A constraint of the specification broken (required, maxLength, minimum/maximum, maxItems, enum,
  pattern...) -> 422 ``UNPROCESSABLE_ENTITY``; every message names the field, e.g.
  ``The size of the order_lines[0].name value must be between 0 and 255``.

Patterns are matched against the whole value (Klarna's Java validation uses full matches), so
``HomeDelivery`` does not pass the ``shipping_method`` pattern just because it contains ``Home``.
"""

from __future__ import annotations

import json
from functools import lru_cache

from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from . import spec
from .errors import BadValue, Unprocessable

INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
TYPE_ERRORS = ("type",)
ANCHORED = "^(?:{})\\Z"

format_checker = FormatChecker()


def _integer_format(name: str):
    low, high = INTEGER_RANGES[name]

    @format_checker.checks(name)
    def check(instance) -> bool:
        return not isinstance(instance, int) or isinstance(instance, bool) or low <= instance <= high

    return check


for _name in INTEGER_RANGES:
    _integer_format(_name)


def anchor_patterns(node):
    """Copy of a schema whose ``pattern`` keywords must match the whole string."""
    if isinstance(node, dict):
        anchored = {key: anchor_patterns(value) for key, value in node.items()}
        if isinstance(node.get("pattern"), str) and node.get("type") == "string":
            anchored["pattern"] = ANCHORED.format(node["pattern"])
        return anchored
    if isinstance(node, list):
        return [anchor_patterns(item) for item in node]
    return node


def make_validator(schema: dict) -> Draft4Validator:
    return Draft4Validator(anchor_patterns(schema), format_checker=format_checker)


@lru_cache(maxsize=None)
def operation_validator(operation_id: str) -> Draft4Validator | None:
    schema = spec.request_body_schema(operation_id)
    return make_validator(schema) if schema else None


def parse_json(raw: bytes):
    """Decode a JSON body; NaN and Infinity are refused like any other invalid JSON."""
    if not raw.strip():
        raise BadValue("BAD_VALUE", "Bad value: the request body is empty; a JSON object is required")
    try:
        return json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadValue("BAD_VALUE", f"Bad value: the request body is not valid JSON ({error})") from None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def validate(validator: Draft4Validator, instance) -> None:
    """Raise 400 for wrong types, 422 for broken constraints; messages name every offending field."""
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(map(str, error.absolute_path)))
    wrong_types = [error for error in errors if _is_type_error(error)]
    if wrong_types:
        raise BadValue("BAD_VALUE", *_unique(f"Bad value: {field_name(error)}" + _type_hint(error)
                                             for error in wrong_types))
    if errors:
        raise Unprocessable("UNPROCESSABLE_ENTITY", *_unique(message for error in errors
                                                              for message in describe(error)))


def _is_type_error(error: ValidationError) -> bool:
    return error.validator in TYPE_ERRORS or (error.validator == "format" and error.validator_value in INTEGER_RANGES)


def _type_hint(error: ValidationError) -> str:
    if error.validator == "type":
        return f" (expected {error.validator_value})"
    return f" (outside the {error.validator_value} range)"


def _unique(messages) -> list[str]:
    return list(dict.fromkeys(messages))


def field_name(error: ValidationError, child: str | None = None) -> str:
    name = ""
    for part in list(error.absolute_path) + ([child] if child else []):
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "request body"


def describe(error: ValidationError) -> list[str]:
    """Klarna-style messages for one broken constraint."""
    schema, keyword = error.schema, error.validator
    if keyword == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [f"The {field_name(error, name)} value must not be null" for name in missing]
    field = field_name(error)
    if keyword in ("maxLength", "minLength"):
        return [f"The size of the {field} value must be between {schema.get('minLength', 0)} and "
                f"{schema.get('maxLength', 'unlimited')}"]
    if keyword in ("maxItems", "minItems"):
        return [f"The size of the {field} value must be between {schema.get('minItems', 0)} and "
                f"{schema.get('maxItems', 'unlimited')}"]
    if keyword in ("maximum", "minimum"):
        return [_range_message(field, schema)]
    if keyword == "pattern":
        return [f'The {field} value must match "{_unanchored(error.validator_value)}"']
    if keyword == "enum":
        return [f"The {field} value must be one of: {', '.join(map(str, error.validator_value))}"]
    if keyword == "format":
        return [f"The {field} value must be a valid {error.validator_value}"]
    return [f"The {field} value is invalid: {error.message[:200]}"]


def _unanchored(pattern: str) -> str:
    prefix, suffix = ANCHORED.split("{}")
    return pattern[len(prefix):-len(suffix)] if pattern.startswith(prefix) and pattern.endswith(suffix) else pattern


def _range_message(field: str, schema: dict) -> str:
    if "minimum" in schema and "maximum" in schema:
        return f"The {field} value must be between {schema['minimum']} and {schema['maximum']}"
    if "minimum" in schema:
        return f"The {field} value must be greater than or equal to {schema['minimum']}"
    return f"The {field} value must be less than or equal to {schema['maximum']}"
