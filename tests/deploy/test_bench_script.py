"""scripts/bench_concurrency.py still runs end to end and measures what it says."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.fixtures.processes import ROOT

pytestmark = pytest.mark.slow


def test_the_benchmark_measures_concurrent_order_views_against_a_slow_sandbox():
    result = subprocess.run(
        [sys.executable, "scripts/bench_concurrency.py", "--views", "4", "--latency-ms", "150"],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout
    assert re.search(r"cores: \d+ +gunicorn: gthread \(config\)", output)
    assert re.search(r"4 concurrent views: p50 \d+ ms, p95 \d+ ms, max \d+ ms, total \d+ ms", output)
    waited = int(re.search(r"waiting on Klarna (\d+) ms", output).group(1))
    assert waited >= 150  # the sandbox's latency, seen from the dashboard's request log
    assert re.search(r"^verdict: (no queueing|QUEUEING)", output, re.MULTILINE)
