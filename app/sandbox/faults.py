"""Faults injected on purpose into Order Management requests (set through ``/sandbox/faults``).

A fault matches a method (``*`` for any) and a path glob such as
``/ordermanagement/v1/orders/*/captures``, acts on the next ``count`` matching requests, then is gone.

Kinds: ``latency`` (wait ``latency_ms`` then answer normally), ``status`` (answer ``status`` with a
Klarna error body, ``error_code``/``error_messages`` optional, ``retry_after`` sets ``Retry-After``;
nothing is done), ``drop_before`` (close the connection without doing anything), ``drop_after`` (do the
operation, then close the connection without answering), ``hang`` (hold the connection ``seconds``
without answering, then close it; nothing is done), ``unreadable`` (answer 200 with a body that is not
JSON; nothing is done).
"""

from __future__ import annotations

import fnmatch
import itertools
import threading
from dataclasses import asdict, dataclass, field

KINDS = ("latency", "status", "drop_before", "drop_after", "hang", "unreadable")


@dataclass
class Fault:
    id: int
    kind: str
    path: str
    method: str = "*"
    count: int = 1
    latency_ms: int | None = None
    status: int | None = None
    error_code: str | None = None
    error_messages: list[str] = field(default_factory=list)
    retry_after: int | None = None
    seconds: float | None = None

    def matches(self, method: str, path: str) -> bool:
        return self.method in ("*", method.upper()) and fnmatch.fnmatchcase(path, self.path)

    def describe(self) -> dict:
        return {name: value for name, value in asdict(self).items() if value not in (None, [])}


class FaultBook:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def add(self, spec: dict) -> Fault:
        options = {name: value for name, value in spec.items() if name != "method"}
        with self._lock:
            fault = Fault(id=next(self._ids), method=spec.get("method", "*").upper(), **options)
            self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault matching this request, counting this use (used-up faults are removed)."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.count -= 1
                    if fault.count <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def describe(self) -> list[dict]:
        with self._lock:
            return [fault.describe() for fault in self._faults]
