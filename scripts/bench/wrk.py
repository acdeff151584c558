"""Driving wrk (Debian's ``wrk`` package) and reading what it measured.

wrk keeps its connections alive and sends the same headers (the session cookie) with every request.
A Lua script counts the answers that are not 200 (a lost session answers with a quick redirect to
the login page, which would look like speed) and prints the numbers as ``name: value`` lines.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPORT_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_200 = 0 end
function response(status, headers, body) if status ~= 200 then not_200 = not_200 + 1 end end
function done(summary, latency, requests)
  local not_ok = 0
  for _, thread in ipairs(threads) do not_ok = not_ok + thread:get("not_200") end
  local errors = summary.errors
  io.write(string.format("bench requests: %d\\n", summary.requests))
  io.write(string.format("bench duration_us: %d\\n", summary.duration))
  io.write(string.format("bench bytes: %d\\n", summary.bytes))
  io.write(string.format("bench not_200: %d\\n", not_ok))
  io.write(string.format("bench socket_errors: %d\\n",
    errors.connect + errors.read + errors.write + errors.timeout))
  for _, share in ipairs({50, 90, 99}) do
    io.write(string.format("bench p%d_us: %d\\n", share, latency:percentile(share)))
  end
end
"""


class WrkMissing(SystemExit):
    pass


@dataclass(frozen=True)
class Measurement:
    """One wrk run against one URL."""

    requests: int
    seconds: float
    bytes: int
    not_200: int
    socket_errors: int
    p50_ms: float
    p90_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def bytes_per_answer(self) -> float:
        return self.bytes / self.requests if self.requests else 0.0

    @property
    def clean(self) -> bool:
        """Every answer was a 200 and no connection failed."""
        return self.requests > 0 and not self.not_200 and not self.socket_errors


def parse_report(output: str) -> Measurement:
    """The ``bench name: value`` lines the Lua script printed, as a Measurement."""
    values: dict[str, int] = {}
    for line in output.splitlines():
        if line.startswith("bench ") and ":" in line:
            name, _, value = line.removeprefix("bench ").partition(":")
            values[name.strip()] = int(value)
    missing = {"requests", "duration_us", "bytes", "not_200", "socket_errors", "p50_us", "p90_us", "p99_us"} - set(values)
    if missing:
        raise ValueError(f"wrk's report lacks {', '.join(sorted(missing))}:\n{output}")
    return Measurement(
        requests=values["requests"], seconds=values["duration_us"] / 1e6, bytes=values["bytes"],
        not_200=values["not_200"], socket_errors=values["socket_errors"],
        p50_ms=values["p50_us"] / 1000, p90_ms=values["p90_us"] / 1000, p99_ms=values["p99_us"] / 1000,
    )


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        raise WrkMissing("wrk is needed and not installed: on Debian, `apt-get install wrk` (as root).")
    return path


def run(url: str, *, connections: int, seconds: float, headers: dict[str, str], threads: int = 1) -> Measurement:
    """``connections`` keep-alive connections sending requests to ``url`` for ``seconds``."""
    with tempfile.TemporaryDirectory(prefix="wrk-") as folder:
        script = Path(folder) / "report.lua"
        script.write_text(REPORT_SCRIPT)
        command = [require_wrk(), "--threads", str(threads), "--connections", str(connections),
                   "--duration", f"{seconds:g}s", "--timeout", "30s", "--script", str(script)]
        for name, value in headers.items():
            command += ["--header", f"{name}: {value}"]
        result = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 120)
    if result.returncode:
        raise SystemExit(f"wrk failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return parse_report(result.stdout)
