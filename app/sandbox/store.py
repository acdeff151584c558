"""SQLite persistence: orders (one JSON document each), idempotency records and settings.

One connection guarded by a re-entrant lock: every unit of work runs inside ``transaction()``,
so concurrent requests on the threaded server are applied one at a time.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS orders (
    order_id TEXT PRIMARY KEY,
    account TEXT NOT NULL,
    created_at TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_by_account ON orders (account, created_at);
CREATE TABLE IF NOT EXISTS idempotency (
    account TEXT NOT NULL,
    operation TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    PRIMARY KEY (account, operation, idempotency_key)
);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class Store:
    def __init__(self, path: str):
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        if path != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self):
        """Hold the lock and one SQLite transaction; commit on success, roll back on any exception."""
        with self._lock:
            if self._db.in_transaction:
                yield self
                return
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _execute(self, sql: str, parameters=()):
        with self._lock:
            return self._db.execute(sql, parameters)

    # Orders ---------------------------------------------------------------------------------------

    def load_order(self, account: str, order_id: str) -> dict | None:
        row = self._execute("SELECT document FROM orders WHERE account = ? AND order_id = ?",
                            (account, order_id)).fetchone()
        return json.loads(row[0]) if row else None

    def order_exists(self, order_id: str) -> bool:
        return self._execute("SELECT 1 FROM orders WHERE order_id = ?", (order_id,)).fetchone() is not None

    def insert_order(self, account: str, order: dict) -> None:
        self._execute("INSERT INTO orders (order_id, account, created_at, document) VALUES (?, ?, ?, ?)",
                      (order["order_id"], account, order["created_at"], json.dumps(order)))

    def save_order(self, order: dict) -> None:
        self._execute("UPDATE orders SET document = ? WHERE order_id = ?", (json.dumps(order), order["order_id"]))

    def list_orders(self, account: str) -> list[dict]:
        rows = self._execute("SELECT document FROM orders WHERE account = ? ORDER BY created_at DESC, rowid DESC",
                             (account,)).fetchall()
        return [json.loads(row[0]) for row in rows]

    # Idempotency records ------------------------------------------------------------------------------

    def find_response(self, account: str, operation: str, key: str, not_before: str) -> dict | None:
        row = self._execute(
            "SELECT status, headers, body FROM idempotency WHERE account = ? AND operation = ?"
            " AND idempotency_key = ? AND recorded_at >= ?", (account, operation, key, not_before)).fetchone()
        if row is None:
            return None
        return {"status": row[0], "headers": json.loads(row[1]), "body": bytes(row[2])}

    def remember_response(self, account: str, operation: str, key: str, recorded_at: str,
                          status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        self._execute(
            "INSERT OR REPLACE INTO idempotency (account, operation, idempotency_key, recorded_at, status,"
            " headers, body) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (account, operation, key, recorded_at, status, json.dumps(headers), body))

    # Settings ---------------------------------------------------------------------------------------------

    def get_setting(self, name: str) -> str | None:
        row = self._execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_setting(self, name: str, value: str) -> None:
        self._execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)", (name, value))
