"""Each attempt's deadline is kept by one watchdog thread per process, not by a thread per call."""

from __future__ import annotations

import threading
import time

from app.klarna.bounded import _Attempt, _Watchdog


def wait_for(condition, seconds: float = 5.0) -> bool:
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def test_an_attempt_is_cut_at_its_own_deadline_even_behind_a_later_one():
    watchdog = _Watchdog()
    later, sooner = _Attempt(60), _Attempt(0.1)
    watchdog.watch(later)
    watchdog.watch(sooner)
    assert wait_for(lambda: sooner.cut)
    assert not later.cut
    later.finish()


def test_an_attempt_that_ended_in_time_is_left_alone():
    watchdog = _Watchdog()
    attempt = _Attempt(0.05)
    watchdog.watch(attempt)
    attempt.finish()
    sentinel = _Attempt(0.1)  # watched after it: once this one is cut, the first one's deadline has passed
    watchdog.watch(sentinel)
    assert wait_for(lambda: sentinel.cut)
    assert not attempt.cut


def test_many_attempts_share_one_thread():
    watchdog = _Watchdog()
    before = threading.active_count()
    attempts = [_Attempt(60) for _ in range(50)]
    for attempt in attempts:
        watchdog.watch(attempt)
    assert threading.active_count() <= before + 1
    for attempt in attempts:
        attempt.finish()
