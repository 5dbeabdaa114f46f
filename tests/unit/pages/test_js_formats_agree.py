"""The pages write durations and digits twice, on the server (``api/pages/i18n.py``) and in the
browser (``api/static/js/lib/format.js``, CLDR plurals through ``Intl.PluralRules``): both must
say the same thing, or a board's first paint and its next update would disagree. Needs Node
(skips without it; under CI=true that is a failure)."""

from __future__ import annotations

import json
import shutil
import subprocess

from api.pages.i18n import LANGUAGES, localise_digits, minutes
from tests.live_server import ROOT
from tests.services import require

FORMAT_JS = ROOT / "api/static/js/lib/format.js"
COUNTS = range(0, 1001)

SCRIPT = """
const format = await import(process.argv[1]);
const counts = Array.from({ length: Number(process.argv[2]) }, (_, n) => n);
const said = {};
for (const language of ["ar", "en"]) {
  said[language] = { minutes: counts.map((n) => format.minutes(n, language)),
                     digits: counts.map((n) => format.digits(n, language)) };
}
console.log(JSON.stringify(said));
"""


def _node_says() -> dict[str, dict[str, list[str]]]:
    node = shutil.which("node")
    require(node is not None, "Node.js (apt-get install nodejs)")
    assert node is not None
    answer = subprocess.run(
        [node, "--input-type=module", "-e", SCRIPT, FORMAT_JS.as_uri(), str(len(COUNTS))],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    said: dict[str, dict[str, list[str]]] = json.loads(answer.stdout)
    return said


def test_the_browser_says_minutes_and_digits_as_the_server_does() -> None:
    said = _node_says()
    for lang in LANGUAGES:
        assert said[lang]["minutes"] == [minutes(n, lang) for n in COUNTS], lang
        assert said[lang]["digits"] == [localise_digits(n, lang) for n in COUNTS], lang
