"""Klarna's answers are read within bounds, over real HTTP (tests/klarna/raw_server.py): a size
limit, also once decompressed, a deadline for each attempt however slowly the answer comes, and
the order asked for."""

from __future__ import annotations

import json
import time
import tracemalloc
import zlib

import pytest

from app.klarna import AnswerTooLarge, KlarnaClient, OutcomeUnknown, WrongOrder
from app.klarna.bounded import MAX_ANSWER_BYTES
from tests.klarna.raw_server import head, raw_server
from tests.klarna.samples import ORDER

ORDER_ID = ORDER["order_id"]
MiB = 2**20


def _client(url: str, **options) -> KlarnaClient:
    options.setdefault("sleep", lambda seconds: None)
    return KlarnaClient(url, "merchant", "secret", **options)


def _order_answer(**changes) -> bytes:
    body = json.dumps({**ORDER, **changes}).encode()
    return head(Content_Length=len(body)) + body


def _endless_body(chunk: bytes = b" " * MiB, most: int = 64):
    yield head()  # no Content-Length: read until the connection closes
    yield b'{"order_id": "'
    for _ in range(most):
        yield chunk


def _gzip_bomb(inflated: int = 64 * MiB) -> bytes:
    """``inflated`` bytes of spaces in a JSON string, gzip-compressed (about a thousandth the size)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b'{"order_id": "')]
    block = b" " * MiB
    parts += [packer.compress(block) for _ in range(inflated // MiB)]
    parts.append(packer.compress(b'"}') + packer.flush())
    return b"".join(parts)


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return _gzip_bomb()


def test_an_ordinary_answer_is_read():
    with raw_server(lambda: [_order_answer()]) as url, _client(url) as client:
        assert client.get_order(ORDER_ID).order_id == ORDER_ID


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "streamed"])
def test_an_answer_over_the_limit_is_not_read(declared):
    size = 64 * MiB
    script = (lambda: [head(Content_Length=size), b" " * MiB]) if declared else _endless_body
    tracemalloc.start()
    try:
        with raw_server(script) as url, _client(url) as client:
            with pytest.raises(AnswerTooLarge) as caught:
                client.get_order(ORDER_ID)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"larger than {MAX_ANSWER_BYTES} bytes" in str(caught.value)
    assert caught.value.status == 200 and caught.value.attempts == 1
    assert peak < 3 * MAX_ANSWER_BYTES  # nothing like the 64 MiB sent


def test_a_gzip_bomb_is_refused_before_it_inflates(gzip_bomb):
    assert len(gzip_bomb) < MiB
    tracemalloc.start()
    try:
        with raw_server(lambda: [head(Content_Encoding="gzip", Content_Length=len(gzip_bomb)), gzip_bomb]) as url:
            with _client(url) as client, pytest.raises(AnswerTooLarge):
                client.get_order(ORDER_ID)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 3 * MAX_ANSWER_BYTES  # not the 64 MiB it inflates to


def test_a_too_large_answer_to_a_capture_leaves_the_outcome_unknown_even_with_a_refusal_status():
    for status in ("201 Created", "403 Forbidden"):
        with raw_server(lambda: [head(status, Content_Length=64 * MiB)]) as url, _client(url) as client:
            with pytest.raises(AnswerTooLarge) as caught:
                client.create_capture(ORDER_ID, 1000, idempotency_key="key-1")
        assert not caught.value.outcome_known and not caught.value.retryable
        assert caught.value.status == int(status[:3])


def test_a_smaller_limit_can_be_set():
    with raw_server(lambda: [_order_answer()]) as url, _client(url, max_answer_bytes=100) as client:
        with pytest.raises(AnswerTooLarge, match="larger than 100 bytes"):
            client.get_order(ORDER_ID)


def _trickle(start: bytes, pause: float = 0.2):
    def script():
        yield start
        for _ in range(200):
            yield pause
            yield b" "
    return script


@pytest.mark.parametrize("part", ["body", "headers"])
def test_a_trickled_answer_ends_at_the_attempt_deadline(part):
    """Each byte comes well within the read timeout, but the answer never ends: each attempt is cut
    at its connect + read timeouts, and the whole call stays within ``longest_call_seconds``."""
    start = head(Content_Length=10_000) + b'{"order_id"' if part == "body" else b"HTTP/1.1 200 OK\r\nX-Slow: "
    with raw_server(_trickle(start)) as url:
        with _client(url, connect_timeout=0.2, read_timeout=0.6, max_attempts=2, backoff_base=0.1) as client:
            started = time.monotonic()
            with pytest.raises(OutcomeUnknown) as caught:
                client.create_capture(ORDER_ID, 1000, idempotency_key="key-1")
            took = time.monotonic() - started
    assert caught.value.attempts == 2 and "no complete answer within 0.8 s" in str(caught.value)
    assert 1.6 <= took <= client.longest_call_seconds
    assert took < 2.5  # cut at the deadlines, not left to trickle for 40 s


def test_an_answer_about_another_order_is_refused():
    other = "0b1d9815-165e-42e2-8867-35bc03789e00"
    with raw_server(lambda: [_order_answer(order_id=other)]) as url, _client(url) as client:
        with pytest.raises(WrongOrder) as caught:
            client.get_order(ORDER_ID)
    assert f"order {other!r} when asked for {ORDER_ID!r}" in str(caught.value)
    assert not caught.value.outcome_known


def test_the_order_id_is_compared_without_regard_to_case():
    with raw_server(lambda: [_order_answer()]) as url, _client(url) as client:
        assert client.get_order(ORDER_ID.upper()).order_id == ORDER_ID
