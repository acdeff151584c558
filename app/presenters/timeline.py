"""The order's timeline: what Klarna records (purchase, captures, refunds) and what staff did
(our audit log), newest first.

``build_timeline(order, staff_actions)`` takes any iterable of staff actions: objects with ``at``
(a datetime; naive means UTC), ``actor`` (a username), ``summary`` (one line, e.g. "Captured
1 250,00 kr"), ``outcome`` (``succeeded``, ``refused``, ``unknown`` or ``attempt``) and ``operation``
(the action's name). The audit log feeds it; ``StaffAction`` is the plain form of one entry.
``acknowledgement(staff_actions)`` finds the last acknowledgement among them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from app.display import Amounts, as_utc, when
from app.klarna.types import Order

OUTCOME_WORDS = {"succeeded": "done", "refused": "refused by Klarna", "unknown": "outcome unknown", "attempt": "sent"}


ACKNOWLEDGE = "acknowledge"  # the operation that acknowledges an order


class StaffActionLike(Protocol):
    at: datetime
    actor: str
    summary: str
    outcome: str
    operation: str


@dataclass(frozen=True)
class StaffAction:
    at: datetime
    actor: str
    summary: str
    outcome: str = "succeeded"
    operation: str = ""  # the action's name: "capture", "acknowledge", ...


@dataclass(frozen=True)
class Acknowledgement:
    """The last time staff acknowledged the order from this dashboard."""

    actor: str
    when: str


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime  # aware, UTC
    when: str
    kind: str  # "placed", "capture", "refund" or "staff"
    title: str
    detail: str | None = None
    actor: str | None = None  # who, for staff actions
    outcome: str | None = None  # "done", "refused by Klarna", ... for staff actions
    capture_id: str | None = None  # link targets for the template
    refund_id: str | None = None


def build_timeline(order: Order, staff_actions: Iterable[StaffActionLike]) -> list[TimelineEntry]:
    entries = [*_klarna_entries(order), *(_staff_entry(action) for action in staff_actions)]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _klarna_entries(order: Order) -> list[TimelineEntry]:
    amounts = Amounts(order.purchase_currency or "", order.locale)
    entries = []
    if order.created_at:
        entries.append(_entry(order.created_at, "placed", "Order placed", amounts(order.original_order_amount)))
    for capture in order.captures:
        if capture.captured_at:
            detail = _joined(amounts(capture.captured_amount), capture.description)
            entries.append(_entry(capture.captured_at, "capture", "Captured", detail, capture_id=capture.capture_id))
    for refund in order.refunds:
        if refund.refunded_at:
            detail = _joined(amounts(refund.refunded_amount), refund.description)
            entries.append(_entry(refund.refunded_at, "refund", "Refunded", detail, refund_id=refund.refund_id))
    return entries


def _joined(*parts: str | None) -> str:
    return " · ".join(part for part in parts if part)


def _entry(at: datetime, kind: str, title: str, detail: str | None, **more: str | None) -> TimelineEntry:
    return TimelineEntry(at=as_utc(at), when=when(at), kind=kind, title=title, detail=detail or None, **more)


def _staff_entry(action: StaffActionLike) -> TimelineEntry:
    outcome = OUTCOME_WORDS.get(action.outcome, action.outcome)
    return TimelineEntry(
        at=as_utc(action.at),
        when=when(action.at),
        kind="staff",
        title=action.summary,
        actor=action.actor,
        outcome=outcome,
    )


def acknowledgement(staff_actions: Iterable[StaffActionLike]) -> Acknowledgement | None:
    """Who acknowledged the order from this dashboard, and when (the latest time); None if nobody did.
    Klarna does not report acknowledgements, so the audit log is all there is to go by."""
    done = [each for each in staff_actions if each.operation == ACKNOWLEDGE and each.outcome == "succeeded"]
    if not done:
        return None
    latest = max(done, key=lambda each: as_utc(each.at))
    return Acknowledgement(latest.actor, when(latest.at))
