"""A closure's impact counts bookings: a chain (one trip, several services) is one booking, affected
when any of its visits is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from planning.closure_impact import bookings_over

NINE = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
CERT = ("giza", "criminal-record-certificate", NINE)
PASSPORT = ("giza", "passport-new", NINE + timedelta(minutes=15))
SINGLE = ("giza", "passport-new", NINE + timedelta(hours=1))


def test_a_chain_shut_out_of_both_its_slots_counts_once() -> None:
    assert bookings_over({CERT: 1, PASSPORT: 1}, [(CERT, PASSPORT)]) == 1


def test_a_chain_counts_when_only_its_second_visit_is_over() -> None:
    assert bookings_over({CERT: 0, PASSPORT: 1}, [(CERT, PASSPORT)]) == 1


def test_a_chain_with_no_visit_over_does_not_count_and_seats_over_elsewhere_do() -> None:
    assert bookings_over({SINGLE: 2, PASSPORT: -1}, [(CERT, PASSPORT)]) == 2


def test_a_chain_leaving_frees_one_seat_in_each_over_full_slot_it_holds() -> None:
    # Two seats over at 9:15: the chain's and a single booking's; one over at 9:00, the chain's.
    assert bookings_over({CERT: 1, PASSPORT: 2}, [(CERT, PASSPORT)]) == 2
