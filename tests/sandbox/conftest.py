"""In-process sandboxes for the tests that need one of their own (restart, demo data, CLI)."""

from __future__ import annotations

import pytest

from app.sandbox import create_sandbox_app
from tests.sandbox.in_process import ACCOUNT, basic_auth


@pytest.fixture
def open_sandbox(tmp_path):
    """``open_sandbox(seed=...)`` builds a sandbox app over one temporary SQLite file (call again to "restart")."""
    apps = []

    def open_app(seed: bool = False):
        app = create_sandbox_app(str(tmp_path / "sandbox.sqlite3"), accounts=dict([ACCOUNT]), seed=seed)
        apps.append(app)
        return app

    yield open_app
    for app in apps:
        app.extensions["klarna_sandbox"].store.close()


@pytest.fixture(scope="module")
def demo_app(tmp_path_factory):
    app = create_sandbox_app(str(tmp_path_factory.mktemp("demo") / "demo.sqlite3"), accounts=dict([ACCOUNT]))
    yield app
    app.extensions["klarna_sandbox"].store.close()


@pytest.fixture
def auth_headers():
    return basic_auth(*ACCOUNT)
