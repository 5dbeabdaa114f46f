"""When a clerk may mark a called ticket as not having come is the office's setting: two recalls and
three minutes unless told otherwise, 0 turning a condition off, and a clear error for the rest."""

from __future__ import annotations

import pytest

from api.live import LiveHall
from api.settings import Settings, SettingsError
from queue_display.no_show import NoShowRule


def test_two_recalls_and_three_minutes_by_default() -> None:
    settings = Settings.from_env({})
    assert (settings.counter_no_show_recalls, settings.counter_no_show_minutes) == (2, 3)


def test_values_from_the_environment_reach_the_hall() -> None:
    settings = Settings.from_env({"MAWID_COUNTER_NO_SHOW_RECALLS": "3", "MAWID_COUNTER_NO_SHOW_MINUTES": "0"})
    assert LiveHall(settings).no_show_rule == NoShowRule(recalls=3, minutes=0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAWID_COUNTER_NO_SHOW_RECALLS", "4"),  # a fourth recall is itself the no-show
        ("MAWID_COUNTER_NO_SHOW_RECALLS", "-1"),
        ("MAWID_COUNTER_NO_SHOW_MINUTES", "61"),
        ("MAWID_COUNTER_NO_SHOW_MINUTES", "2.5"),
    ],
)
def test_a_value_out_of_range_is_refused_with_its_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
