"""Reading Klarna's answers: typed results, typed errors, ids of created objects."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import requests

from app.klarna.codec import DecodeError, KlarnaObject
from app.klarna.errors import (
    InvalidRequest,
    KlarnaError,
    NotAllowed,
    NotFound,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    error_class_for,
)
from app.klarna.operations import Operation
from app.klarna.transport import Exchange, NetworkFailure, retry_after_seconds

T = TypeVar("T", bound=KlarnaObject)

CORRELATION_HEADER = "Klarna-Correlation-Id"


@lru_cache(maxsize=1)
def user_agent() -> str:
    """``KlarnaBackOffice/<version> python-requests/<version>``."""
    return f"KlarnaBackOffice/{_app_version()} {requests.utils.default_user_agent()}"


def _app_version() -> str:
    try:
        return metadata.version("klarna-backoffice")
    except metadata.PackageNotFoundError:  # running from a checkout
        pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
        try:
            with pyproject.open("rb") as file:
                return tomllib.load(file)["project"]["version"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "unknown"


# --- successful answers -----------------------------------------------------------------------


def parse_as(kind: type[T]) -> Callable[[requests.Response], T]:
    return lambda response: kind.from_json(response.json())


def parse_list_of(kind: type[T]) -> Callable[[requests.Response], list[T]]:
    def parse(response: requests.Response) -> list[T]:
        items = response.json()
        if not isinstance(items, list):
            raise DecodeError(f"expected a list of {kind.__name__}, got {type(items).__name__}")
        return [kind.from_json(item) for item in items]

    return parse


def no_content(response: requests.Response) -> None:
    """204 answers carry no body; whatever the spec declares for them is not read."""


def created_id(header: str) -> Callable[[requests.Response], str]:
    """The id of a created capture or refund: its own header, else the last segment of Location."""

    def parse(response: requests.Response) -> str:
        location = response.headers.get("Location", "").rstrip("/")
        found = response.headers.get(header) or location.rpartition("/")[2]
        if not found:
            raise DecodeError(f"the answer has neither {header} nor Location")
        return found

    return parse


def correlation_id_of(response: requests.Response) -> str | None:
    return _error_body(response).get("correlation_id") or response.headers.get(CORRELATION_HEADER)


# --- failures ---------------------------------------------------------------------------------


def error_from_response(
    response: requests.Response, operation: str, order_id: str, attempts: int
) -> KlarnaError:
    """The typed error for a non-2xx answer, with Klarna's code, messages and correlation id."""
    body = _error_body(response)
    messages = body.get("error_messages")
    details: dict[str, Any] = {
        "operation": operation,
        "status": response.status_code,
        "error_code": _text(body.get("error_code")),
        "error_messages": [str(m) for m in messages] if isinstance(messages, list) else [],
        "correlation_id": correlation_id_of(response),
        "order_id": order_id,
        "attempts": attempts,
    }
    kind = error_class_for(response.status_code)
    if kind is RateLimited:
        details["retry_after"] = retry_after_seconds(response)
    return kind(**details)


def final_error(exchange: Exchange, operation: Operation, order_id: str) -> KlarnaError:
    """The error for a call whose last answer was not 2xx.

    A refusal (400, 403, 404, 422) after a retry is trusted: with the same idempotency key Klarna
    would have repeated an earlier success. Any other answer (429, 401, 5xx...) says nothing about an
    earlier attempt that may have been carried out, so the outcome of a mutating call is then unknown.
    """
    error = error_from_response(exchange.response, operation.name, order_id, exchange.attempts)
    if not (operation.mutating and exchange.maybe_done_before and error.outcome_known):
        return error
    if isinstance(error, (InvalidRequest, NotAllowed, NotFound)):
        return error
    unknown = OutcomeUnknown(
        operation=operation.name,
        status=error.status,
        error_code=error.error_code,
        error_messages=error.error_messages,
        correlation_id=error.correlation_id,
        order_id=order_id,
        attempts=exchange.attempts,
        reason=f"an earlier attempt may have been carried out; the last answer was HTTP {error.status}",
    )
    unknown.__cause__ = error
    return unknown


def network_error(failure: NetworkFailure, operation: str, order_id: str) -> KlarnaError:
    """NotSent when no attempt can have been carried out, OutcomeUnknown when any may have."""
    kind = OutcomeUnknown if failure.maybe_done else NotSent
    return kind(operation=operation, order_id=order_id, attempts=failure.attempts, reason=failure.reason)


def _error_body(response: requests.Response) -> dict[str, Any]:
    if response.status_code < 400 or not response.content:
        return {}
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
