"""Sign-in throttling holds across dashboard processes when they share Redis, and only then.

Two gunicorn processes (separate OS processes) serve the same database; failed sign-ins are spread
over both. Each test uses its own Redis key prefix, so parallel test runs never share counts.
"""

from __future__ import annotations

import uuid

import pytest

from tests.fixtures.processes import WebSession

pytestmark = pytest.mark.slow

WRONG = "not the password at all"
LIMITS = {"LOGIN_LIMIT_PER_ACCOUNT": "3/minute", "LOGIN_LIMIT_PER_ADDRESS": "100/minute"}


def _fail_three_times_across(first, second) -> list[int]:
    return [WebSession(process).sign_in("alice", WRONG).status for process in (first, second, first)]


def test_failed_sign_ins_on_two_processes_count_together_in_redis(make_user, start_dashboard, redis_url):
    account = make_user("agent", "alice")
    settings = {**LIMITS, "RATELIMIT_STORAGE_URI": redis_url, "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    first, second = start_dashboard(**settings), start_dashboard(**settings)
    assert first.process.pid != second.process.pid

    assert _fail_three_times_across(first, second) == [401, 401, 401]
    # The second process has seen one failure itself, yet the account is locked there too,
    # even for the right password.
    locked = WebSession(second).sign_in("alice", account.password)
    assert locked.status == 429
    assert "Too many sign-in attempts" in locked.text
    assert WebSession(first).sign_in("alice", account.password).status == 429
    # Other accounts are not affected.
    other = make_user("agent", "bob")
    assert WebSession(second).sign_in("bob", other.password).status == 303


def test_with_memory_storage_each_process_counts_alone(make_user, start_dashboard):
    """Why several processes need Redis: in memory, each process keeps its own count."""
    account = make_user("agent", "alice")
    settings = {**LIMITS, "RATELIMIT_STORAGE_URI": "memory://"}
    first, second = start_dashboard(**settings), start_dashboard(**settings)

    assert _fail_three_times_across(first, second) == [401, 401, 401]
    # Three failures in all, but no process has seen three: the account is not locked anywhere.
    assert WebSession(first).sign_in("alice", account.password).status == 303
    assert WebSession(second).sign_in("alice", account.password).status == 303
