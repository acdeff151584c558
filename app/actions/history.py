"""The audit log as the order page's timeline shows it: attempts that reached Klarna."""

from __future__ import annotations

from app.actions import registry
from app.models.audit import AuditEntry, AuditOutcome
from app.money import format_money_code
from app.presenters.timeline import StaffAction
from app.upstream import LoadedOrder

SENT = (AuditOutcome.SUCCEEDED, AuditOutcome.REFUSED, AuditOutcome.UNKNOWN)


def staff_actions(loaded: LoadedOrder) -> list[StaffAction]:
    """Staff attempts on this order that were sent to Klarna, oldest first."""
    locale = loaded.order.locale
    return [
        StaffAction(at=entry.at, actor=entry.username, summary=summary(entry, locale), outcome=entry.outcome.value)
        for entry in AuditEntry.for_order(loaded.order_id, loaded.store.key)
        if entry.outcome in SENT
    ]


def summary(entry: AuditEntry, locale: str | None = None) -> str:
    """``Capture SEK 1 250,00``: the action's label and the amount, if any."""
    action = registry.get(entry.operation)
    label = action.label if action else entry.operation.replace("_", " ").capitalize()
    if entry.amount is None or not entry.currency:
        return label
    return f"{label} {format_money_code(entry.amount, entry.currency, locale)}"
