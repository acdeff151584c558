"""The idempotency ledger: minting, the atomic claim, settling, expiry and purging."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.models.ledger import (
    KEY_LIFETIME,
    SEND_WINDOW,
    ClaimProblem,
    KeyState,
    LedgerKey,
    Scope,
    Settlement,
    utcnow,
)

ORDER = "0b1d9815-165e-42e2-8867-35bc03789e00"
STALE_AFTER = timedelta(seconds=90)


@pytest.fixture
def scope(app, make_user):
    account = make_user("agent")
    return Scope(store="default", order_id=ORDER, operation="capture", user_id=account.id)


@pytest.fixture
def key(app, scope):
    with app.app_context():
        return LedgerKey.mint(scope).key


def _row(app, key):
    with app.app_context():
        row = LedgerKey.find(key)
        db.session.expunge(row)
        return row


def _age(app, key, **columns):
    """Move a row's timestamps into the past, as if the form had been open that long."""
    with app.app_context():
        db.session.execute(update(LedgerKey).where(LedgerKey.key == key).values(**columns))
        db.session.commit()


def _claim(app, key, scope, fingerprint="fp-1"):
    with app.app_context():
        return LedgerKey.claim(key, scope, fingerprint, STALE_AFTER)


def test_a_minted_key_is_a_new_uuid4_for_its_order_operation_and_user(app, scope, key):
    row = _row(app, key)
    assert len(key) == 36 and key[14] == "4"
    assert (row.state, row.order_id, row.operation, row.user_id, row.store) == (
        KeyState.NEW, ORDER, "capture", scope.user_id, "default")
    assert row.fingerprint is None and row.claimed_at is None


def test_claim_once_then_never_again_until_settled_as_unknown(app, scope, key):
    assert _claim(app, key, scope) is True
    row = _row(app, key)
    assert row.state == KeyState.IN_FLIGHT and row.fingerprint == "fp-1" and row.first_sent_at is not None
    assert _claim(app, key, scope) is False
    with app.app_context():
        assert LedgerKey.find(key).diagnose(scope, "fp-1", STALE_AFTER) == ClaimProblem.IN_PROGRESS
        LedgerKey.settle(key, Settlement(KeyState.UNKNOWN, correlation_id="corr-1"))
        db.session.commit()
    assert _claim(app, key, scope) is True


def test_the_first_claim_keeps_its_request_and_form_and_another_form_is_refused(app, scope, key):
    first = {"captured_amount": 100, "mode": "amount"}
    with app.app_context():
        assert LedgerKey.claim(key, scope, "fp-1", STALE_AFTER, request=first, form_digest="form-1")
        LedgerKey.settle(key, Settlement(KeyState.UNKNOWN))
        db.session.commit()
        assert LedgerKey.find(key).diagnose(scope, None, STALE_AFTER, "form-2") == ClaimProblem.DIFFERENT_REQUEST
        assert not LedgerKey.claim(key, scope, "fp-1", STALE_AFTER, request=first, form_digest="form-2")
        assert LedgerKey.find(key).diagnose(scope, None, STALE_AFTER, "form-1") is None
        assert LedgerKey.claim(key, scope, "fp-1", STALE_AFTER, request={"captured_amount": 1}, form_digest="form-1")
    row = _row(app, key)
    assert (row.request, row.form_digest) == (first, "form-1")  # what the key was first sent with


def test_a_settled_key_cannot_be_claimed(app, scope, key):
    assert _claim(app, key, scope)
    with app.app_context():
        LedgerKey.settle(key, Settlement(KeyState.SUCCEEDED, result_id="cap-1", correlation_id="c"))
        db.session.commit()
    assert _claim(app, key, scope) is False
    row = _row(app, key)
    assert (row.state, row.result_id, row.settled_at is not None) == (KeyState.SUCCEEDED, "cap-1", True)
    with app.app_context():
        assert LedgerKey.find(key).diagnose(scope, "fp-1", STALE_AFTER) == ClaimProblem.SETTLED


