"""Carrying out one attempt: claim the key, call Klarna, settle the key, write the audit entry.

The generic view calls ``check_key`` (before validating: has this form been sent already, or is
it another form under the same key?), ``sent_request`` (the request to send again, for a key that
went out without a definite answer), ``record_invalid`` (validation stopped it) or ``perform``
(valid and confirmed, or sent again). Every path writes exactly one audit entry. ``perform`` never
raises for a Klarna failure: it returns an ``Outcome``.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

from app import upstream
from app.actions.base import Action, ActionRequest, Target
from app.actions.outcomes import (
    AUDIT_OF_PROBLEM,
    ENDED_UNKNOWN,
    UNEXPECTED,
    Kind,
    Outcome,
    classify,
    from_claim_problem,
)
from app.extensions import db
from app.klarna import KlarnaClient, KlarnaError
from app.klarna.codec import decode, encode
from app.models.audit import Actor, AuditEntry, AuditOutcome
from app.models.ledger import ClaimProblem, KeyState, LedgerKey, Scope, Settlement

logger = logging.getLogger(__name__)

# Added to the client's longest possible call before an in-flight key counts as abandoned.
STALE_MARGIN = timedelta(seconds=30)


@dataclass(frozen=True)
class Attempt:
    """One submission of an action's form: who sends which form about what."""

    action: Action
    target: Target
    actor: Actor
    key: str
    form_digest: str | None = None  # ``ActionForm.digest()`` of the form as sent

    @property
    def scope(self) -> Scope:
        return Scope(
            store=self.target.store,
            order_id=self.target.order_id,
            operation=self.action.name,
            user_id=self.actor.user_id,
            capture_id=self.target.capture_id,
        )

    @property
    def label(self) -> str:
        return self.action.called


def stale_after(client: KlarnaClient) -> timedelta:
    return timedelta(seconds=client.longest_call_seconds) + STALE_MARGIN


def mint_key(action: Action, target: Target, actor: Actor) -> str:
    """A fresh idempotency key for a form about to be rendered."""
    return LedgerKey.mint(Attempt(action, target, actor, "").scope).key


def check_key(attempt: Attempt, client: KlarnaClient) -> Outcome | None:
    """``None`` if the form's key can still be used; else what to show instead (and it is audited)."""
    row = LedgerKey.find(attempt.key)
    problem = _diagnose(attempt, row, None, stale_after(client))
    if problem is None:
        return None
    return _refuse_claim(attempt, problem, row)


def sent_request(attempt: Attempt) -> ActionRequest | None:
    """The request the form's key was first sent with, if it went to Klarna before without a
    definite answer (unknown, or in flight for longer than any call): the form goes again with
    exactly that request, whatever the form or the order say now. None for a key never sent."""
    row = LedgerKey.find(attempt.key)
    if row is None or row.first_sent_at is None or row.request is None:
        return None
    try:
        return decode(attempt.action.request_type(), row.request)
    except (TypeError, ValueError):  # a document this version cannot read: the form is checked as new
        logger.exception("the request kept for key %s cannot be read back", attempt.key)
        return None


def progress(row: LedgerKey, action: Action, client: KlarnaClient) -> Outcome:
    """How the attempt holding ``row`` stands now (for a request that found it in progress)."""
    label = action.called
    if row.state == KeyState.IN_FLIGHT and not row.is_stale(stale_after(client)):
        return from_claim_problem(ClaimProblem.IN_PROGRESS, row, label)
    if row.state.settled:
        return from_claim_problem(ClaimProblem.SETTLED, row, label)
    return ENDED_UNKNOWN


def record_invalid(attempt: Attempt, messages: list[str], request: ActionRequest | None = None) -> None:
    """Validation stopped the attempt; nothing was sent."""
    subject = attempt.action.subject(attempt.target, request)
    AuditEntry.record(attempt.actor, subject, AuditOutcome.INVALID, idempotency_key=attempt.key, messages=messages)
    db.session.commit()


