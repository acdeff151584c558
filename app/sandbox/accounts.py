"""Merchant accounts of the sandbox (Basic auth username -> password).

Without configuration there is one account, from ``SANDBOX_USERNAME`` / ``SANDBOX_PASSWORD`` or,
when those are unset, the local defaults below. Several accounts let one sandbox act as several
Klarna stores: each account sees only the orders it created.
"""

from __future__ import annotations

import hmac
import os

DEFAULT_USERNAME = "sandbox"
DEFAULT_PASSWORD = "sandbox-secret"


def default_accounts() -> dict[str, str]:
    return {os.environ.get("SANDBOX_USERNAME") or DEFAULT_USERNAME:
            os.environ.get("SANDBOX_PASSWORD") or DEFAULT_PASSWORD}


def parse_account(text: str) -> tuple[str, str]:
    """``USER:PASSWORD`` (the password may itself contain colons)."""
    username, separator, password = text.partition(":")
    if not separator or not username or not password:
        raise ValueError(f"expected USER:PASSWORD, got {text!r}")
    return username, password


def authenticate(accounts: dict[str, str], authorization) -> str | None:
    """The account name for a werkzeug ``Authorization`` header, or None when it does not match."""
    if authorization is None or authorization.type != "basic":
        return None
    username, password = authorization.username or "", authorization.password or ""
    expected = accounts.get(username)
    if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
        return None
    return username
