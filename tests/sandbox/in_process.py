"""The account and auth header of the in-process sandboxes some tests build for themselves."""

from __future__ import annotations

import base64

ACCOUNT = ("owner", "owner-secret")


def basic_auth(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}
