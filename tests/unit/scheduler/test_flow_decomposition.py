"""Aggregated flows are turned back into people without losing or inventing anyone."""

from __future__ import annotations

import numpy as np
import pytest

from scheduler.decompose import hand_out, match, pour
from scheduler.regions import label_regions
from scheduler.solution import Assignment


def test_match_pairs_arriving_and_leaving_units_in_order() -> None:
    pairs = match([("a", 3), ("b", 2)], [("x", 1), ("y", 4)])

    assert pairs == [("a", "x", 1), ("a", "y", 2), ("b", "y", 2)]


def test_match_refuses_units_that_have_nowhere_to_go() -> None:
    with pytest.raises(IndexError):
        match([("a", 3)], [("x", 2)])


def test_pour_pushes_each_nodes_arrivals_through_its_exits() -> None:
    arriving = {"window": [("g1", 2), ("g2", 1)]}
    leaving = {"window": [("sun", 1), ("mon", 2)]}

    assert pour(arriving, leaving) == {"sun": [("g1", 1)], "mon": [("g1", 1), ("g2", 1)]}


def test_regions_split_a_network_where_only_the_sink_is_shared() -> None:
    # 0-1-sink and 2-3-sink share nothing but the sink (4); node 5 stands alone.
    tails = np.array([0, 1, 2, 3])
    heads = np.array([1, 4, 3, 4])

    label = label_regions(tails, heads, 6, shared=4)

    assert label[0] == label[1]
    assert label[2] == label[3]
    assert label[0] != label[2]
    assert len({int(x) for x in label}) == 4


def test_regions_join_a_long_chain_into_one() -> None:
    n = 1000
    tails = np.arange(n - 1)[::-1].copy()
    heads = tails + 1

    assert len(set(label_regions(tails, heads, n, shared=-1).tolist())) == 1


def test_hand_out_gives_places_to_the_earliest_requests_of_each_group() -> None:
    members = {"g": ["r1", "r2", "r3"], "h": ["r4"]}
    arrivals = {"nine": [("g", 1)], "ten": [("g", 1), ("h", 1)]}

    assignments, left_over = hand_out(members, arrivals)

    assert sorted(assignments, key=lambda a: a.request_id) == [
        Assignment("r1", "nine"),
        Assignment("r2", "ten"),
        Assignment("r4", "ten"),
    ]
    assert left_over == ["r3"]
