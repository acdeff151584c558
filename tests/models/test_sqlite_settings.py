"""SQLite (the default database) keeps a write-ahead log: readers and one writer do not wait for each other."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.extensions import db


def test_a_file_database_keeps_a_write_ahead_log(app):
    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("SQLite only")
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
