"""``python -m app.sandbox``: options, accounts, and a real start on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from app.sandbox import DEFAULT_PASSWORD, DEFAULT_USERNAME
from app.sandbox.__main__ import accounts_from, parse_arguments

ROOT = Path(__file__).resolve().parents[2]


def test_defaults(monkeypatch):
    monkeypatch.delenv("SANDBOX_USERNAME", raising=False)
    monkeypatch.delenv("SANDBOX_PASSWORD", raising=False)
    arguments = parse_arguments([])
    assert (arguments.host, arguments.port, arguments.latency_ms) == ("127.0.0.1", 5001, 0)
    assert arguments.db == "instance/sandbox.sqlite3"
    assert accounts_from(arguments) == {DEFAULT_USERNAME: DEFAULT_PASSWORD}


def test_accounts_come_from_the_environment_and_repeated_options(monkeypatch):
    monkeypatch.setenv("SANDBOX_USERNAME", "eu-store")
    monkeypatch.setenv("SANDBOX_PASSWORD", "eu-secret")
    arguments = parse_arguments(["--account", "us-store:us:secret", "--account", "oc-store:oc-secret"])
    assert accounts_from(arguments) == {"eu-store": "eu-secret", "us-store": "us:secret", "oc-store": "oc-secret"}


def test_an_account_without_password_is_rejected(capsys):
    with pytest.raises(SystemExit):
        parse_arguments(["--account", "lonely"])
    assert "expected USER:PASSWORD" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, auth, deadline: float) -> requests.Response:
    while True:
        try:
            return requests.get(url, auth=auth, timeout=1)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_module_serves_the_demo_orders_with_added_accounts(tmp_path):
    port = _free_port()
    command = [sys.executable, "-m", "app.sandbox", "--port", str(port), "--db", str(tmp_path / "cli.sqlite3"),
               "--account", "second:second-secret", "--latency-ms", "1"]
    environment = {name: value for name, value in os.environ.items() if not name.startswith("SANDBOX_")}
    server = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/sandbox/orders"
        mine = _wait_for(url, (DEFAULT_USERNAME, DEFAULT_PASSWORD), time.monotonic() + 20)
        assert len(mine.json()["orders"]) >= 25
        assert requests.get(url, auth=("second", "second-secret"), timeout=5).json() == {"orders": []}
    finally:
        server.terminate()
        server.wait(timeout=10)
