"""Drive wrk (a real load generator, in its own process) and read its figures."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.results import PERCENTILES, Percentiles

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class LoadResult:
    name: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    errors: int
    # [[percentile, ms], ...] at bench.results.PERCENTILES, from wrk's own histogram (a CDF)
    percentiles: Percentiles = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "requests_per_second": self.requests_per_second,
            "p50_ms": self.p50_ms,
            "p99_ms": self.p99_ms,
            "requests": self.requests,
            "non_2xx": self.non_2xx,
            "errors": self.errors,
            "percentiles": self.percentiles,
        }


# Appended to the load's script (or run alone): wrk hands done() its whole latency histogram, in
# microseconds; percentile(100) reads 0 in wrk 4.1, so the top is the maximum.
DONE_LUA = (
    """
done = function(summary, latency, requests)
  for _, p in ipairs({PERCENTILES}) do
    local us = p >= 100 and latency.max or latency:percentile(p)
    io.write(string.format("latency-percentile %g %d\\n", p, us))
  end
end
""".replace("PERCENTILES", ", ".join(f"{p:g}" for p in PERCENTILES))
)


def _ms(text: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)", text)
    assert match, text
    return float(match.group(1)) * _UNITS[match.group(2)]


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    return path


def run_wrk(
    name: str, url: str, seconds: int, connections: int, script: Path | None = None, threads: int = 1
) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        lua.write((script.read_text() if script else "") + DONE_LUA)
        lua.flush()
        command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
        command += ["-s", lua.name, url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return LoadResult(
        name,
        rps,
        p50,
        p99,
        total,
        int(non_2xx.group(1)) if non_2xx else 0,
        sum(int(g) for g in errors.groups()) if errors else 0,
        [[float(p), int(us) / 1000] for p, us in re.findall(r"latency-percentile (\S+) (\d+)", output)],
    )
