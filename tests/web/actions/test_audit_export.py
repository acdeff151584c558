"""The audit page's date range and its CSV export (every matching entry, BOM, inert cells)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from app.extensions import db
from app.models.audit import AuditEntry, AuditOutcome
from tests.web.actions.conftest import page_text


def _entry(account, day: str, order_id: str, details: str | None = None, amount: int | None = 100) -> AuditEntry:
    return AuditEntry(at=datetime.fromisoformat(day).replace(tzinfo=UTC), user_id=account.id, username=account.username,
                      client_address="127.0.0.1", store="default", order_id=order_id, operation="capture",
                      amount=amount, currency="SEK", details=details, outcome=AuditOutcome.SUCCEEDED)


def _log(app, make_user) -> None:
    account = make_user("agent", "busy")
    with app.app_context():
        db.session.add_all([
            _entry(account, "2026-11-01T23:59:59", "order-nov-01"),
            _entry(account, "2026-11-02T00:00:00", "order-nov-02", details="=cmd|' /C calc'!A0"),
            _entry(account, "2026-11-03T12:00:00", "order-nov-03", amount=12345),
            _entry(account, "2026-11-04T00:00:00", "order-nov-04"),
        ])
        db.session.commit()


def test_the_date_range_includes_both_days_whole(app, make_user, pages):
    _log(app, make_user)
    text = page_text(pages("viewer").client.get("/audit?date_from=2026-11-02&date_to=2026-11-03").get_data(as_text=True))
    assert "order-nov-02" in text and "order-nov-03" in text
    assert "order-nov-01" not in text and "order-nov-04" not in text and "1–2 of 2 entries" in text


def test_an_unreadable_date_is_no_filter_and_says_so(app, make_user, pages):
    _log(app, make_user)
    text = page_text(pages("viewer").client.get("/audit?date_from=yesterday").get_data(as_text=True))
    assert "1–4 of 4 entries" in text and "Not a valid date value." in text


def test_csv_export_has_every_filtered_entry_with_bom_and_inert_cells(app, make_user, pages):
    _log(app, make_user)
    response = pages("viewer").client.get("/audit?format=csv&date_from=2026-11-02")
    assert response.mimetype == "text/csv" and 'filename="audit-log-' in response.headers["Content-Disposition"]
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row["order_id"] for row in rows] == ["order-nov-04", "order-nov-03", "order-nov-02"]
    assert rows[1]["amount"] == "123.45" and rows[1]["at"] == "2026-11-03T12:00:00+00:00"
    assert rows[2]["details"] == "'=cmd|' /C calc'!A0"
