"""One record per Klarna call: a log line on ``app.klarna`` and the observers' hook.

The log line and the record name the operation, order, status, attempts, duration, correlation id
and outcome. They never contain credentials, request or response bodies, or addresses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

logger = logging.getLogger("app.klarna")

OK = "ok"


@dataclass(frozen=True)
class CallRecord:
    operation: str
    method: str
    path: str
    order_id: str | None
    status: int | None  # the final HTTP status; None when no answer came
    attempts: int
    duration_ms: int
    correlation_id: str | None
    idempotency_key: str | None  # None for reads
    outcome: str  # "ok" or the error class name, e.g. "NotAllowed", "OutcomeUnknown"

    @property
    def ok(self) -> bool:
        return self.outcome == OK


Observer = Callable[[CallRecord], object]


class CallReporter:
    """Logs each call and hands its record to every observer; a failing observer is only logged."""

    def __init__(self, observers: Observer | Iterable[Observer] | None = None):
        if observers is None:
            observers = ()
        elif callable(observers):
            observers = (observers,)
        self._observers = tuple(observers)

    def report(self, record: CallRecord) -> None:
        level = logging.INFO if record.ok or record.outcome in _REFUSALS else logging.WARNING
        logger.log(
            level,
            "Klarna %s order=%s outcome=%s status=%s attempts=%d duration_ms=%d correlation_id=%s",
            record.operation,
            record.order_id,
            record.outcome,
            record.status,
            record.attempts,
            record.duration_ms,
            record.correlation_id,
            extra={f"klarna_{key}": value for key, value in asdict(record).items()},
        )
        for observer in self._observers:
            try:
                observer(record)
            except Exception:
                logger.exception("Klarna call observer %r failed", observer)


# Klarna's answer to a request it understood and declined: expected in normal work, not a warning.
_REFUSALS = {"NotAllowed", "NotFound", "InvalidRequest"}
