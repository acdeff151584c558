"""A real HTTP server on loopback that answers each request with a script of raw bytes and pauses.

For answers no well-behaved server sends: a body larger than it says, a trickle, a gzip bomb.
"""

from __future__ import annotations

import socketserver
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

Step = bytes | float  # bytes to send, or seconds to wait
Script = Callable[[], Iterable[Step]]


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        self._read_request()
        try:
            for step in self.server.script():  # type: ignore[attr-defined]
                if isinstance(step, float):
                    time.sleep(step)
                else:
                    self.request.sendall(step)
        except OSError:  # the client hung up: what the tests want to see
            pass

    def _read_request(self) -> None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(65536)
            if not chunk:
                return
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                       if line.lower().startswith(b"content-length:")), 0)
        while len(body) < length:
            body += self.request.recv(65536)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@contextmanager
def raw_server(script: Script) -> Iterator[str]:
    """Serve ``script`` (called once per request) on a free port; yields the base URL."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.script = script  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def head(status: str = "200 OK", **headers: str | int) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/json", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()

