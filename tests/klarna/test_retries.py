"""Retry decisions for sequences of failures, and how each ending is reported."""

import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from app.klarna import KlarnaClient, NotAllowed, NotSent, OutcomeUnknown, RateLimited, ServerError
from app.klarna.transport import RetryPolicy
from tests.klarna.scripted import answer, dropped, refused, scripted_client, timed_out

CREATED = answer(201, headers={"Capture-Id": "cap-1", "Location": "/x/captures/cap-1"})


def _keys(adapter):
    return [request.headers["Klarna-Idempotency-Key"] for request in adapter.requests]


def test_refused_on_every_attempt_means_nothing_was_sent():
    client, adapter, sleeps = scripted_client([refused(), refused(), refused()])
    with pytest.raises(NotSent) as caught:
        client.create_capture("order-1", 1000)
    error = caught.value
    assert error.attempts == 3 and len(adapter.requests) == 3 and len(sleeps) == 2
    assert error.outcome_known and error.retryable
    assert "the request was not sent and nothing happened" in str(error)


def test_sent_once_then_refused_is_still_an_unknown_outcome():
    client, adapter, _ = scripted_client([dropped(), refused(), refused()])
    with pytest.raises(OutcomeUnknown) as caught:
        client.create_capture("order-1", 1000, idempotency_key="ledger-key-1")
    assert not caught.value.outcome_known and caught.value.retryable
    assert _keys(adapter) == ["ledger-key-1"] * 3


def test_timeouts_on_every_attempt_leave_the_outcome_unknown_with_one_key():
    client, adapter, _ = scripted_client([timed_out()] * 3)
    with pytest.raises(OutcomeUnknown) as caught:
        client.cancel("order-1")
    keys = _keys(adapter)
    assert len(set(keys)) == 1 and len(keys) == 3
    assert "Retrying with the same idempotency key is safe" in str(caught.value)
    assert "read timed out" in str(caught.value)


def test_refused_then_created_succeeds_on_the_third_attempt():
    client, adapter, _ = scripted_client([refused(), refused(), CREATED])
    assert client.create_capture("order-1", 1000) == "cap-1"
    assert len(set(_keys(adapter))) == 1


def test_a_500_is_retried_for_reads_only():
    order = {"order_id": "order-1", "order_amount": 1000}
    client, adapter, _ = scripted_client([answer(500), answer(200, order)])
    assert client.get_order("order-1").order_amount == 1000
    client, adapter, _ = scripted_client([answer(500, {"error_code": "INTERNAL_SERVER_ERROR"})])
    with pytest.raises(ServerError) as caught:
        client.create_refund("order-1", 500)
    assert caught.value.attempts == 1 and len(adapter.requests) == 1
    assert not caught.value.outcome_known


def test_retry_after_is_capped():
    too_long = answer(429, {"error_code": "TOO_MANY_REQUESTS"}, {"Retry-After": "120"})
    client, _, sleeps = scripted_client([too_long, CREATED], retry_after_cap=10.0)
    client.create_capture("order-1", 1000)
    assert sleeps == [10.0]


def test_retry_after_may_be_an_http_date():
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    unavailable = answer(503, headers={"Retry-After": when})
    client, _, sleeps = scripted_client([unavailable, CREATED], retry_after_cap=60)
    client.create_capture("order-1", 1000)
    assert len(sleeps) == 1 and 28 <= sleeps[0] <= 30


@pytest.mark.parametrize("value", ["soon", "\u00b2"])  # "²" passes str.isdigit() but is no number
def test_an_unreadable_retry_after_waits_the_backoff(value):
    unavailable = answer(503, headers={"Retry-After": value})
    client, _, sleeps = scripted_client([unavailable, CREATED])
    assert client.create_capture("order-1", 1000) == "cap-1"
    assert len(sleeps) == 1 and 0.125 <= sleeps[0] <= 0.25  # the first backoff: half to all of 0.25 s


def test_rate_limited_after_the_last_attempt_reports_retry_after():
    limited = answer(429, {"error_code": "TOO_MANY_REQUESTS"}, {"Retry-After": "3"})
    client, _, sleeps = scripted_client([limited] * 2, max_attempts=2)
    with pytest.raises(RateLimited) as caught:
        client.acknowledge("order-1")
    assert caught.value.retry_after == 3.0 and caught.value.attempts == 2
    assert sleeps == [3.0]


@pytest.mark.parametrize("attempt", [1, 2, 3, 4, 8])
def test_backoff_grows_exponentially_with_jitter_and_a_cap(attempt):
    policy = RetryPolicy(backoff_base=0.25, backoff_cap=1.0)
    ceiling = min(1.0, 0.25 * 2 ** (attempt - 1))
    delays = {policy.backoff(attempt, random.Random(seed)) for seed in range(20)}
    assert all(ceiling / 2 <= delay <= ceiling for delay in delays)
    assert len(delays) > 1


def test_at_least_one_attempt():
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)


def test_a_429_after_a_dropped_attempt_does_not_make_the_outcome_known():
    limited = answer(429, {"error_code": "TOO_MANY_REQUESTS", "correlation_id": "c-429"})
    client, _, _ = scripted_client([dropped(), limited, limited])
    with pytest.raises(OutcomeUnknown) as caught:
        client.create_capture("order-1", 1000)
    assert caught.value.status == 429 and caught.value.correlation_id == "c-429"
    assert "an earlier attempt may have been carried out; the last answer was HTTP 429" in str(caught.value)


def test_a_refusal_after_a_dropped_attempt_is_trusted():
    refusal = answer(403, {"error_code": "CAPTURE_NOT_ALLOWED", "error_messages": ["Capture not possible."]})
    client, _, _ = scripted_client([dropped(), refusal])
    with pytest.raises(NotAllowed):
        client.create_capture("order-1", 1000)


def test_a_server_error_then_refused_connections_is_an_unknown_outcome():
    client, _, _ = scripted_client([answer(502), refused(), refused()])
    with pytest.raises(OutcomeUnknown):
        client.release_remaining_authorization("order-1")


def test_rate_limited_then_refused_connections_means_nothing_happened():
    client, _, _ = scripted_client([answer(429), refused(), refused()])
    with pytest.raises(NotSent):
        client.release_remaining_authorization("order-1")


def test_reads_are_not_made_uncertain_by_earlier_attempts():
    client, _, _ = scripted_client([timed_out(), answer(429), answer(429)])
    with pytest.raises(RateLimited):
        client.get_order("order-1")


def test_longest_call_covers_every_attempt_timing_out_and_the_longest_waits():
    client = KlarnaClient("http://127.0.0.1:9", "u", "p", connect_timeout=2, read_timeout=5, max_attempts=3,
                          backoff_base=1, backoff_cap=4, retry_after_cap=3)
    # 3 attempts of 2 + 5 s; waits after attempt 1 and 2: max(backoff 1 or 2, Retry-After cap 3) = 3 each.
    assert client.longest_call_seconds == 3 * 7 + 3 + 3
    patient = KlarnaClient("http://127.0.0.1:9", "u", "p", max_attempts=4, backoff_base=8, backoff_cap=12,
                           retry_after_cap=1)
    assert patient.longest_call_seconds == 4 * (3.05 + 20) + 8 + 12 + 12
