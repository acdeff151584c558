"""Every way a Klarna call can fail becomes a settled key, an audit outcome and plain words."""

from __future__ import annotations

import pytest

from app.actions.outcomes import Kind, classify
from app.klarna import (
    AuthenticationFailed,
    Conflict,
    InvalidRequest,
    NotAllowed,
    NotFound,
    NotSent,
    OutcomeUnknown,
    RateLimited,
    ServerError,
    UnexpectedResponse,
)

DETAILS = {"operation": "create_capture", "error_code": "CODE", "correlation_id": "corr-1"}


@pytest.mark.parametrize(
    "error,state,title,words",
    [
        (NotAllowed(status=403, error_messages=["Order is closed"], **DETAILS), "refused",
         "Klarna refused the capture", "Klarna said: Order is closed. Nothing was done."),
        (InvalidRequest(status=422, error_messages=["Bad value: x."], **DETAILS), "refused",
         "Klarna did not accept the capture", "Correct the form and send it again."),
        (NotFound(status=404, **DETAILS), "refused", "Klarna could not find it", "no reason given."),
        (AuthenticationFailed(status=401, **DETAILS), "refused",
         "The dashboard's Klarna credentials are wrong", "Ask an admin"),
        (RateLimited(status=429, **DETAILS), "refused", "Klarna is busy", "Nothing was done."),
        (NotSent(**DETAILS), "refused", "Klarna could not be reached", "Nothing was done."),
        (OutcomeUnknown(**DETAILS), "unknown", "Result unknown", "Sending the form again is safe"),
        (ServerError(status=503, **DETAILS), "unknown", "Result unknown", "we do not know whether it was done"),
        (UnexpectedResponse(status=302, **DETAILS), "unknown", "Result unknown", "Sending the form again is safe"),
        (Conflict(status=409, **DETAILS), "unknown", "Still being processed by Klarna", "Sending the form again"),
    ],
)
def test_each_failure_settles_and_speaks_plainly(error, state, title, words):
    classified = classify(error, "capture")
    assert classified.state == state and classified.audit == state
    outcome = classified.outcome
    assert outcome.kind == (Kind.REFUSED if state == "refused" else Kind.UNKNOWN)
    assert outcome.title == title and words in outcome.message
    assert (outcome.error_code, outcome.correlation_id) == ("CODE", "corr-1")
    assert outcome.keeps_key is (state == "unknown")
