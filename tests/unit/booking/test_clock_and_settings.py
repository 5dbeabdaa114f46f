from datetime import UTC, datetime
from pathlib import Path

import pytest

from api.settings import Settings, SettingsError
from kernel.clock import ShiftedClock, SystemClock, clock_from_setting


def test_mawid_clock_starts_at_the_given_instant_and_then_runs():
    clock = clock_from_setting("2026-12-06T08:30:00+02:00")
    assert isinstance(clock, ShiftedClock)
    first = clock.now()
    assert first.tzinfo is not None
    assert datetime(2026, 12, 6, 6, 30, tzinfo=UTC) <= first < datetime(2026, 12, 6, 6, 31, tzinfo=UTC)
    assert clock.now() >= first


def test_no_mawid_clock_means_the_system_clock():
    assert isinstance(clock_from_setting(""), SystemClock)


def test_a_mawid_clock_without_offset_is_refused():
    with pytest.raises(ValueError, match="offset"):
        clock_from_setting("2026-12-06T08:30:00")


def test_settings_come_from_the_environment_once():
    settings = Settings.from_env(
        {
            "MAWID_PORT": "9000",
            "MAWID_DEMO": "true",
            "MAWID_DATA_DIR": "/tmp/x",
            "MAWID_REDIS_URL": "redis://r",
        }
    )
    assert settings.port == 9000 and settings.demo and settings.redis_url == "redis://r"
    assert settings.effective_database_url == "sqlite:////tmp/x/mawid.sqlite3"


def test_a_secret_is_required_outside_demo_mode(tmp_path: Path):
    with pytest.raises(SettingsError, match="MAWID_SECRET_KEY"):
        Settings(data_dir=tmp_path).resolved_secret()
    with pytest.raises(SettingsError, match="32"):
        Settings(secret_key="short", data_dir=tmp_path).resolved_secret()


def test_demo_mode_keeps_one_generated_secret_across_restarts(tmp_path: Path):
    first = Settings(demo=True, data_dir=tmp_path).resolved_secret()
    assert len(first) >= 32
    assert Settings(demo=True, data_dir=tmp_path).resolved_secret() == first


def test_a_malformed_port_is_a_clear_settings_error():
    with pytest.raises(SettingsError, match="MAWID_PORT"):
        Settings.from_env({"MAWID_PORT": "eighty"})


def test_scheduled_work_times_are_read_once_and_refused_by_name_when_wrong():
    from datetime import time

    settings = Settings.from_env({"MAWID_BATCH_TIMES": "14:00, 02:00", "MAWID_REMINDER_TIME": "19:30"})
    assert settings.batch_times == (time(2, 0), time(14, 0))
    assert (settings.reminder_time, settings.purge_time) == (time(19, 30), time(3, 30))
    assert Settings.from_env({"MAWID_BATCH_TIMES": ""}).batch_times == ()
    with pytest.raises(SettingsError, match="MAWID_BATCH_TIMES: '2am'"):
        Settings.from_env({"MAWID_BATCH_TIMES": "2am"})
    with pytest.raises(SettingsError, match="MAWID_REMINDER_TIME must be one time"):
        Settings.from_env({"MAWID_REMINDER_TIME": "18:00,19:00"})


def test_the_public_address_is_the_servers_own_unless_set():
    assert Settings.from_env({}).site_url == "http://127.0.0.1:8000"
    assert Settings.from_env({"MAWID_PUBLIC_URL": "https://mawid.moi.gov.eg/"}).site_url == "https://mawid.moi.gov.eg"
    with pytest.raises(SettingsError, match="MAWID_PUBLIC_URL"):
        Settings.from_env({"MAWID_PUBLIC_URL": "mawid.moi.gov.eg"})


def test_mobiles_are_verified_unless_the_environment_says_off():
    assert Settings.from_env({}).phone_verification  # demo mode and production alike
    assert Settings.from_env({"MAWID_DEMO": "1"}).phone_verification
    assert not Settings.from_env({"MAWID_PHONE_VERIFICATION": "off"}).phone_verification
    assert not Settings().phone_verification  # settings built in code: the one-step booking
    with pytest.raises(SettingsError, match="MAWID_PHONE_VERIFICATION"):
        Settings.from_env({"MAWID_PHONE_VERIFICATION": "sometimes"})
