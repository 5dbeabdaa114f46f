"""The last guard on every log line: an identity number that reached a log call is blanked."""

from __future__ import annotations

import json

import structlog

from api.request_logging import REDACTED, scrub
from api.settings import Settings, SettingsError

NUMBER = "29001011234567"


def render(**event: object) -> str:
    processed = scrub(None, "info", dict(event))
    return str(structlog.processors.JSONRenderer()(None, "info", processed))


def test_a_national_id_anywhere_in_a_line_is_blanked_in_latin_and_arabic_digits() -> None:
    line = render(
        event="unhandled_error",
        exception=f"ValueError: invalid literal for int() with base 10: '{NUMBER}'",
        detail={"nested": [f"id={NUMBER}", "٢٩٠٠١٠١٠١٢٣٤٥٦٧"]},
    )
    assert NUMBER not in line and "٢٩٠٠١٠١٠١٢٣٤٥٦٧" not in json.loads(line)["detail"]["nested"][1]
    assert json.loads(line)["detail"]["nested"][0] == f"id={REDACTED}"


def test_identity_fields_are_blanked_whatever_they_hold_and_other_figures_stay() -> None:
    line = json.loads(
        render(event="x", identity={"type": "passport", "number": "A1234567"}, passport_number="A7654321",
               ticket="P-017", booking_code="7KQ2M9XD", wait_seconds=123456)
    )
    assert line["identity"] == REDACTED and line["passport_number"] == REDACTED
    assert (line["ticket"], line["booking_code"], line["wait_seconds"]) == ("P-017", "7KQ2M9XD", 123456)


def test_metrics_settings_are_read_and_a_short_token_is_refused() -> None:
    assert Settings.from_env({}).metrics and not Settings.from_env({}).metrics_token
    assert not Settings.from_env({"MAWID_METRICS": "off"}).metrics
    token = "a-scrape-token-0123456789"
    assert Settings.from_env({"MAWID_METRICS_TOKEN": token}).metrics_token == token
    for bad in ({"MAWID_METRICS": "maybe"}, {"MAWID_METRICS_TOKEN": "short"}):
        try:
            Settings.from_env(bad)
        except SettingsError:
            continue
        raise AssertionError(f"{bad} was accepted")
