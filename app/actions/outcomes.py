"""What staff are told after an attempt: one ``Outcome`` per way an attempt can end.

Klarna's errors become plain words here, always with the raw ``error_code`` and correlation id kept
alongside so staff can copy them into a support case.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from app.klarna import (
    AuthenticationFailed,
    Conflict,
    InvalidRequest,
    KlarnaError,
    NotAllowed,
    NotFound,
    NotSent,
    RateLimited,
)
from app.models.audit import AuditOutcome
from app.models.ledger import ClaimProblem, KeyState, LedgerKey


class Kind(enum.StrEnum):
    SUCCEEDED = "succeeded"  # done now
    REFUSED = "refused"  # definitely not done; a fresh form may try again
    UNKNOWN = "unknown"  # may or may not be done; the same form may be sent again
    ALREADY_DONE = "already_done"  # this form was sent before and succeeded
    ALREADY_REFUSED = "already_refused"  # this form was sent before and was refused
    IN_PROGRESS = "in_progress"  # this form is being sent right now
    STALE_FORM = "stale_form"  # the form's key expired or does not fit: reload
    CHANGED = "changed"  # this form was sent before with other values


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    title: str
    message: str
    error_code: str | None = None
    error_messages: tuple[str, ...] = ()
    correlation_id: str | None = None
    result_id: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.kind in (Kind.SUCCEEDED, Kind.ALREADY_DONE)

    @property
    def keeps_key(self) -> bool:
        """Whether the form should be sent again with the same key (the outcome is open)."""
        return self.kind in (Kind.UNKNOWN, Kind.IN_PROGRESS)

    @property
    def alert(self) -> str:
        """The alert style: success, warning or error."""
        if self.succeeded:
            return "success"
        return "warning" if self.kind in (Kind.UNKNOWN, Kind.IN_PROGRESS) else "error"


@dataclass(frozen=True)
class Classified:
    """How a Klarna error settles the ledger and the audit entry, and what staff read."""

    state: KeyState
    audit: AuditOutcome
    outcome: Outcome


def classify(error: KlarnaError, label: str, advice: str | None = None) -> Classified:
    """``label`` names the operation in lower case, e.g. "capture"; ``advice`` is added to a refusal's
    message (what staff can do next)."""
    details = {
        "error_code": error.error_code,
        "error_messages": tuple(error.error_messages),
        "correlation_id": error.correlation_id,
    }
    if error.outcome_known:
        title, message = _refusal_text(error, label)
        outcome = Outcome(Kind.REFUSED, title, f"{message} {advice}" if advice else message, **details)
        return Classified(KeyState.REFUSED, AuditOutcome.REFUSED, outcome)
    outcome = Outcome(Kind.UNKNOWN, *_unknown_text(error, label), **details)
    return Classified(KeyState.UNKNOWN, AuditOutcome.UNKNOWN, outcome)


# (error class, title, message) for errors after which nothing was done; {label}, {said}, {status}
# are filled in. The first class that matches wins.
_REFUSALS: tuple[tuple[type[KlarnaError], str, str], ...] = (
    (NotAllowed, "Klarna refused the {label}", "Klarna said: {said} Nothing was done."),
    (
        InvalidRequest,
        "Klarna did not accept the {label}",
        "Klarna said: {said} Nothing was done. Correct the form and send it again.",
    ),
    (NotFound, "Klarna could not find it", "Klarna said: {said} Nothing was done. Reload the order."),
    (
        AuthenticationFailed,
        "The dashboard's Klarna credentials are wrong",
        "Klarna refused the API username and password this dashboard uses. Nothing was done. "
        "Ask an admin to fix them.",
    ),
    (
        RateLimited,
        "Klarna is busy",
        "Klarna received too many requests and did not take this one. Nothing was done. "
        "Wait a minute, then send it again.",
    ),
    (
        NotSent,
        "Klarna could not be reached",
        "The request could not reach Klarna. Nothing was done. Try again in a minute.",
    ),
    (KlarnaError, "Klarna refused the {label}", "Klarna answered with an error (HTTP {status}). Nothing was done."),
)


def klarna_said(error: KlarnaError) -> str:
    """Klarna's messages as sentences: "Order is cancelled. Capture not possible."."""
    return " ".join(message.rstrip(".") + "." for message in error.error_messages) or "no reason given."


