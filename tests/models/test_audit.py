"""The audit log: entries are added, found by order and filters, and never changed or deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from app.extensions import db
from app.models.audit import Actor, AuditEntry, AuditLogIsAppendOnly, AuditOutcome, Subject

ORDER = "0b1d9815-165e-42e2-8867-35bc03789e00"


@pytest.fixture
def entry_id(app, make_user):
    account = make_user("agent", "alice")
    with app.app_context():
        entry = AuditEntry.record(
            Actor(account.id, "alice", "127.0.0.1"),
            Subject("default", ORDER, "capture", amount=125000, currency="SEK", lines_summary="2 × Termos"),
            AuditOutcome.SUCCEEDED,
            idempotency_key="8c0b4d8e-3f0c-4d3e-9d6f-2f1f0e6e2a11",
            correlation_id="corr-1",
            result_id="cap-1",
            duration_ms=42,
        )
        db.session.commit()
        return entry.id


def test_an_entry_keeps_who_what_and_the_outcome(app, entry_id):
    with app.app_context():
        (entry,) = AuditEntry.for_order(ORDER)
        assert (entry.username, entry.client_address, entry.amount, entry.currency) == (
            "alice", "127.0.0.1", 125000, "SEK")
        assert (entry.outcome, entry.correlation_id, entry.result_id, entry.duration_ms) == (
            AuditOutcome.SUCCEEDED, "corr-1", "cap-1", 42)
        assert AuditEntry.for_order("another") == []


def test_changing_an_entry_is_refused(app, entry_id):
    with app.app_context():
        entry = db.session.get(AuditEntry, entry_id)
        entry.outcome = AuditOutcome.REFUSED
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEntry, entry_id).outcome == AuditOutcome.SUCCEEDED


def test_deleting_an_entry_is_refused(app, entry_id):
    with app.app_context():
        db.session.delete(db.session.get(AuditEntry, entry_id))
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.commit()
        db.session.rollback()
        assert db.session.get(AuditEntry, entry_id) is not None


@pytest.mark.parametrize("statement", [
    update(AuditEntry).values(outcome=AuditOutcome.REFUSED),
    delete(AuditEntry),
])
def test_bulk_statements_on_the_audit_log_are_refused(app, entry_id, statement):
    with app.app_context():
        with pytest.raises(AuditLogIsAppendOnly):
            db.session.execute(statement)
        db.session.rollback()
        assert db.session.get(AuditEntry, entry_id).outcome == AuditOutcome.SUCCEEDED
