"""The staffing advice's service level is a setting: 80 % called within 15 minutes unless told
otherwise, and a clear error naming the setting for a value that means nothing."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError


def test_eighty_percent_within_fifteen_minutes_by_default() -> None:
    settings = Settings.from_env({})
    assert (settings.service_level_target, settings.service_level_minutes) == (0.8, 15.0)


def test_values_from_the_environment_are_read() -> None:
    settings = Settings.from_env({"MAWID_SERVICE_LEVEL_TARGET": "0.9", "MAWID_SERVICE_LEVEL_MINUTES": "20"})
    assert (settings.service_level_target, settings.service_level_minutes) == (0.9, 20.0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAWID_SERVICE_LEVEL_TARGET", "1"),  # everyone at once: no number of counters promises it
        ("MAWID_SERVICE_LEVEL_TARGET", "0"),
        ("MAWID_SERVICE_LEVEL_TARGET", "80%"),
        ("MAWID_SERVICE_LEVEL_MINUTES", "0"),
        ("MAWID_SERVICE_LEVEL_MINUTES", "a quarter"),
    ],
)
def test_a_value_out_of_range_is_refused_with_its_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
