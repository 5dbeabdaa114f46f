"""A posted message becomes one delivery per channel, each with its own id; addresses are masked
for managers."""

from __future__ import annotations

import itertools

from messaging.outbox import EMAIL, SMS, OutboxMessage, about, deliveries_of, masked, new_delivery_id

MESSAGE = OutboxMessage(kind="booking_moved", phone="+201012345678", lang="en", message="Your booking moved.")


def test_a_message_with_a_mobile_only_is_one_sms() -> None:
    (sms,) = deliveries_of(MESSAGE)
    assert (sms.channel, sms.address, sms.text, sms.subject) == (
        SMS,
        "+201012345678",
        "Your booking moved.",
        None,
    )


def test_a_message_with_an_email_address_is_also_an_email_with_a_subject_in_its_language() -> None:
    ids = (f"{n:032x}" for n in itertools.count(1))
    both = OutboxMessage(
        kind="booking_moved", phone="+201012345678", lang="ar", message="نُقل حجزك.", email="mona@example.com"
    )
    sms, email = deliveries_of(both, lambda: next(ids))
    assert (email.channel, email.address, email.text, email.phone) == (
        EMAIL,
        "mona@example.com",
        "نُقل حجزك.",
        both.phone,
    )
    assert email.subject == "موعد: بخصوص موعدك"
    assert sms.delivery_id != email.delivery_id


def test_an_email_may_say_more_under_its_own_subject() -> None:
    longer = OutboxMessage(
        kind="k",
        phone="+201012345678",
        lang="en",
        message="short",
        email="a@b.eg",
        subject="S",
        email_text="long",
    )
    (_, email) = deliveries_of(longer)
    assert (email.subject, email.text) == ("S", "long")


def test_a_delivery_id_is_32_hex_digits_and_fresh_each_time() -> None:
    ids = {new_delivery_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(len(i) == 32 and int(i, 16) >= 0 for i in ids)


def test_a_message_names_its_office_once() -> None:
    assert about(MESSAGE, "giza-passports").office_id == "giza-passports"
    named = about(MESSAGE, "giza-passports")
    assert about(named, "cairo-immigration").office_id == "giza-passports"


def test_a_manager_sees_a_mobiles_last_four_digits_and_an_addresses_first_letter_and_domain() -> None:
    assert masked("+201012345678") == "•••••••••5678"
    assert masked("mona@example.com") == "m…@example.com"