def perform(attempt: Attempt, request: ActionRequest, client: KlarnaClient) -> Outcome:
    """Claim the key for this request, make the call and record what happened."""
    action, target = attempt.action, attempt.target
    fingerprint = action.fingerprint(target, request)
    stale = stale_after(client)
    kept = {"request": encode(request), "form_digest": attempt.form_digest}
    if not LedgerKey.claim(attempt.key, attempt.scope, fingerprint, stale, **kept):
        row = LedgerKey.find(attempt.key)
        problem = _diagnose(attempt, row, fingerprint, stale)
        # None: another request claimed and released it between our UPDATE and this read.
        return _refuse_claim(attempt, problem or ClaimProblem.IN_PROGRESS, row, request)
    started = time.monotonic()
    try:
        result_id = action.perform(client, target, request, attempt.key)
    except KlarnaError as error:
        classified = classify(error, attempt.label, action.refusal_advice(error))
        settlement = Settlement(
            classified.state,
            error_code=error.error_code,
            error_messages=tuple(error.error_messages),
            correlation_id=error.correlation_id,
        )
        return _settle(attempt, request, settlement, classified.audit, classified.outcome, started)
    except Exception:
        logger.exception("%s on order %s failed unexpectedly", action.name, target.order_id)
        settlement = Settlement(KeyState.UNKNOWN)
        return _settle(attempt, request, settlement, AuditOutcome.UNKNOWN, UNEXPECTED, started)
    correlation_id = _correlation_id(attempt.key)
    settlement = Settlement(KeyState.SUCCEEDED, result_id=result_id, correlation_id=correlation_id)
    outcome = Outcome(
        Kind.SUCCEEDED,
        "Done",
        action.success_message(target, request, result_id),
        correlation_id=correlation_id,
        result_id=result_id,
    )
    return _settle(attempt, request, settlement, AuditOutcome.SUCCEEDED, outcome, started)


def _settle(
    attempt: Attempt,
    request: ActionRequest,
    settlement: Settlement,
    audit: AuditOutcome,
    outcome: Outcome,
    started: float,
) -> Outcome:
    LedgerKey.settle(attempt.key, settlement)
    AuditEntry.record(
        attempt.actor,
        attempt.action.subject(attempt.target, request),
        audit,
        idempotency_key=attempt.key,
        error_code=settlement.error_code,
        messages=_audit_messages(outcome, settlement),
        correlation_id=settlement.correlation_id,
        result_id=settlement.result_id,
        duration_ms=round((time.monotonic() - started) * 1000),
    )
    db.session.commit()
    return outcome


def _audit_messages(outcome: Outcome, settlement: Settlement) -> list[str]:
    """Klarna's own messages when it gave some; otherwise what staff were told."""
    if settlement.error_messages:
        return list(settlement.error_messages)
    return [] if outcome.kind is Kind.SUCCEEDED else [outcome.message]


def _diagnose(
    attempt: Attempt, row: LedgerKey | None, fingerprint: str | None, stale: timedelta
) -> ClaimProblem | None:
    """Why the attempt cannot claim ``row`` (``fingerprint=None``: its request is not known yet)."""
    if row is None:
        return ClaimProblem.MISSING
    return row.diagnose(attempt.scope, fingerprint, stale, attempt.form_digest)


def _refuse_claim(
    attempt: Attempt, problem: ClaimProblem, row: LedgerKey | None, request: ActionRequest | None = None
) -> Outcome:
    outcome = from_claim_problem(problem, row, attempt.label)
    AuditEntry.record(
        attempt.actor,
        attempt.action.subject(attempt.target, request),
        AUDIT_OF_PROBLEM[problem],
        idempotency_key=attempt.key,
        messages=[outcome.message],
        error_code=outcome.error_code,
        correlation_id=outcome.correlation_id,
        result_id=outcome.result_id,
    )
    db.session.commit()
    return outcome


def _correlation_id(key: str) -> str | None:
    """Klarna's correlation id of the call made with ``key`` in this request (if Klarna sent one)."""
    for record in reversed(upstream.calls()):
        if record.idempotency_key == key:
            return record.correlation_id
    return None
