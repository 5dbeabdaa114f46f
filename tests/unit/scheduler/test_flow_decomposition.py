"""Aggregated flows are turned back into people without losing or inventing anyone."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.decompose import hand_out, hand_out_arrays, match, pour, pour_arrays
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


@st.composite
def layer_flows(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Units from sources arriving at nodes 0..n-1, and arcs leaving those nodes that carry
    exactly what arrives (conservation), some of them carrying nothing."""
    nodes = draw(st.integers(1, 5))
    arriving = draw(
        st.lists(st.tuples(st.integers(0, 4), st.integers(0, nodes - 1), st.integers(1, 4)), max_size=12)
    )
    tails: list[int] = []
    flows: list[int] = []
    for node in range(nodes):
        total = sum(count for _, at, count in arriving if at == node)
        while total > 0 or draw(st.booleans()):
            take = draw(st.integers(0, total))
            tails.append(node)
            flows.append(take)
            total -= take
            if total == 0 and draw(st.booleans()):
                break
    order = draw(st.permutations(range(len(tails))))
    return (
        np.asarray([s for s, _, _ in arriving], dtype=np.int64),
        np.asarray([n for _, n, _ in arriving], dtype=np.int64),
        np.asarray([c for _, _, c in arriving], dtype=np.int64),
        np.asarray(tails, dtype=np.int64)[list(order)],
        np.asarray(flows, dtype=np.int64)[list(order)],
    )


@settings(max_examples=200, deadline=None)
@given(layer_flows())
def test_pour_arrays_sends_every_unit_on_through_an_arc_of_its_node(
    case: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> None:
    source, node, count, tails, flows = case

    out_source, arc, out_count = pour_arrays(source, node, count, tails, flows)

    assert (out_count > 0).all()
    # Each arc carries what it was given, and each source sends on what it brought, per node.
    assert np.bincount(arc, weights=out_count, minlength=len(flows)).tolist() == flows.tolist()
    sent: Counter[tuple[int, int]] = Counter()
    for s, a, c in zip(out_source.tolist(), arc.tolist(), out_count.tolist(), strict=True):
        sent[(s, int(tails[a]))] += c
    brought: Counter[tuple[int, int]] = Counter()
    for s, n, c in zip(source.tolist(), node.tolist(), count.tolist(), strict=True):
        brought[(s, n)] += c
    assert sent == brought


def test_pour_arrays_refuses_units_that_have_nowhere_to_go() -> None:
    one = np.asarray([0])
    with pytest.raises(IndexError):
        pour_arrays(one, one, np.asarray([3]), one, np.asarray([2]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=6), st.data())
def test_hand_out_arrays_places_each_groups_earliest_requests(sizes: list[int], data: st.DataObject) -> None:
    members = [f"g{g}-r{i}" for g, size in enumerate(sizes) for i in range(size)]
    places = [data.draw(st.integers(0, size)) for size in sizes]
    rows = [(g, 1, data.draw(st.integers(0, 9))) for g, n in enumerate(places) for _ in range(n)]
    group, count, target = (np.asarray([r[i] for r in rows], dtype=np.int64) for i in range(3))

    placed, left_over = hand_out_arrays(members, np.asarray(sizes), group, count, target)

    assert sorted(r for r, _ in placed) == [f"g{g}-r{i}" for g, n in enumerate(places) for i in range(n)]
    assert sorted(left_over) == sorted(f"g{g}-r{i}" for g, n in enumerate(places) for i in range(n, sizes[g]))
