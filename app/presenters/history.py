"""The audit log as the order page's timeline and the audit page show it: attempts that reached Klarna."""

from __future__ import annotations

from datetime import UTC

from app import staff_events
from app.actions import registry
from app.klarna.types import Order
from app.models.audit import AuditEntry, AuditOutcome
from app.money import format_money_code, minor_to_decimal
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


CSV_COLUMNS = (
    "at", "username", "client_address", "store", "order_id", "operation", "capture_id", "amount", "currency",
    "lines", "details", "idempotency_key", "outcome", "error_code", "messages", "correlation_id", "result_id",
    "duration_ms",
)


def csv_cells(entry: AuditEntry) -> list[object]:
    """One audit entry as the export's cells: the amount as a decimal in its currency, time in UTC."""
    amount = minor_to_decimal(entry.amount, entry.currency) if entry.amount is not None and entry.currency else ""
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    return [
        at.isoformat(timespec="seconds"), entry.username, entry.client_address, entry.store, entry.order_id,
        entry.operation, entry.capture_id, amount, entry.currency, entry.lines_summary, entry.details,
        entry.idempotency_key, entry.outcome.value, entry.error_code, " | ".join(entry.messages or []),
        entry.correlation_id, entry.result_id, entry.duration_ms,
    ]
