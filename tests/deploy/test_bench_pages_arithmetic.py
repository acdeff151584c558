"""scripts/bench_pages.py reads wrk's report and judges the targets as it says (nothing is timed here)."""

from __future__ import annotations

import pytest

from scripts.bench.targets import Row, Scenario, verdicts
from scripts.bench.wrk import Measurement, parse_report

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:5512/orders/8e8667f3-d40f-4779-981c-5a5d8e7937d2
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.12ms   10.01ms 200.00ms   90.00%
  2000 requests in 10.00s, 50.00MB read
Requests/sec:    200.00
Transfer/sec:      5.00MB
bench requests: 2000
bench duration_us: 10000000
bench bytes: 52428800
bench not_200: 0
bench socket_errors: 0
bench p50_us: 38500
bench p90_us: 61000
bench p99_us: 150250
"""


def measurement(per_second: float, p50_ms: float = 10.0, p99_ms: float = 20.0, **changes) -> Measurement:
    values = dict(requests=int(per_second * 10), seconds=10.0, bytes=0, not_200=0, socket_errors=0,
                  p50_ms=p50_ms, p90_ms=p50_ms, p99_ms=p99_ms)
    return Measurement(**{**values, **changes})


def test_the_report_lines_become_a_measurement():
    result = parse_report(WRK_OUTPUT)
    assert result.requests == 2000
    assert result.per_second == 200.0
    assert result.bytes_per_answer == 52428800 / 2000
    assert (result.p50_ms, result.p90_ms, result.p99_ms) == (38.5, 61.0, 150.25)
    assert result.clean


def test_a_report_without_the_scripts_lines_is_refused():
    with pytest.raises(ValueError, match="lacks"):
        parse_report(WRK_OUTPUT.split("bench requests")[0])


@pytest.mark.parametrize("changes", [{"not_200": 1}, {"socket_errors": 3}, {"requests": 0}])
def test_redirects_errors_or_nothing_make_a_run_unclean(changes):
    assert not measurement(100, **changes).clean


def test_the_share_is_the_median_of_the_rounds_shares():
    scenario = Scenario("order page", "/orders/x", latency_ms=0, connections=16, share=0.5)
    row = Row(scenario, [measurement(60), measurement(30), measurement(45)],
              [measurement(100), measurement(100), measurement(50)])
    assert row.shares == [0.6, 0.3, 0.9]
    assert row.share == 0.6


def test_each_target_is_judged_against_its_own_limit():
    scenario = Scenario("order page", "/orders/x", latency_ms=150, connections=64, share=0.8,
                        p99_over_p50=4, p50_over_floor=1.3)
    row = Row(scenario, [measurement(90, p50_ms=250, p99_ms=1100)], [measurement(100, p50_ms=200)])
    assert verdicts([row]) == [
        "order page, 150 ms upstream, 64 connections: throughput 0.90 of the floor's (target >= 0.80): met",
        "order page, 150 ms upstream, 64 connections: p99 = 4.4 x p50 (target <= 4 x): NOT MET",
        "order page, 150 ms upstream, 64 connections: p50 = 1.25 x the floor's (target <= 1.3 x): met",
        "order page, 150 ms upstream, 64 connections: 0 answers not 200 or failed (target none): met",
    ]


def test_errors_fail_the_scenario_however_fast_it_was():
    scenario = Scenario("audit log", "/audit", latency_ms=0, connections=16, share=0.5)
    row = Row(scenario, [measurement(200, not_200=2), measurement(200, socket_errors=1)], [measurement(100)] * 2)
    assert verdicts([row])[-1] == "audit log, 0 ms upstream, 16 connections: 3 answers not 200 or failed (target none): NOT MET"


def test_a_page_not_there_yet_is_reported_not_judged():
    scenario = Scenario("order list", "/orders", latency_ms=0, connections=16, share=0.5)
    assert verdicts([Row(scenario, [], [])]) == [
        "order list, 0 ms upstream, 16 connections: not measured (no such page yet)"
    ]
