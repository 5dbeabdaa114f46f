"""The key of a ticket's live page: an HMAC of the ticket id, nothing stored."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from queue_display.status_link import StatusLinks

SECRET = "a-test-secret-that-is-long-enough-0123456789"


@given(ticket_id=st.text(max_size=40), key=st.one_of(st.none(), st.text(max_size=40)))
def test_a_key_opens_only_its_own_ticket_whatever_is_typed(ticket_id: str, key: str | None) -> None:
    links = StatusLinks(SECRET)
    assert links.opens(ticket_id, links.key(ticket_id))
    assert links.opens(ticket_id, key) == (key is not None and key.strip() == links.key(ticket_id))


def test_another_secret_makes_other_keys_and_the_path_carries_the_key() -> None:
    links, other = StatusLinks(SECRET), StatusLinks("another-secret-that-is-long-enough-012345678")
    assert not other.opens("abc", links.key("abc"))
    assert len(links.key("abc")) == 22  # 128 bits, URL-safe
    assert links.path("abc", "en") == f"/t/abc?k={links.key('abc')}&lang=en"
