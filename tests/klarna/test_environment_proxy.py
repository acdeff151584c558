"""The client goes through the proxy the environment names, unless NO_PROXY lists Klarna's host
(read once when the client is made, as every process is started with its environment)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.klarna import KlarnaClient
from tests.klarna.samples import ORDER

ORDER_ID = ORDER["order_id"]


class Recorder(ThreadingHTTPServer):
    """Answers every GET with the sample order and keeps the request targets it saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", 0), _Answer)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        body = json.dumps(ORDER).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def servers() -> Iterator[tuple[Recorder, Recorder]]:
    """A proxy and Klarna, both on loopback."""
    started = [Recorder(), Recorder()]
    for server in started:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield started[0], started[1]
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def no_proxy_settings(monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
                 "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_calls_go_through_the_proxy_the_environment_names(monkeypatch, servers):
    proxy, klarna = servers
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    client = KlarnaClient(klarna.url, "merchant", "s3cret-password")
    monkeypatch.delenv("HTTP_PROXY")  # read when the client was made

    assert client.get_order(ORDER_ID).order_id == ORDER_ID
    assert proxy.seen == [f"{klarna.url}/ordermanagement/v1/orders/{ORDER_ID}"]
    assert klarna.seen == []


def test_a_host_listed_in_no_proxy_is_called_directly(monkeypatch, servers):
    proxy, klarna = servers
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    client = KlarnaClient(klarna.url, "merchant", "s3cret-password")

    assert client.get_order(ORDER_ID).order_id == ORDER_ID
    assert klarna.seen == [f"/ordermanagement/v1/orders/{ORDER_ID}"]
    assert proxy.seen == []
