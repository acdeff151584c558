"""Browser tests run the dashboard against the session's sandbox, signed in as staff of each role.

Tests marked ``screenshots`` write docs/screenshots/ and run only when asked for by name:
``pytest -m screenshots tests/browser``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.fixtures.browser import sign_in_page


SCREENSHOTS = "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the screenshot tests unless the ``-m`` expression names them."""
    if SCREENSHOTS in (config.option.markexpr or ""):
        return
    left_out = [item for item in items if item.get_closest_marker(SCREENSHOTS)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(SCREENSHOTS)]


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.klarna_settings()


@pytest.fixture
def signed_in(page, live_server, make_user, sandbox) -> Callable[..., Any]:
    """``signed_in(role, username)``: the test's page, signed in as a new staff member."""

    def sign_in(role: str, username: str | None = None) -> Any:
        return sign_in_page(page, live_server, make_user(role, username))

    return sign_in


@pytest.fixture
def agent_page(signed_in):
    return signed_in("agent", "ada")


@pytest.fixture
def supervisor_page(signed_in):
    return signed_in("supervisor", "sigrid")


@pytest.fixture
def viewer_page(signed_in):
    return signed_in("viewer", "vera")
