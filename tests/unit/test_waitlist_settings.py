"""The waitlist's offer time and the reconfirmation's services and window are settings: 30 minutes
and 10-3 days unless told otherwise, no service reconfirmed outside demo mode (passport renewal in
it), and a clear error naming the setting for a value that means nothing."""

from __future__ import annotations

import pytest

from api.composition import reconfirm_policy
from api.identity_rules import churn_rules
from api.settings import Settings, SettingsError


def test_offers_hold_thirty_minutes_and_nothing_is_reconfirmed_by_default() -> None:
    settings = Settings.from_env({})
    assert churn_rules(settings).offer_minutes == 30.0
    assert settings.reconfirm_services == () and settings.reconfirm_window_days == (10, 3)
    assert Settings.from_env({"MAWID_DEMO": "1"}).reconfirm_services == ("passport-renewal",)


def test_values_from_the_environment_are_read() -> None:
    settings = Settings.from_env(
        {
            "MAWID_WAITLIST_OFFER_MINUTES": "0",
            "MAWID_RECONFIRM_SERVICES": "passport-renewal, driving-licence-renewal",
            "MAWID_RECONFIRM_WINDOW": "7-2",
        }
    )
    policy = reconfirm_policy(settings)
    assert churn_rules(settings).offer_minutes == 0.0
    assert policy.services == {"passport-renewal", "driving-licence-renewal"}
    assert (policy.ask_days, policy.until_days) == (7, 2)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAWID_WAITLIST_OFFER_MINUTES", "half an hour"),
        ("MAWID_WAITLIST_OFFER_MINUTES", "-5"),
        ("MAWID_RECONFIRM_SERVICES", "passport-renewal,passports"),
        ("MAWID_RECONFIRM_WINDOW", "3-10"),  # asked after the deadline
        ("MAWID_RECONFIRM_WINDOW", "10"),
    ],
)
def test_a_value_that_means_nothing_is_refused_naming_the_setting(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
