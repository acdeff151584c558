"""``flask --app app orders ...``: fill and maintain the order index; ``flask --app app worker``.

* ``orders import FILE [--store KEY]``: order ids, one a line or a CSV with an ``order_id`` column
  (UTF-8, with or without BOM); ids already indexed in that store are skipped, so running it again
  after an interruption goes on where it stopped.
* ``orders sync [--all | --open]``: read indexed orders from Klarna again (default: the open ones).
* ``orders purge --before DATE``: delete the rows of closed, cancelled or expired orders last
  changed before DATE (privacy: the index holds customer contact data).
* ``worker``: consume background jobs and run the schedule (``app/jobs.py``).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app import upstream
from app.extensions import db
from app.index.sync import Synced, sync_many
from app.index.text import ORDER_ID
from app.jobs import run_worker
from app.models.order_index import IndexedOrder

orders = AppGroup("orders", help="Fill and maintain the order index.")
CONCURRENCY_OPTION = click.option(
    "--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
    help="Orders read from Klarna at once.",
)


def read_order_ids(text: str) -> tuple[list[str], int]:
    """The distinct order ids in a file's text, in order, and how many lines were not ids."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    if "order_id" in [cell.strip().lower() for cell in next(csv.reader([header]), [])]:
        values = [row.get("order_id") or "" for row in _csv_rows(text)]
    else:
        values = [line for line in lines if line.strip()]
    ids: dict[str, None] = {}
    rejected = 0
    for value in values:
        candidate = value.strip().lower()
        if ORDER_ID.fullmatch(candidate):
            ids[candidate] = None
        else:
            rejected += 1
    return list(ids), rejected


def _csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    return list(reader)


def _store_key(key: str | None) -> str:
    if key is None:
        return upstream.stores()[0].key
    try:
        return upstream.store(key).key
    except upstream.UnknownStore as error:
        raise click.BadParameter(str(error), param_hint="--store") from None


def _run(pairs: list[tuple[str, str]], concurrency: int, label: str) -> dict[Synced, int]:
    with click.progressbar(length=len(pairs), label=label, show_pos=True, show_eta=True) as bar:
        counts = sync_many(pairs, concurrency, on_done=lambda order_id, result: bar.update(1))
    click.echo(", ".join(f"{count} {result.value}" for result, count in counts.items()) + ".")
    return counts


@orders.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--store", "store_key", help="The store the orders belong to (default: the first configured).")
@CONCURRENCY_OPTION
def import_orders(file: Path, store_key: str | None, concurrency: int) -> None:
    """Index the orders listed in FILE, reading each from Klarna once."""
    key = _store_key(store_key)
    ids, rejected = read_order_ids(file.read_text(encoding="utf-8-sig"))
    known = IndexedOrder.known_ids(key, ids)
    db.session.remove()
    todo = [(key, order_id) for order_id in ids if order_id not in known]
    click.echo(f"{len(ids)} order ids ({rejected} lines skipped: not an order id); "
               f"{len(known)} already indexed, {len(todo)} to read from Klarna.")
    counts = _run(todo, concurrency, "Importing")
    if counts[Synced.FAILED]:
        raise click.ClickException(f"{counts[Synced.FAILED]} orders could not be read; run the import again.")


@orders.command("sync")
@click.option("--all", "which", flag_value="all", help="Every indexed order.")
@click.option("--open", "which", flag_value="open", default=True, help="Authorized and part-captured orders (default).")
@CONCURRENCY_OPTION
def sync(which: str, concurrency: int) -> None:
    """Read indexed orders from Klarna again and update their rows."""
    pairs = IndexedOrder.ids_to_sync(only_open=which == "open")
    db.session.remove()
    _run(pairs, concurrency, "Syncing")


@orders.command("purge")
@click.option("--before", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Delete closed, cancelled and expired orders last changed before this day (YYYY-MM-DD).")
def purge(before: datetime) -> None:
    """Delete index rows of finished orders (their customer data with them)."""
    count = IndexedOrder.purge_closed_before(before.replace(tzinfo=UTC))
    db.session.commit()
    click.echo(f"Deleted {count} order{'s' if count != 1 else ''} from the index.")


@click.command("worker")
@click.option("--workers", type=click.IntRange(1, 16), default=2, show_default=True, help="Jobs run at once.")
@click.option("--schedule/--no-schedule", default=True, show_default=True,
              help="Also run the schedule (one worker per queue should; the others take --no-schedule).")
@with_appcontext
def worker(workers: int, schedule: bool) -> None:
    """Run background jobs and the schedule (syncing open orders) until stopped."""
    if not current_app.extensions["jobs"].expects_worker:
        raise click.ClickException("Jobs run in-process here (JOBS_IMMEDIATE): there is nothing for a worker to do.")
    run_worker(workers, schedule)
