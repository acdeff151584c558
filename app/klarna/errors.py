"""Typed errors for everything that can go wrong when calling Klarna.

Two questions matter to a caller holding an idempotency key:

* ``outcome_known``: do we know whether Klarna carried the operation out? True when Klarna answered
  with a refusal (nothing happened) or when nothing was sent; False after a timeout, a dropped
  connection, a server error or a conflict.
* ``retryable``: may trying again (with the same idempotency key) succeed without risk of doing the
  operation twice? True for network trouble, rate limiting and server errors; False for refusals
  and invalid requests, which would only be refused again.
"""

from __future__ import annotations

from collections.abc import Sequence


class KlarnaError(Exception):
    """A Klarna call failed. Carries what Klarna said, for messages and for support cases."""

    outcome_known = True
    retryable = False

    def __init__(
        self,
        message: str | None = None,
        *,
        operation: str,
        status: int | None = None,
        error_code: str | None = None,
        error_messages: Sequence[str] = (),
        correlation_id: str | None = None,
        order_id: str | None = None,
        attempts: int = 1,
    ):
        self.operation = operation
        self.status = status
        self.error_code = error_code
        self.error_messages = list(error_messages)
        self.correlation_id = correlation_id
        self.order_id = order_id
        self.attempts = attempts
        self.message = message or self._default_message()
        super().__init__(self.message)

    def _default_message(self) -> str:
        said = "; ".join(self.error_messages) or "no details given"
        code = f" {self.error_code}" if self.error_code else ""
        return f"Klarna answered HTTP {self.status}{code}: {said}"

    def __str__(self) -> str:
        text = f"{self.operation}: {self.message}"
        if self.correlation_id:
            text += f" (correlation id {self.correlation_id})"
        return text


class InvalidRequest(KlarnaError):
    """400, 413 or 422: the request broke the API's rules (malformed, missing or too long fields)."""


class AuthenticationFailed(KlarnaError):
    """401: Klarna refused the credentials. A configuration problem, not something staff can fix."""

    def _default_message(self) -> str:
        return "Klarna refused the API credentials (HTTP 401); check the configured username and password"


class NotAllowed(KlarnaError):
    """403: refused by a business rule, e.g. ``CAPTURE_NOT_ALLOWED``; nothing happened."""


class NotFound(KlarnaError):
    """404: no such order, capture or refund."""


class Conflict(KlarnaError):
    """409: Klarna is busy with a request using the same idempotency key, or the key was reused."""

    outcome_known = False
    retryable = True


class RateLimited(KlarnaError):
    """429: too many requests. Nothing happened; try again later with the same key."""

    retryable = True

    def __init__(self, message: str | None = None, *, retry_after: float | None = None, **details):
        self.retry_after = retry_after
        super().__init__(message, **details)


class ServerError(KlarnaError):
    """5xx: Klarna failed or is unavailable. It may or may not have done the operation."""

    outcome_known = False
    retryable = True


class UnexpectedResponse(KlarnaError):
    """Klarna answered in a way the API does not describe (e.g. a redirect or an unreadable body)."""

    outcome_known = False


class AnswerTooLarge(UnexpectedResponse):
    """Klarna's answer was larger than the client reads (``max_answer_bytes``, also once
    decompressed). It was not read, so whatever the status said, the outcome is unknown."""


class WrongOrder(UnexpectedResponse):
    """Klarna's answer describes another order than the one asked for; it is not shown or used."""


class NetworkError(KlarnaError):
    """No HTTP answer came back. ``reason`` says what happened on the last attempt."""

    def __init__(self, message: str | None = None, *, reason: str = "", **details):
        self.reason = reason
        super().__init__(message, **details)

    def _tried(self) -> str:
        because = f" ({self.reason})" if self.reason else ""
        return f"after {self.attempts} attempt(s){because}"


class NotSent(NetworkError):
    """No attempt reached Klarna (connection refused, DNS or TLS failure): nothing happened."""

    retryable = True

    def _default_message(self) -> str:
        return f"could not reach Klarna {self._tried()}; the request was not sent and nothing happened"


class OutcomeUnknown(NetworkError):
    """A request was sent but no answer came back (timeout or dropped connection), or such an attempt
    was followed by answers that cannot tell what became of it (a refused connection, 429, 5xx).

    Klarna may or may not have carried it out. Retrying with the same idempotency key is safe: Klarna
    performs the operation at most once per key.
    """

    outcome_known = False
    retryable = True

    def _default_message(self) -> str:
        return (
            f"no answer from Klarna {self._tried()}; it is unknown whether the operation was "
            "carried out. Retrying with the same idempotency key is safe"
        )


_BY_STATUS: dict[int, type[KlarnaError]] = {
    400: InvalidRequest,
    401: AuthenticationFailed,
    403: NotAllowed,
    404: NotFound,
    409: Conflict,
    413: InvalidRequest,
    422: InvalidRequest,
    429: RateLimited,
}


def error_class_for(status: int) -> type[KlarnaError]:
    """The error class for an HTTP status Klarna answered with."""
    if status >= 500:
        return ServerError
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return UnexpectedResponse if status < 400 else KlarnaError
