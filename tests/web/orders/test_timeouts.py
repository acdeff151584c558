"""The configured read timeout applies: a Klarna that does not answer gives a 502 quickly."""

from __future__ import annotations

import time

import pytest

from app.sandbox import demo_ids as ids


@pytest.fixture
def klarna_config(klarna_config):
    return {**klarna_config, "KLARNA_READ_TIMEOUT": 0.3}


def test_a_hanging_klarna_is_a_502_after_the_read_timeout(viewer, sandbox):
    sandbox.add_fault(path=f"/ordermanagement/v1/orders/{ids.AUTHORIZED_SEK}", kind="hang", seconds=3, count=3)
    started = time.monotonic()
    response = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}")
    assert response.status_code == 502
    assert time.monotonic() - started < 2.5  # three attempts of 0.3 s and the backoff, not 3 x 3 s
    assert "Klarna is unreachable" in response.get_data(as_text=True)
