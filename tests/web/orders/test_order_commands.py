"""``flask orders import / sync / purge``: files of ids, resuming, Klarna's 429, the purge by date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from app.extensions import db
from app.index.commands import read_order_ids
from app.models.order_index import IndexedOrder
from app.sandbox import demo_ids as ids

OM = "/ordermanagement/v1/orders/*"


def _invoke(app, *args: str):
    return app.test_cli_runner().invoke(args=list(args))


def _indexed(app) -> set[str]:
    with app.app_context():
        return {row.order_id for row in db.session.query(IndexedOrder).all()}


def test_ids_are_read_from_lines_or_a_csv_column_with_or_without_bom():
    plain = f"{ids.AUTHORIZED_SEK}\n\n  {ids.CAPTURED_AUD.upper()}  \nnot-an-id\n{ids.AUTHORIZED_SEK}\n"
    assert read_order_ids(plain) == ([ids.AUTHORIZED_SEK, ids.CAPTURED_AUD], 1)
    table = f"\ufeffshop_ref;x,Order_ID,amount\nSE-1,{ids.AUTHORIZED_SEK},10\nSE-2,,20\n"
    assert read_order_ids(table) == ([ids.AUTHORIZED_SEK], 1)


def test_import_reads_each_order_once_and_resumes_after_an_interruption(app, sandbox, tmp_path):
    listed = [ids.AUTHORIZED_SEK, ids.CAPTURED_AUD, ids.PART_CAPTURED_EUR_REFUNDED]
    file = tmp_path / "orders.txt"
    file.write_text("\ufeff" + "\n".join(listed[:2]) + "\n", encoding="utf-8")
    first = _invoke(app, "orders", "import", str(file))
    assert first.exit_code == 0, first.output
    assert "2 order ids" in first.output and "2 to read from Klarna" in first.output and "2 indexed" in first.output
    file.write_text("\n".join(listed) + "\n", encoding="utf-8")
    sandbox.clear_requests_log()
    again = _invoke(app, "orders", "import", str(file), "--concurrency", "2")
    assert "2 already indexed, 1 to read from Klarna" in again.output
    assert [entry["path"].rsplit("/", 1)[-1] for entry in sandbox.requests_log()] == [listed[2]]
    assert _indexed(app) == set(listed)


def test_import_waits_out_klarnas_429_and_retry_after(app, sandbox, tmp_path):
    sandbox.add_fault(kind="status", path=OM, method="GET", status=429, retry_after=1, count=3)
    file = tmp_path / "orders.txt"
    file.write_text(ids.AUTHORIZED_SEK + "\n", encoding="utf-8")
    result = _invoke(app, "orders", "import", str(file))
    assert result.exit_code == 0, result.output
    assert [entry["status"] for entry in sandbox.requests_log(ids.AUTHORIZED_SEK)] == [429, 429, 429, 200]
    assert _indexed(app) == {ids.AUTHORIZED_SEK}


def test_an_import_with_failures_says_so_and_can_run_again(app, sandbox, tmp_path):
    sandbox.add_fault(kind="status", path=OM, method="GET", status=503, count=10)
    file = tmp_path / "orders.txt"
    file.write_text(ids.AUTHORIZED_SEK + "\n", encoding="utf-8")
    result = _invoke(app, "orders", "import", str(file))
    assert result.exit_code == 1 and "1 orders could not be read; run the import again" in result.output
    sandbox.clear_faults()
    assert _invoke(app, "orders", "import", str(file)).exit_code == 0
    assert _indexed(app) == {ids.AUTHORIZED_SEK}


def test_import_into_an_unknown_store_is_refused(app, tmp_path):
    file = tmp_path / "orders.txt"
    file.write_text(ids.AUTHORIZED_SEK + "\n", encoding="utf-8")
    result = _invoke(app, "orders", "import", str(file), "--store", "mars")
    assert result.exit_code == 2 and "mars" in result.output


def test_sync_open_reads_only_open_orders_again(app, sandbox, viewer):
    for order_id in (ids.AUTHORIZED_SEK, ids.CAPTURED_AUD):
        viewer.get(f"/orders/{order_id}")
    sandbox.clear_requests_log()
    result = _invoke(app, "orders", "sync", "--open")
    assert result.exit_code == 0 and "1 indexed" in result.output
    assert [entry["path"].rsplit("/", 1)[-1] for entry in sandbox.requests_log()] == [ids.AUTHORIZED_SEK]


def test_purge_deletes_finished_orders_last_changed_before_the_date(app, viewer):
    for order_id in (ids.AUTHORIZED_SEK, ids.CAPTURED_AUD, ids.CLOSED_SEK, ids.CANCELLED_SEK):
        viewer.get(f"/orders/{order_id}")
    with app.app_context():
        long_ago = datetime.now(UTC) - timedelta(days=400)
        db.session.execute(update(IndexedOrder).values(created_at=long_ago, last_changed_at=None))
        db.session.commit()
    cutoff = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%d")
    result = _invoke(app, "orders", "purge", "--before", cutoff)
    assert result.exit_code == 0 and "Deleted 2 orders from the index." in result.output
    assert _indexed(app) == {ids.AUTHORIZED_SEK, ids.CAPTURED_AUD}  # captured: refunds may follow


@pytest.mark.parametrize("date", ["yesterday", "2026-13-01"])
def test_purge_needs_a_date(app, date):
    assert _invoke(app, "orders", "purge", "--before", date).exit_code == 2
