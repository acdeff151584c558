"""Reading Klarna's answers within bounds: a size limit and a deadline per attempt.

``read_timeout`` alone bounds each wait for the next bytes, not the answer: a server sending one
byte every few seconds could hold a call (and the ledger key it holds) for ever, and an answer
of any size, or a small gzip body that inflates to gigabytes, would be read into memory. Here:

* every attempt ends by its deadline (its connect and read timeouts added up) whatever is being
  read then: one watchdog thread per process shuts the attempt's connection down, which ends the
  read at once;
* an answer is read as it arrives and refused past ``max_bytes`` once decoded (a ``Content-Length``
  above it is refused before reading); decompression never inflates more than one chunk at a time.

Only sessions made by ``bounded_session`` can cut a connection short; with another session the
deadline is checked between chunks.
"""

from __future__ import annotations

import heapq
import itertools
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

MAX_ANSWER_BYTES = 4 * 2**20  # the largest order Klarna allows is far smaller
CHUNK_BYTES = 64 * 2**10

_current = threading.local()  # the attempt this thread is making, if any


class BodyTooLarge(Exception):
    """The answer's body is larger than allowed (as sent, or once decompressed); it was not read."""

    def __init__(self, response: requests.Response, max_bytes: int):
        super().__init__(f"the answer is larger than {max_bytes} bytes")
        self.response = response
        self.max_bytes = max_bytes


class DeadlinePassed(requests.Timeout):
    """The attempt did not end by its deadline (counted as a timeout: the request may have been done)."""


class _Attempt:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.connection: Any = None
        self.cut = False
        self.done = False
        self._lock = threading.Lock()

    def hold(self, connection: Any) -> None:
        with self._lock:
            self.connection = connection

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def finish(self) -> None:
        with self._lock:
            self.done = True

    def cut_short(self) -> None:
        """Shut the connection's socket down: a read blocked on it returns at once."""
        with self._lock:  # the connection cannot go back to the pool meanwhile
            if self.done:
                return
            self.cut = True
            sock = getattr(self.connection, "live_socket", None)
            if sock is not None:
                try:
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket's, also under TLS
                except OSError:
                    pass  # already closed


class _Watchdog:
    """One thread per process that cuts attempts short at their deadlines (a timer per attempt
    would start an operating-system thread for every Klarna call)."""

    PRUNE_AT = 1024  # finished attempts waiting in the heap before it is rebuilt without them

    def __init__(self) -> None:
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # the thread does not survive a fork

    def _reset(self) -> None:
        self._heap: list[tuple[float, int, _Attempt]] = []
        self._order = itertools.count()
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def watch(self, attempt: _Attempt) -> None:
        with self._condition:
            if len(self._heap) >= self.PRUNE_AT:
                self._heap = [entry for entry in self._heap if not entry[2].done]
                heapq.heapify(self._heap)
            heapq.heappush(self._heap, (attempt.deadline, next(self._order), attempt))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="klarna-deadlines", daemon=True)
                self._thread.start()
            elif self._heap[0][2] is attempt:
                self._condition.notify()  # it ends before whatever the thread waits for

    def _run(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][2].done or self._heap[0][0] <= now):
                    attempt = heapq.heappop(self._heap)[2]
                    attempt.cut_short()  # does nothing to an attempt that has ended
                self._condition.wait(self._heap[0][0] - now if self._heap else None)


_watchdog = _Watchdog()


@contextmanager
def deadline(seconds: float) -> Iterator[_Attempt]:
    """Run one attempt on this thread that must end within ``seconds``."""
    attempt = _Attempt(seconds)
    _current.attempt = attempt
    _watchdog.watch(attempt)
    try:
        yield attempt
    except requests.RequestException as error:
        if attempt.cut or attempt.remaining() <= 0:
            raise DeadlinePassed(f"no complete answer within {seconds:g} s") from error
        raise
    finally:
        attempt.finish()
        _current.attempt = None


def read_body(response: requests.Response, attempt: _Attempt, max_bytes: int = MAX_ANSWER_BYTES) -> None:
    """Read the streamed ``response`` into ``response.content``, within the size limit and the deadline."""
    if response._content is not False:  # already read: an adapter that does not stream (tests' scripts)
        return
    try:
        declared = int(response.headers.get("Content-Length") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        response.close()
        raise BodyTooLarge(response, max_bytes)
    body = bytearray()
    for chunk in response.iter_content(CHUNK_BYTES):
        body += chunk
        if len(body) > max_bytes:
            response.close()
            raise BodyTooLarge(response, max_bytes)
        if attempt.remaining() <= 0:
            break
    if attempt.cut or attempt.remaining() <= 0:  # what came may look whole, but the connection was cut
        response.close()
        raise DeadlinePassed(f"no complete answer within {attempt.seconds:g} s")
    response._content = bytes(body)
    response._content_consumed = True


class _RegisteringPool:
    """Tells the attempt running on this thread which connection it holds, so it can be cut short,
    and forgets it when the connection goes back to the pool (another thread may take it next)."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)  # type: ignore[misc]
        attempt = getattr(_current, "attempt", None)
        if attempt is not None:
            attempt.hold(connection)
        return connection

    def _put_conn(self, connection: Any) -> None:
        attempt = getattr(_current, "attempt", None)
        if attempt is not None:
            attempt.hold(None)
        super()._put_conn(connection)  # type: ignore[misc]


class _KeepingSocket:
    """Keeps its socket at hand: http.client drops ``sock`` when the answer says ``Connection:
    close`` (the answer still reads from it), and the deadline must still be able to cut it."""

    live_socket: socket.socket | None = None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self.live_socket = self.sock  # type: ignore[attr-defined]


class _HTTPConnection(_KeepingSocket, HTTPConnection):
    pass


class _HTTPSConnection(_KeepingSocket, HTTPSConnection):
    pass


class _HTTPPool(_RegisteringPool, HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(_RegisteringPool, HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _BoundedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def bounded_session(pool_size: int) -> requests.Session:
    """A session with ``pool_size`` connections per host whose attempts can be cut short."""
    session = requests.Session()
    adapter = _BoundedAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
