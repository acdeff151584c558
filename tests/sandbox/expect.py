"""Assertions on what the sandbox answered, shared by the sandbox tests."""

from __future__ import annotations

import uuid

import requests


def assert_error(response: requests.Response, status: int, code: str, message: str | None = None) -> dict:
    """A Klarna error body with ``code`` (and ``message`` among its messages) and a fresh UUID correlation id."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error_code"] == code, body
    assert uuid.UUID(body["correlation_id"]).version == 4
    if message is not None:
        assert message in body["error_messages"], body["error_messages"]
    return body


def assert_no_content(response: requests.Response) -> None:
    assert response.status_code == 204, response.text
    assert response.content == b""
