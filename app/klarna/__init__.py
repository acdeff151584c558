"""Klarna Order Management API client: a plain library (no Flask).

``KlarnaClient`` makes the calls; ``app.klarna.types`` holds the typed objects it returns and accepts;
``app.klarna.errors`` the errors it raises; ``CallRecord`` is what ``on_call`` observers receive.
"""

from app.klarna.calls import CallRecord
from app.klarna.client import KlarnaClient
from app.klarna.errors import (
    AnswerTooLarge,
    AuthenticationFailed,
    Conflict,
    InvalidRequest,
    KlarnaError,
    NetworkError,
    NotAllowed,
    NotFound,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    ServerError,
    UnexpectedResponse,
    WrongOrder,
)

__all__ = [
    "AnswerTooLarge", "AuthenticationFailed", "CallRecord", "Conflict", "InvalidRequest", "KlarnaClient", "KlarnaError",
    "NetworkError", "NotAllowed", "NotFound", "NotSent", "OutcomeUnknown", "RateLimited", "ServerError",
    "UnexpectedResponse", "WrongOrder",
]  # fmt: skip
