"""The dashboard pointed at the real sandbox (over HTTP), and a signed-in viewer."""

from __future__ import annotations

import pytest

from tests.fixtures.pages import visible_text

HTMX = {"HX-Request": "true"}


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.klarna_settings()


@pytest.fixture
def viewer(logged_in, sandbox):
    """A signed-in viewer; the sandbox's request log starts empty."""
    return logged_in("viewer")


page_text = visible_text  # no-break spaces stay, as amounts have them
