"""The speed targets of scripts/bench_pages.py, each a ratio to the floor page measured alongside."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from scripts.bench.wrk import Measurement


@dataclass(frozen=True)
class Scenario:
    page: str
    path: str
    latency_ms: int
    connections: int
    share: float  # the dashboard's throughput as a share of the floor's, at least
    p99_over_p50: float | None = None  # the dashboard's p99 at most this many times its p50
    p50_over_floor: float | None = None  # the dashboard's p50 at most this many times the floor's

    @property
    def label(self) -> str:
        return f"{self.page}, {self.latency_ms} ms upstream, {self.connections} connections"


@dataclass
class Row:
    """One scenario's runs: the dashboard's and the floor's, round by round."""

    scenario: Scenario
    dashboard: list[Measurement]
    floor: list[Measurement]

    @property
    def shares(self) -> list[float]:
        """The dashboard's throughput over the floor's, per round (both measured back to back)."""
        return [mine.per_second / floor.per_second for mine, floor in zip(self.dashboard, self.floor)]

    @property
    def share(self) -> float:
        return statistics.median(self.shares)

    def p99_over_p50(self) -> float:
        return statistics.median(run.p99_ms / run.p50_ms for run in self.dashboard)

    def p50_over_floor(self) -> float:
        return statistics.median(mine.p50_ms / floor.p50_ms for mine, floor in zip(self.dashboard, self.floor))


def verdicts(rows: list[Row]) -> list[str]:
    """One line per target: the measured ratio, the target, met or NOT MET."""
    lines = []
    for row in rows:
        scenario = row.scenario
        if not row.dashboard:
            lines.append(f"{scenario.label}: not measured (no such page yet)")
            continue
        checks = [(f"throughput {row.share:.2f} of the floor's", row.share >= scenario.share, f">= {scenario.share:.2f}")]
        if scenario.p99_over_p50:
            ratio = row.p99_over_p50()
            checks.append((f"p99 = {ratio:.1f} x p50", ratio <= scenario.p99_over_p50, f"<= {scenario.p99_over_p50:g} x"))
        if scenario.p50_over_floor:
            ratio = row.p50_over_floor()
            checks.append((f"p50 = {ratio:.2f} x the floor's", ratio <= scenario.p50_over_floor,
                           f"<= {scenario.p50_over_floor:g} x"))
        failed = sum(run.not_200 + run.socket_errors for run in row.dashboard)
        checks.append((f"{failed} answers not 200 or failed", not failed, "none"))
        for what, met, target in checks:
            lines.append(f"{scenario.label}: {what} (target {target}): {'met' if met else 'NOT MET'}")
    return lines
