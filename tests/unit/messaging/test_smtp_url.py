"""``MAWID_SMTP_URL``: smtp:// with or without STARTTLS, smtps://, percent-encoded logins."""

from __future__ import annotations

import pytest

from messaging.email_smtp import SmtpServer


def test_submission_with_starttls_and_a_login() -> None:
    server = SmtpServer.from_url("smtp://user%40x:p%3Ass@mail.example.eg:587?starttls=1")
    assert server == SmtpServer("mail.example.eg", 587, "user@x", "p:ss", use_tls=False, start_tls=True)


def test_implicit_tls_defaults_to_port_465() -> None:
    assert SmtpServer.from_url("smtps://u:p@mail.example.eg") == SmtpServer(
        "mail.example.eg", 465, "u", "p", use_tls=True, start_tls=False
    )


def test_plain_smtp_upgrades_when_offered_unless_told_not_to() -> None:
    assert SmtpServer.from_url("smtp://relay").start_tls is None
    assert SmtpServer.from_url("smtp://relay").port == 25
    assert SmtpServer.from_url("smtp://relay:2525?starttls=0").start_tls is False


@pytest.mark.parametrize(
    "url",
    ["http://mail", "smtp://", "smtp://host:port", "smtp://host?starttls=maybe", "smtps://h?starttls=1"],
)
def test_a_bad_url_says_what_is_wrong(url: str) -> None:
    with pytest.raises(ValueError):
        SmtpServer.from_url(url)
