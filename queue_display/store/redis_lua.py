"""The Redis store's Lua scripts: each operation runs as one script, so it is atomic across
every server process sharing the Redis.

The scripts are ``.lua`` files in ``lua/`` beside this module (package data, so an installed
package has them), read once at import; ``library.lua`` holds the functions the office scripts
share and is put in front of each of them (a Redis script cannot import another).

KEYS[1] is the office's base key ``<prefix>:{<office_id>}``; every key a script touches starts
with it, so all of an office's keys share one Redis Cluster hash slot and a script never crosses
slots. Layout under the base::

    :live                     STRING  the office's generation: set by RESTORE, gone with the
                                      state (a Redis restarted empty); no live key, no step
    :restoring                STRING  the restore lock (SET NX PX), held by one process
    :seq                      INCR    the office's last event seq
    :events                   LIST    last N events (JSON), oldest first
    :counters                 HASH    counter id → CounterState JSON
    :samples                  HASH    service → JSON list of recent service seconds
    :ticket:<id>              STRING  ticket JSON (expires after two days)
    :<day>:sequence           INCR    the day's ticket sequence, for a store not attached to
                                      the database (which numbers tickets in production)
    :<day>:checkins           HASH    booking code → ticket id (HSETNX: one check-in a day)
    :<day>:services           SET     services queued that day (for the waiting counts)
    :<day>:waiting:<service>  ZSET    due tickets, score = policy score, member = policy member
    :<day>:early:<service>    ZSET    appointments before their slot, score = due epoch ms
    :<day>:early_scores       HASH    member → policy score, to promote an early ticket when due
    :<day>:holding            HASH    counter → id of the ticket called or served there
    :<day>:recent             LIST    the last calls (JSON), newest first
    :<day>:parked             HASH    id → number of the parked tickets (the board lists them)

Sorted sets order equal scores by the member's bytes, and the member starts with the
zero-padded sequence, so ``ZRANGE 0 0`` gives exactly ``CallPolicy.key``'s minimum. The only
time-dependent part of the policy, "an appointment is not due before its slot", is handled by
``promote``: early appointments move into the waiting set once ``due ≤ now``.

Every script that reads or changes an office first checks its ``:live`` key and answers
``lost`` without touching anything when it is missing: Redis lost the office (or never had it),
and the store takes the day up from the archive before trying again. ``RESTORE`` does that, and
only for an office that is not live, so a late or stale account never sets a live office back;
it writes ``:live`` last, in the same script.

Events arrive from Python as JSON text without ``seq``; ``log`` splices the seq (and, for
``queue`` events, the waiting counts) into the text, so the bytes the screens see are Python's.
"""

from __future__ import annotations

from importlib.resources import files


def _script(name: str) -> str:
    """The text of ``lua/<name>.lua`` beside this module."""
    return (files(__package__) / "lua" / f"{name}.lua").read_text(encoding="utf-8")


def _office_script(name: str) -> str:
    """An office script with the shared functions in front of it."""
    return _LIBRARY + "\n" + _script(name)


_LIBRARY = _script("library")

ISSUE = _office_script("issue")
CALL_NEXT = _office_script("call_next")
COMMIT = _office_script("commit")
SET_COUNTER = _office_script("set_counter")
BOARD = _office_script("board")
POSITION = _office_script("position")
RESTORE = _office_script("restore")
EVENTS = _office_script("events")
ESTIMATE_INPUTS = _script("estimate_inputs")
RELEASE = _script("release")
