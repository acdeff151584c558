"""Everything one sandbox instance holds, kept on the Flask app as ``app.extensions["klarna_sandbox"]``."""

from __future__ import annotations

from dataclasses import dataclass, field

from .clock import SandboxClock
from .faults import FaultBook
from .request_log import RequestLog
from .store import Store


@dataclass
class SandboxState:
    store: Store
    accounts: dict[str, str]
    latency_ms: int = 0
    push_url: str | None = None  # Klarna's push notification on each new order (app/sandbox/push.py)
    clock: SandboxClock = field(init=False)
    faults: FaultBook = field(default_factory=FaultBook)
    requests: RequestLog = field(default_factory=RequestLog)

    def __post_init__(self):
        self.clock = SandboxClock(self.store)

    @property
    def first_account(self) -> str:
        return next(iter(self.accounts))
