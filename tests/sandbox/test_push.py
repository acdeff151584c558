"""``--push-url``: the sandbox announces each new order as Klarna's push notifications do."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from werkzeug.test import Client
from werkzeug.wrappers import Response

from app.sandbox import create_sandbox_app
from app.sandbox.__main__ import parse_arguments
from tests.fixtures.sandbox_helper import default_order
from tests.sandbox.in_process import ACCOUNT, basic_auth


class _Merchant(BaseHTTPRequestHandler):
    received: list[tuple[str, str, bytes]] = []
    arrived = threading.Event()

    def do_POST(self) -> None:  # noqa: N802 - the standard library's name
        length = int(self.headers.get("Content-Length") or 0)
        self.received.append((self.command, self.path, self.rfile.read(length)))
        self.send_response(204)
        self.end_headers()
        self.arrived.set()

    def log_message(self, *args) -> None:
        pass


def test_a_new_order_is_announced_to_the_push_url(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Merchant)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/push/default?klarna_order_id={{order_id}}&token=t"
        app = create_sandbox_app(str(tmp_path / "sandbox.sqlite3"), accounts=dict([ACCOUNT]), seed=False, push_url=url)
        created = Client(app, Response).post("/sandbox/orders", json=default_order(), headers=basic_auth(*ACCOUNT))
        assert created.status_code == 201
        assert _Merchant.arrived.wait(10)
        order_id = created.get_json()["order_id"]
        assert _Merchant.received == [("POST", f"/push/default?klarna_order_id={order_id}&token=t", b"")]
    finally:
        server.shutdown()
        server.server_close()


def test_the_push_url_is_an_option():
    assert parse_arguments(["--push-url", "http://x/{order_id}"]).push_url == "http://x/{order_id}"
    assert parse_arguments([]).push_url is None
