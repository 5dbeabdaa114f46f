"""The message inviting feedback, in each language: the link whole, the days counted as a reader
counts them, and the Arabic SMS within two UCS-2 segments (134 characters) even with a long
public address."""

from __future__ import annotations

import pytest

from feedback.invitations import feedback_link, new_token
from feedback.notice import days_text, invitation_text

LONG_ADDRESS = "https://mawid-appointments.moi.gov.eg"  # longer than any address we expect
SMS_TWO_UCS2_SEGMENTS = 134


@pytest.mark.parametrize("days", [1, 2, 3, 7, 10, 11, 14, 30, 90])
def test_the_arabic_invitation_fits_two_sms_segments_with_its_link_whole(days):
    link = feedback_link(LONG_ADDRESS, new_token(), "ar")
    text = invitation_text(link, days, "ar")
    assert link in text  # the token keeps its Latin letters and digits
    assert len(text.encode("utf-16-le")) // 2 <= SMS_TWO_UCS2_SEGMENTS, (len(text), text)


def test_the_english_invitation_says_what_to_do_and_for_how_long():
    link = feedback_link(LONG_ADDRESS, "T" * 22, "en")
    assert invitation_text(link, 7, "en") == (
        f"Thank you for your visit. How did it go? Rate it from 1 to 5 within 7 days: {link}"
    )


@pytest.mark.parametrize(
    ("days", "arabic", "english"),
    [
        (1, "يوم واحد", "1 day"),
        (2, "يومين", "2 days"),
        (7, "٧ أيام", "7 days"),
        (11, "١١ يومًا", "11 days"),
        (90, "٩٠ يومًا", "90 days"),
    ],
)
def test_days_are_counted_as_each_language_counts_them(days, arabic, english):
    assert (days_text(days, "ar"), days_text(days, "en")) == (arabic, english)
