"""The deployed dashboard (gunicorn processes, scripts) talks to the session's sandbox."""

from __future__ import annotations

import pytest


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.klarna_settings()
