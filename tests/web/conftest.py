"""Start-up tests: an environment without the dashboard's settings, and the app as start-up builds it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from app import create_app
from app.config import ENVIRONMENT


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No dashboard or sandbox setting in the environment, but a database in the test's folder; the
    test sets what it needs with ``clean_env.setenv``."""
    for name in list(os.environ):
        if name in ENVIRONMENT or name.startswith(("KLARNA_", "SANDBOX_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return monkeypatch


def start_app(tmp_path: Path, **overrides: Any) -> Flask:
    """``create_app`` with the instance folder in ``tmp_path`` (``overrides``: its ``test_config``)."""
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), **overrides})
