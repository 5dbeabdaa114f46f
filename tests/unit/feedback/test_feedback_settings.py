"""``MAWID_FEEDBACK_DAYS`` and ``MAWID_PUBLIC_URL``: read once, checked, documented defaults."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError

BASE = {"MAWID_DEMO": "1"}


def test_links_last_a_week_and_are_paths_unless_set():
    settings = Settings.from_env(BASE)
    assert (settings.feedback_days, settings.public_url) == (7, "")


def test_the_validity_and_the_public_address_are_taken_as_given():
    settings = Settings.from_env(
        {**BASE, "MAWID_FEEDBACK_DAYS": "14", "MAWID_PUBLIC_URL": " https://mawid.example.eg/ "}
    )
    assert (settings.feedback_days, settings.public_url) == (14, "https://mawid.example.eg")


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
