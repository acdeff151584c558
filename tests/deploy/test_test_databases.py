"""The test suite itself: a PostgreSQL that is configured but down fails the run; nothing skips."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.fixtures.processes import ROOT

A_DATABASE_TEST = "tests/web/test_errors_and_health.py::test_health_is_ok_without_login"
# Port 9 on loopback: connections are refused at once.
DOWN = "postgresql+psycopg://postgres@127.0.0.1:9/test"


def test_a_configured_postgresql_that_does_not_answer_fails_the_tests_that_need_it():
    environment = {**os.environ, "DATABASE_URL": DOWN}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", A_DATABASE_TEST],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 error" in output and "skipped" not in output
    assert "DATABASE_URL names PostgreSQL at postgresql+psycopg://postgres@127.0.0.1:9/test, which does not answer" in output
