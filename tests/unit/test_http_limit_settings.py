"""The HTTP deadlines and the connection cap are read from the environment, with defaults that
leave ``make run`` and demo mode unchanged, and a clear error for a malformed value."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError


def test_defaults_when_unset() -> None:
    settings = Settings.from_env({})
    assert (settings.http_header_timeout, settings.http_body_timeout) == (10.0, 20.0)
    assert settings.max_connections == 1000


def test_values_from_the_environment() -> None:
    settings = Settings.from_env(
        {"MAWID_HTTP_HEADER_TIMEOUT": "2.5", "MAWID_HTTP_BODY_TIMEOUT": "30", "MAWID_MAX_CONNECTIONS": "64"}
    )
    assert (settings.http_header_timeout, settings.http_body_timeout) == (2.5, 30)
    assert settings.max_connections == 64


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAWID_HTTP_HEADER_TIMEOUT", "ten"),
        ("MAWID_HTTP_HEADER_TIMEOUT", "0"),
        ("MAWID_HTTP_BODY_TIMEOUT", "nan"),
        ("MAWID_HTTP_BODY_TIMEOUT", "86400"),
        ("MAWID_MAX_CONNECTIONS", "0"),
        ("MAWID_MAX_CONNECTIONS", "1e3"),
    ],
)
def test_a_malformed_value_names_the_setting(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
