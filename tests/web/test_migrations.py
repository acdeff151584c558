"""The schema comes from Alembic migrations: ``flask db upgrade`` builds it on an empty database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from app.extensions import db

ROOT = Path(__file__).resolve().parents[2]


def _flask(args: list[str], database: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("KLARNA_", "DEMO_", "SANDBOX_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        SECRET_KEY="migration-test",
        KLARNA_API_URL="http://127.0.0.1:9",
        KLARNA_USERNAME="u",
        KLARNA_PASSWORD="p",
    )
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=120,
    )


def test_flask_db_upgrade_creates_the_schema_and_users_can_be_added(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    result = _flask(["db", "upgrade"], database)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"alembic_version", "staff_users"} <= tables
    password = "piped through standard input"
    result = _flask(["users", "create", "root", "--role", "admin"], database, stdin=f"{password}\n{password}\n")
    assert result.returncode == 0, result.stderr
    assert "Created root with role admin." in result.stdout
    listing = _flask(["users", "list"], database).stdout
    assert listing.splitlines()[1].split() == ["root", "admin", "active", "never"]
    # Upgrading again is a no-op.
    assert _flask(["db", "upgrade"], database).returncode == 0


def test_migrations_build_exactly_the_models_on_an_empty_database(make_app, empty_database):
    """On SQLite, and on PostgreSQL when DATABASE_URL names one: every migration applies to an empty
    database, the result matches the models (autogenerate finds nothing to do), and every
    migration can be undone."""
    app = make_app(DATABASE_URL=empty_database.url)
    with app.app_context():
        assert db.engine.dialect.name == empty_database.kind
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
            tables = set(inspect(connection).get_table_names())
        assert differences == []
        assert tables == {"alembic_version", *db.metadata.tables}
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
