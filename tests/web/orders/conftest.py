"""The dashboard pointed at the real sandbox (over HTTP), and a signed-in viewer."""

from __future__ import annotations

import re
from html import unescape

import pytest

HTMX = {"HX-Request": "true"}


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.klarna_settings()


@pytest.fixture
def viewer(logged_in, sandbox):
    """A signed-in viewer; the sandbox's request log starts empty."""
    return logged_in("viewer")


def page_text(html: str) -> str:
    """The page's visible text, roughly: tags dropped, entities decoded, spaces collapsed."""
    without_tags = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"[ \t\r\n]+", " ", unescape(without_tags)).strip()  # no-break spaces stay
