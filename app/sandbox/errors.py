"""Klarna's error body and the exceptions the sandbox raises to produce it.

Every error the sandbox sends has Klarna's shape:
``{"error_code": ..., "error_messages": [...], "correlation_id": <fresh UUID4>}``, and the same id in
the ``Klarna-Correlation-Id`` header that every Order Management answer carries.
"""

from __future__ import annotations

import json
import uuid

from flask import Response

CORRELATION_HEADER = "Klarna-Correlation-Id"

# The error code Klarna uses for each HTTP status when nothing more specific applies.
DEFAULT_CODES = {
    400: "BAD_VALUE",
    401: "UNAUTHORIZED",
    403: "NOT_ALLOWED",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "REQUEST_TOO_LARGE",
    422: "UNPROCESSABLE_ENTITY",
    429: "TOO_MANY_REQUESTS",
    500: "INTERNAL_SERVER_ERROR",
    502: "TEMPORARILY_UNAVAILABLE",
    503: "TEMPORARILY_UNAVAILABLE",
    504: "TEMPORARILY_UNAVAILABLE",
}

DEFAULT_MESSAGES = {
    400: "Bad request",
    401: "Unauthorized. Check the API credentials.",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request is too large",
    422: "Unprocessable entity",
    429: "Too many requests",
    500: "Unexpected server error",
    502: "Temporarily unavailable",
    503: "Temporarily unavailable",
    504: "Temporarily unavailable",
}


def default_code(status: int) -> str:
    return DEFAULT_CODES.get(status, "INTERNAL_SERVER_ERROR" if status >= 500 else "BAD_REQUEST")


def default_message(status: int) -> str:
    return DEFAULT_MESSAGES.get(status, "Error")


def error_body(code: str, messages: list[str]) -> dict:
    return {"error_code": code, "error_messages": list(messages), "correlation_id": str(uuid.uuid4())}


def error_response(status: int, code: str | None = None, messages: list[str] | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    body = error_body(code or default_code(status), messages or [default_message(status)])
    headers = {**(headers or {}), CORRELATION_HEADER: body["correlation_id"]}
    return Response(json.dumps(body), status=status, mimetype="application/json", headers=headers)


class KlarnaError(Exception):
    """An error answered with Klarna's error body."""

    status = 400

    def __init__(self, code: str, *messages: str):
        super().__init__(code, *messages)
        self.code = code
        self.messages = list(messages) or [default_message(self.status)]

    def response(self) -> Response:
        return error_response(self.status, self.code, self.messages)


class Refused(KlarnaError):
    """403: the operation is not allowed by Klarna's business rules (``*_NOT_ALLOWED``)."""

    status = 403


class NotFound(KlarnaError):
    """404: ``NO_SUCH_ORDER``, ``NO_SUCH_CAPTURE`` or ``NOT_FOUND``."""

    status = 404


class BadValue(KlarnaError):
    """400: the body is not JSON or a value has the wrong type."""

    status = 400


class Unprocessable(KlarnaError):
    """422: the body breaks a constraint of the specification."""

    status = 422


class Conflict(KlarnaError):
    """409: the request conflicts with existing state."""

    status = 409


def no_such_order(order_id: str) -> NotFound:
    return NotFound("NO_SUCH_ORDER", f"Order {order_id} cannot be found")


def no_such_capture(order_id: str, capture_id: str) -> NotFound:
    return NotFound("NO_SUCH_CAPTURE", f"Capture {capture_id} cannot be found for order {order_id}")


def no_such_refund(order_id: str, refund_id: str) -> NotFound:
    return NotFound("NOT_FOUND", f"Refund {refund_id} cannot be found for order {order_id}")
