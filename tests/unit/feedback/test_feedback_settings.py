"""``MAWID_FEEDBACK_DAYS``: read once, checked, documented default (``MAWID_PUBLIC_URL``, which
starts the link, is tested with the other settings)."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError

BASE = {"MAWID_DEMO": "1"}


def test_links_last_a_week_unless_set():
    assert Settings.from_env(BASE).feedback_days == 7


def test_the_validity_is_taken_as_given():
    assert Settings.from_env({**BASE, "MAWID_FEEDBACK_DAYS": " 14 "}).feedback_days == 14


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAWID_FEEDBACK_DAYS", "0"),
        ("MAWID_FEEDBACK_DAYS", "91"),
        ("MAWID_FEEDBACK_DAYS", "a week"),
        ("MAWID_PUBLIC_URL", "mawid.example.eg"),
        ("MAWID_PUBLIC_URL", "ftp://mawid.example.eg"),
    ],
)
def test_a_bad_value_is_refused_naming_the_setting(name, value):
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({**BASE, name: value})
