"""Browser tests run the dashboard against the session's sandbox, signed in as staff of each role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.fixtures.browser import sign_in_page


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
