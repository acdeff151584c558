"""The audit log as the order page's timeline and the audit page show it: attempts that reached Klarna."""

from __future__ import annotations

from app import staff_events
from app.actions import registry
from app.klarna.types import Order
from app.models.audit import AuditEntry, AuditOutcome
from app.money import format_money_code
from app.presenters.timeline import StaffAction
from app.upstream import LoadedOrder

SENT = (AuditOutcome.SUCCEEDED, AuditOutcome.REFUSED, AuditOutcome.UNKNOWN)


def staff_actions(loaded: LoadedOrder) -> list[StaffAction]:
    """Staff attempts on this order that were sent to Klarna, oldest first."""
    return actions_on(loaded.order, loaded.store.key)


def actions_on(order: Order, store_key: str) -> list[StaffAction]:
    """The same for an order of a store (as an action's target has them)."""
    return [
        StaffAction(
            at=entry.at,
            actor=entry.username,
            summary=summary(entry, order.locale),
            outcome=entry.outcome.value,
            operation=entry.operation,
        )
        for entry in AuditEntry.for_order(order.order_id or "", store_key)
        if entry.outcome in SENT
    ]


def summary(entry: AuditEntry, locale: str | None = None) -> str:
    """``Capture SEK 1 250,00``: the action's label and the amount, if any."""
    action = registry.get(entry.operation)
    label = action.label if action else staff_events.label(entry.operation) or entry.operation.replace("_", " ").capitalize()
    if entry.amount is None or not entry.currency:
        return label
    return f"{label} {format_money_code(entry.amount, entry.currency, locale)}"
