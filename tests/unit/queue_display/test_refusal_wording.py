"""A step the hall cannot take is refused in words a clerk reads at the counter, in both
languages: no internal status or action names in the Arabic."""

from __future__ import annotations

import re

import pytest

from queue_display import errors
from queue_display.ticket import ACTIONS, TicketStatus

LATIN = re.compile("[A-Za-z_]{3,}")


@pytest.mark.parametrize("status", list(TicketStatus))
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_a_refused_step_names_the_status_and_the_action_in_each_language(status, action):
    refused = errors.illegal_transition("C-004", status.value, action)
    assert refused.code == "illegal_transition"
    assert "C-004" in refused.detail_en and "C-004" in refused.detail_ar
    assert not LATIN.search(refused.detail_ar.replace("C-004", "")), refused.detail_ar
    assert "_" not in refused.detail_en, refused.detail_en