def test_the_same_key_with_a_different_request_is_refused(app, scope, key):
    assert _claim(app, key, scope, "fp-1")
    with app.app_context():
        LedgerKey.settle(key, Settlement(KeyState.UNKNOWN))
        db.session.commit()
    assert _claim(app, key, scope, "fp-2") is False
    with app.app_context():
        assert LedgerKey.find(key).diagnose(scope, "fp-2", STALE_AFTER) == ClaimProblem.DIFFERENT_REQUEST
    assert _claim(app, key, scope, "fp-1") is True


@pytest.mark.parametrize(
    "change",
    [{"order_id": "other"}, {"operation": "refund"}, {"store": "us"}, {"capture_id": "cap-1"}, {"user_id": 999}],
)
def test_a_key_only_works_for_what_it_was_minted_for(app, scope, key, change):
    other = Scope(**{**scope.__dict__, **change})
    assert _claim(app, key, other) is False
    with app.app_context():
        assert LedgerKey.find(key).diagnose(other, "fp-1", STALE_AFTER) == ClaimProblem.WRONG_TARGET
    assert _row(app, key).state == KeyState.NEW


def test_a_key_expires_24_hours_after_it_was_minted(app, scope, key):
    _age(app, key, created_at=utcnow() - KEY_LIFETIME - timedelta(seconds=1))
    assert _claim(app, key, scope) is False
    with app.app_context():
        assert LedgerKey.find(key).diagnose(scope, "fp-1", STALE_AFTER) == ClaimProblem.EXPIRED


def test_a_key_is_never_sent_more_than_23_hours_after_its_first_attempt(app, scope, key):
    assert _claim(app, key, scope)
    with app.app_context():
        LedgerKey.settle(key, Settlement(KeyState.UNKNOWN))
        db.session.commit()
    _age(app, key, created_at=utcnow() - timedelta(hours=23, minutes=30),
         first_sent_at=utcnow() - SEND_WINDOW - timedelta(seconds=1))
    assert _claim(app, key, scope) is False
    with app.app_context():
        assert LedgerKey.find(key).diagnose(scope, "fp-1", STALE_AFTER) == ClaimProblem.TOO_OLD_TO_SEND


def test_a_key_in_flight_longer_than_any_call_counts_as_unknown(app, scope, key):
    assert _claim(app, key, scope)
    _age(app, key, claimed_at=utcnow() - STALE_AFTER + timedelta(seconds=5))
    assert _claim(app, key, scope) is False
    _age(app, key, claimed_at=utcnow() - STALE_AFTER - timedelta(seconds=1))
    with app.app_context():
        row = LedgerKey.find(key)
        assert row.is_stale(STALE_AFTER) and row.diagnose(scope, "fp-1", STALE_AFTER) is None
    assert _claim(app, key, scope) is True
    assert _row(app, key).first_sent_at is not None


def test_unknown_and_forged_keys_are_not_found(app, scope):
    with app.app_context():
        assert LedgerKey.find("not-a-uuid") is None
        assert LedgerKey.find("8c0b4d8e-3f0c-4d3e-9d6f-2f1f0e6e2a11") is None
        assert LedgerKey.find(None) is None


def test_eight_threads_claiming_one_key_let_exactly_one_win(app, scope, key):
    barrier = threading.Barrier(8)
    results: list[bool] = []

    def contend():
        barrier.wait()
        results.append(_claim(app, key, scope))

    threads = [threading.Thread(target=contend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


def test_purge_deletes_only_keys_past_their_lifetime(app, scope, runner):
    with app.app_context():
        old, fresh = LedgerKey.mint(scope).key, LedgerKey.mint(scope).key
    _age(app, old, created_at=utcnow() - timedelta(days=3))
    result = runner.invoke(args=["ledger", "purge", "--older-than-hours", "48"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 idempotency key" in result.output
    with app.app_context():
        assert LedgerKey.find(old) is None and LedgerKey.find(fresh) is not None
    result = runner.invoke(args=["ledger", "purge", "--older-than-hours", "1"])
    assert "Deleted 0 idempotency keys" in result.output
    with app.app_context():
        assert LedgerKey.find(fresh) is not None
