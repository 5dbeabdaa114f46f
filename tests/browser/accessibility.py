"""axe-core (``vendor/axe.min.js``) run inside a page under test: what it finds serious or critical
fails the test, with each rule, its help text and the elements it names.

``assert_accessible(page)`` checks the page as it stands; call it on every state a test brings the
page to that a citizen, a clerk or a manager would see (an error shown, a dialog open, a ticket
called), in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING = frozenset({"serious", "critical"})

_RUN = """async (options) => {
  const result = await axe.run(document, options);
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
  }));
}"""


def violations(page: Any, *, rules_off: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Every violation axe-core finds on ``page`` now (all impacts); ``rules_off`` names rules
    not to run, each with the reason at the call site."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's Content-Security-Policy
        # (script-src 'self') does not govern, unlike an injected <script>.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    options = {"rules": {rule: {"enabled": False} for rule in rules_off}}
    return list(page.evaluate(_RUN, options))


def assert_accessible(page: Any, *, rules_off: tuple[str, ...] = ()) -> None:
    """No serious or critical axe-core violation on ``page`` as it stands."""
    found = [v for v in violations(page, rules_off=rules_off) if v["impact"] in BLOCKING]
    assert not found, "axe-core: " + "; ".join(
        f"{v['impact']} {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in found
    )
