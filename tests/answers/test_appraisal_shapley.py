"""Shapley arithmetic on games whose shares are known by hand (no network involved)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from wuzhen_geo.answers import shapley


def _table(n: int, value) -> dict[frozenset[int], np.ndarray]:
    return {c: np.array([float(value(c))]) for c in shapley.exact_coalitions(n)}


def test_majority_game_splits_equally():
    # Any two of three players win 1: by symmetry each gets a third.
    values = _table(3, lambda c: 1 if len(c) >= 2 else 0)
    assert shapley.exact_shapley(3, values)[:, 0] == pytest.approx([1 / 3] * 3)


def test_glove_game_known_shares():
    # Player 0 holds a left glove, players 1 and 2 a right one; a pair is worth 1. The textbook shares are
    # 2/3 for the scarce glove and 1/6 for each of the others.
    values = _table(3, lambda c: 1 if 0 in c and (1 in c or 2 in c) else 0)
    assert shapley.exact_shapley(3, values)[:, 0] == pytest.approx([2 / 3, 1 / 6, 1 / 6])


def test_sampled_orders_are_efficient_and_null_players_get_zero():
    # Player 3 never changes the value (a null player); the others add their own weight, plus 5 for 0 and 1
    # together.
    weights = [1.0, 2.0, 4.0, 0.0, 8.0]
    values = _table(5, lambda c: sum(weights[i] for i in c) + (5 if {0, 1} <= c else 0))
    orders = shapley.sampled_permutations(5, 7, seed=3)
    mean, se = shapley.sampled_shapley(orders, values)
    assert mean[:, 0].sum() == pytest.approx(values[frozenset(range(5))][0] - values[frozenset()][0])
    assert mean[3, 0] == 0 and se[3, 0] == 0
    assert mean[2, 0] == pytest.approx(4.0) and se[2, 0] == pytest.approx(0.0)  # additive: no spread


@pytest.mark.parametrize("seed", range(8))
def test_one_antithetic_pair_makes_a_two_player_interaction_exact(seed):
    """The Projects page's case: the airport hub is worth nothing alone, the water-town line 0.43, both 3.48
    (seven other projects change nothing). Four independent orders put the line before the hub in all four
    often enough (1 in 8) to rank the hub first with an error of 0; an order and its reverse see both ways."""
    values = _table(9, lambda c: -3.48 if {0, 1} <= c else -0.43 if 1 in c else 0.0)
    exact = shapley.exact_shapley(9, values)[:, 0]
    for samples in (2, 4):
        orders = shapley.sampled_permutations(9, samples, seed=seed)
        assert (orders[1] == orders[0][::-1]).all()
        mean, se = shapley.sampled_shapley(orders, values)
        assert mean[:, 0] == pytest.approx(exact)
        assert mean[0, 0] == pytest.approx(-1.525) and mean[1, 0] == pytest.approx(-1.955)
    assert np.isnan(shapley.sampled_shapley(shapley.sampled_permutations(9, 2, seed=seed), values)[1]).all()


def test_the_error_is_that_of_the_pairs():
    values = _table(4, lambda c: float(len(c) >= 2))  # a majority-like game: shares vary with the order
    orders = shapley.sampled_permutations(4, 6, seed=5)
    mean, se = shapley.sampled_shapley(orders, values)
    changes = np.array([[values[frozenset(o[:k + 1])][0] - values[frozenset(o[:k])][0]
                         for k in range(4)] for o in orders])
    by_player = np.zeros((6, 4))
    for row, order in enumerate(orders):
        by_player[row, order] = changes[row]
    pairs = by_player.reshape(3, 2, 4).mean(axis=1)
    assert se[:, 0] == pytest.approx(pairs.std(axis=0, ddof=1) / np.sqrt(3))


def test_larger_sample_starts_with_the_smaller_one():
    small = shapley.sampled_permutations(6, 5, seed=11)
    large = shapley.sampled_permutations(6, 40, seed=11)
    assert (large[:5] == small).all()
    assert set(shapley.permutation_coalitions(small)) <= set(shapley.permutation_coalitions(large))


def test_add_drop_and_interactions_of_complements():
    # 0 and 1 are worth 10 only together; 2 is worth 3 alone.
    values = _table(3, lambda c: (10 if {0, 1} <= c else 0) + (3 if 2 in c else 0))
    assert shapley.add_one(3, values)[:, 0] == pytest.approx([0, 0, 3])
    assert shapley.drop_one(3, values)[:, 0] == pytest.approx([10, 10, 3])
    found = shapley.interactions(3, values)
    assert found[(0, 1)][0][0] == pytest.approx(10) and found[(0, 1)][1][0] == pytest.approx(10)
    assert found[(0, 2)][0][0] == pytest.approx(0) and found[(1, 2)][1][0] == pytest.approx(0)


def test_missing_coalition_is_named():
    known = {frozenset(): np.zeros(1), frozenset({0}): np.zeros(1), frozenset({1}): np.zeros(1)}
    with pytest.raises(KeyError, match=r"\[0, 1\] was not evaluated"):
        shapley.interactions(2, known)


def test_exact_coalitions_are_every_subset_once():
    found = shapley.exact_coalitions(4)
    assert len(found) == len(set(found)) == 16
    assert set(found) == {frozenset(c) for k in range(5) for c in itertools.combinations(range(4), k)}
