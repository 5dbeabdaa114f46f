"""A server process and every ``mawid`` command import ``api.app``; the heavy numeric libraries
(scipy, statsmodels, pandas, matplotlib) cost each of them seconds under load and are needed
only where a forecast, an interval, a plot or a plan's check is computed, so they are imported
there, never at start-up."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("scipy", "statsmodels", "pandas", "matplotlib")


def test_importing_the_app_loads_none_of_the_heavy_numeric_libraries() -> None:
    # a fresh interpreter: this test process may have imported them for other tests
    script = (
        f"import sys, api.app; print(__import__('json').dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    loaded = json.loads(
        subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    )
    assert loaded == []
