"""Our database: Flask-SQLAlchemy models, Alembic migrations in app/migrations/."""

from __future__ import annotations

from pathlib import Path
from sqlite3 import Connection as SQLiteConnection
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from app import models  # noqa: F401  (every table registered before Alembic looks)
from app.extensions import db, migrate

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def init_database(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(connection: Any, record: Any) -> None:
    """SQLite: enforce foreign keys, wait for a busy writer instead of failing at once, and keep a
    write-ahead log, so pages reading the database never wait for a writer (nor a writer for them)."""
    if isinstance(connection, SQLiteConnection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()
