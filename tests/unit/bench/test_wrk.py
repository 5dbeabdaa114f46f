"""wrk's latency distribution comes back as the percentile list the plots draw (real wrk, real HTTP)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bench.results import PERCENTILES, at
from bench.wrk import run_wrk
from tests.services import require


class Hello(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    paths: set[str] = set()

    def do_GET(self) -> None:
        self.paths.add(self.path)
        body = b'{"status":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def url() -> Iterator[str]:
    # skipped without wrk, a failure under CI=true (.ci/run installs it)
    require(shutil.which("wrk") is not None, "wrk (apt-get install wrk)")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_percentiles_climb_and_agree_with_wrks_own_p50_and_p99(url: str) -> None:
    result = run_wrk("hello", url, seconds=1, connections=2)

    assert result.requests > 0 and result.non_2xx == 0
    assert [p for p, _ in result.percentiles] == list(PERCENTILES)
    values = [ms for _, ms in result.percentiles]
    assert values == sorted(values) and values[-1] > 0
    # wrk prints its summary rounded to two decimals of its unit
    assert at(result.percentiles, 50) == pytest.approx(result.p50_ms, rel=0.01, abs=0.01)
    assert at(result.percentiles, 99) == pytest.approx(result.p99_ms, rel=0.01, abs=0.01)


def test_a_script_of_the_load_keeps_its_requests_and_gets_the_percentiles(url: str, tmp_path: Path) -> None:
    script = tmp_path / "load.lua"
    script.write_text('request = function() return wrk.format("GET", "/?from=script") end\n')

    result = run_wrk("scripted", url, seconds=1, connections=2, script=script)

    assert result.requests > 0 and "/?from=script" in Hello.paths
    assert len(result.percentiles) == len(PERCENTILES)
