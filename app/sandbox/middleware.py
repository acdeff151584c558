"""The WSGI layer in front of the Order Management API: request log, latency and injected faults.

Dropping a connection needs the TCP socket, which werkzeug's server puts in the WSGI environ as
``werkzeug.socket``: the sandbox shuts it down and raises ``ConnectionAbortedError``, which werkzeug
treats as a dropped connection, so the caller gets no response at all. Served in-process (a test
client), the ``ConnectionAbortedError`` reaches the caller instead.
"""

from __future__ import annotations

import socket
import time
import uuid

from werkzeug.datastructures import Authorization

from .clock import isoformat
from .errors import CORRELATION_HEADER, error_response
from .faults import Fault
from .request_log import order_id_of
from .state import SandboxState

UNREADABLE_BODY = b"<html>Service temporarily rerouted</html>"  # what an ``unreadable`` fault answers
FAULT_HEADER = "Sandbox-Fault"  # marks an answer that breaks the API's contract on purpose

OM_PREFIX = "/ordermanagement/"


class SandboxMiddleware:
    def __init__(self, app, state: SandboxState):
        self.app = app
        self.state = state

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(OM_PREFIX):
            return self.app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        entry = self.state.requests.record(
            at=isoformat(self.state.clock.now()), method=method, path=path, order_id=order_id_of(path),
            idempotency_key=environ.get("HTTP_KLARNA_IDEMPOTENCY_KEY"), username=_username(environ),
            user_agent=environ.get("HTTP_USER_AGENT"))

        def logging_start_response(status, headers, exc_info=None):
            entry["status"] = int(status.split(" ", 1)[0])
            headers = _with_correlation_id(headers)
            entry["correlation_id"] = dict(headers)[CORRELATION_HEADER]
            return start_response(status, headers, exc_info)

        if self.state.latency_ms:
            time.sleep(self.state.latency_ms / 1000)
        fault = self.state.faults.take(method, path)
        if fault is None:
            return self.app(environ, logging_start_response)
        entry["fault"] = fault.kind
        return self._inject(fault, environ, logging_start_response)

    def _inject(self, fault: Fault, environ, start_response):
        if fault.kind == "latency":
            time.sleep(fault.latency_ms / 1000)
            return self.app(environ, start_response)
        if fault.kind == "status":
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else None
            return error_response(fault.status, fault.error_code, fault.error_messages or None, headers)(
                environ, start_response)
        if fault.kind == "unreadable":
            start_response("200 OK", [("Content-Type", "application/json"), (FAULT_HEADER, fault.kind)])
            return [UNREADABLE_BODY]
        if fault.kind == "drop_after":
            self._run_without_answering(environ)
        elif fault.kind == "hang":
            time.sleep(fault.seconds)
        drop_connection(environ)

    def _run_without_answering(self, environ) -> None:
        """Run the request to completion (committing its effect) and throw the response away."""
        body = self.app(environ, lambda status, headers, exc_info=None: None)
        try:
            for _chunk in body:
                pass
        finally:
            if hasattr(body, "close"):
                body.close()


def _with_correlation_id(headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every answer carries a correlation id; an error body's own id is already in its headers."""
    if any(name.lower() == CORRELATION_HEADER.lower() for name, _value in headers):
        return headers
    return [*headers, (CORRELATION_HEADER, str(uuid.uuid4()))]


def _username(environ) -> str | None:
    """The Basic auth username the caller sent (checked later by the app, not here)."""
    authorization = Authorization.from_header(environ.get("HTTP_AUTHORIZATION"))
    return authorization.username if authorization is not None and authorization.type == "basic" else None


def drop_connection(environ) -> None:
    connection = environ.get("werkzeug.socket")
    if connection is not None:
        try:
            connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # the caller already went away
    raise ConnectionAbortedError("connection dropped by a sandbox fault")