def _refusal_text(error: KlarnaError, label: str) -> tuple[str, str]:
    said = klarna_said(error)
    title, message = next((title, message) for kind, title, message in _REFUSALS if isinstance(error, kind))
    values = {"label": label, "said": said, "status": error.status}
    return title.format(**values), message.format(**values)


def _unknown_text(error: KlarnaError, label: str) -> tuple[str, str]:
    safe = (
        "Sending the form again is safe: it carries the same key, and Klarna carries out one key at most "
        "once, so it either does the " + label + " now or reports the first result."
    )
    if isinstance(error, Conflict):
        busy = f"Klarna is still working on this {label} (sent from another window or a moment ago)."
        return "Still being processed by Klarna", f"{busy} {safe}"
    return (
        "Result unknown",
        f"We sent the {label} to Klarna but got no clear answer, so we do not know whether it was done. {safe}",
    )


UNEXPECTED = Outcome(
    Kind.UNKNOWN,
    "Result unknown",
    "Something went wrong on our side while the request was being sent, so we do not know whether Klarna "
    "received it. The error was logged. Sending the form again is safe: Klarna carries out one key at most once.",
)

SENT_BEFORE = Outcome(
    Kind.UNKNOWN,
    "Sent before, result unknown",
    "This form was sent to Klarna before without a clear answer. Confirming sends exactly the same request "
    "again with the same key: Klarna carries it out at most once, or reports the first result.",
)

ENDED_UNKNOWN = Outcome(
    Kind.UNKNOWN,
    "Result unknown",
    "The other attempt with this form ended without a clear answer from Klarna. Reload the order to see "
    "whether it was done before you try again.",
)


def from_claim_problem(problem: ClaimProblem, row: LedgerKey | None, label: str) -> Outcome:
    """What to say when a form's key cannot be claimed."""
    if problem is ClaimProblem.SETTLED and row is not None:
        return _recorded(row, label)
    if problem is ClaimProblem.IN_PROGRESS:
        return Outcome(
            Kind.IN_PROGRESS,
            "Still in progress",
            f"This {label} form is being sent to Klarna right now (a double click, or another window). "
            "Nothing more was sent. The result appears here in a moment.",
        )
    if problem is ClaimProblem.DIFFERENT_REQUEST:
        return Outcome(
            Kind.CHANGED,
            "This form was already sent with other values",
            f"The first {label} sent with this form has an unknown result, so the form cannot be reused with "
            "different values. Nothing was sent. Send it again unchanged, or check the order and open a new form.",
        )
    if problem is ClaimProblem.TOO_OLD_TO_SEND:
        return Outcome(
            Kind.STALE_FORM,
            "This form is too old to send again",
            f"The first attempt of this {label} was more than 23 hours ago; Klarna may no longer recognise it, "
            "so sending it again could do it twice. Nothing was sent. Reload the order, check whether it was "
            "done, and start again if it was not.",
        )
    return Outcome(
        Kind.STALE_FORM,
        "This form has expired",
        "Forms can be sent for 24 hours after they were opened, by the person who opened them. Nothing was "
        "sent. Reload the page and fill in the form again.",
    )


def _recorded(row: LedgerKey, label: str) -> Outcome:
    details = {
        "error_code": row.error_code,
        "error_messages": tuple(row.error_messages or ()),
        "correlation_id": row.correlation_id,
        "result_id": row.result_id,
    }
    if row.state == KeyState.SUCCEEDED:
        return Outcome(
            Kind.ALREADY_DONE,
            "Already done",
            f"This form was already sent and the {label} was done. Nothing was sent again.",
            **details,
        )
    return Outcome(
        Kind.ALREADY_REFUSED,
        "Already refused",
        f"This form was already sent and the {label} was refused. Nothing was sent again. "
        "Open a new form to try again.",
        **details,
    )


AUDIT_OF_PROBLEM = {
    ClaimProblem.SETTLED: AuditOutcome.DUPLICATE,
    ClaimProblem.IN_PROGRESS: AuditOutcome.IN_PROGRESS,
    ClaimProblem.DIFFERENT_REQUEST: AuditOutcome.MISMATCH,
    ClaimProblem.TOO_OLD_TO_SEND: AuditOutcome.EXPIRED,
    ClaimProblem.EXPIRED: AuditOutcome.EXPIRED,
    ClaimProblem.MISSING: AuditOutcome.EXPIRED,
    ClaimProblem.WRONG_TARGET: AuditOutcome.EXPIRED,
}
