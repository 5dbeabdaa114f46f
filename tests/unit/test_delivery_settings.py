"""The delivery settings: where SMS and e-mails go, how often to try, and mistakes said clearly."""

from __future__ import annotations

import pytest

from api.settings import Settings, SettingsError


def test_by_default_the_server_delivers_and_nothing_is_configured() -> None:
    settings = Settings.from_env({})
    assert (settings.sender, settings.sms_url, settings.smtp_url) == ("inline", "", "")
    assert (settings.delivery_attempts, settings.delivery_concurrency) == (8, 16)


def test_a_gateway_and_a_mail_server_are_read() -> None:
    settings = Settings.from_env(
        {
            "MAWID_SENDER": "off",
            "MAWID_SMS_URL": "https://sms.example.eg/send",
            "MAWID_SMS_TOKEN": "t0ken",
            "MAWID_SMTP_URL": "smtp://u:p@mail.example.eg:587?starttls=1",
            "MAWID_MAIL_FROM": "mawid@example.gov.eg",
            "MAWID_DELIVERY_ATTEMPTS": "3",
            "MAWID_DELIVERY_CONCURRENCY": "64",
        }
    )
    assert (settings.sender, settings.sms_token, settings.mail_from) == (
        "off",
        "t0ken",
        "mawid@example.gov.eg",
    )
    assert (settings.delivery_attempts, settings.delivery_concurrency) == (3, 64)


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"MAWID_SENDER": "sometimes"}, "MAWID_SENDER"),
        ({"MAWID_SMS_URL": "ftp://sms"}, "MAWID_SMS_URL"),
        ({"MAWID_SMS_URL": "https://sms.example.eg/send"}, "MAWID_SMS_TOKEN"),
        ({"MAWID_SMTP_URL": "mail.example.eg"}, "MAWID_SMTP_URL"),
        ({"MAWID_SMTP_URL": "smtp://mail.example.eg"}, "MAWID_MAIL_FROM"),
        ({"MAWID_DELIVERY_ATTEMPTS": "0"}, "MAWID_DELIVERY_ATTEMPTS"),
        ({"MAWID_DELIVERY_CONCURRENCY": "many"}, "MAWID_DELIVERY_CONCURRENCY"),
    ],
)
def test_a_mistake_names_the_setting(env: dict[str, str], says: str) -> None:
    with pytest.raises(SettingsError, match=says):
        Settings.from_env(env)
