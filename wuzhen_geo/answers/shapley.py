"""Fair shares of a change among the players that make it: Shapley values, add-one, drop-one, interactions.

Pure arithmetic on a value function given as a table: ``values[coalition]`` is a vector (one entry per
indicator) for each coalition (a ``frozenset`` of player indices ``0 … n-1``) that was evaluated. The functions
that plan a sweep (:func:`exact_coalitions`, :func:`sampled_permutations`, :func:`permutation_coalitions`,
:func:`edge_coalitions`) say which coalitions are needed; the functions that read the table
(:func:`exact_shapley`, :func:`sampled_shapley`, :func:`add_one`, :func:`drop_one`, :func:`interactions`)
turn the evaluated values into shares.

* Shapley value of player *i*: the mean, over every order in which the players could be added, of the change
  that adding *i* makes. Exact by enumerating every coalition (:func:`exact_shapley`, 2**n evaluations), or
  estimated from sampled orders in antithetic pairs (:func:`sampled_shapley`) with the standard error of
  that mean. Either way the shares add up to ``v(all) - v(none)`` exactly (each order's changes telescope), and a player whose
  presence never changes a value gets exactly zero.
* add-one: ``v({i}) - v({})``; drop-one: ``v(all) - v(all - {i})``.
* interaction of *i* and *j*: what the pair is worth beyond its parts, measured at both ends:
  ``v({i, j}) - v({i}) - v({j}) + v({})`` (on top of the base) and
  ``v(all) - v(all - {i}) - v(all - {j}) + v(all - {i, j})`` (within the full set).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping

import numpy as np

__all__ = [
    "Coalition",
    "add_one",
    "drop_one",
    "edge_coalitions",
    "exact_coalitions",
    "exact_shapley",
    "interaction_coalitions",
    "interactions",
    "permutation_coalitions",
    "sampled_permutations",
    "sampled_shapley",
]

Coalition = frozenset[int]
Values = Mapping[Coalition, np.ndarray]


def exact_coalitions(n: int) -> list[Coalition]:
    """Every coalition of ``n`` players (``2**n``), smallest first."""
    players = range(n)
    return [frozenset(c) for size in range(n + 1) for c in itertools.combinations(players, size)]


def edge_coalitions(n: int) -> list[Coalition]:
    """What add-one and drop-one need: none, all, each player alone, all but each player."""
    full = frozenset(range(n))
    return [frozenset(), full, *(frozenset({i}) for i in range(n)), *(full - {i} for i in range(n))]


def interaction_coalitions(n: int) -> list[Coalition]:
    """What :func:`interactions` needs beyond :func:`edge_coalitions`: each pair alone, all but each pair."""
    full = frozenset(range(n))
    pairs = list(itertools.combinations(range(n), 2))
    return [*(frozenset(p) for p in pairs), *(full - set(p) for p in pairs)]


def sampled_permutations(n: int, samples: int, *, seed: int = 0) -> np.ndarray:
    """``samples`` orders of ``n`` players (rows), reproducible by ``seed``: random orders each followed by its
    reverse (antithetic pairs; an odd ``samples`` ends with an order without its reverse).

    In an order and its reverse every pair of players meets once each way round, so a share that comes from
    the interaction of two players is exact from one pair, where independent orders need many to see both
    (Mitchell et al., "Sampling permutations for Shapley value estimation", JMLR 2022, on antithetic orders).
    The orders are drawn one after the other from one generator, so a larger sample with the same seed starts
    with the orders of a smaller one (and reuses their evaluations).
    """
    rng = np.random.default_rng(seed)
    rows: list[np.ndarray] = []
    while len(rows) < int(samples):
        order = rng.permutation(n)
        rows += [order, order[::-1].copy()]
    return np.array(rows[:int(samples)], dtype=int).reshape(int(samples), n)


def permutation_coalitions(orders: np.ndarray) -> list[Coalition]:
    """The coalitions an estimate from ``orders`` evaluates: every prefix of every order, each once."""
    seen: dict[Coalition, None] = {}
    for order in orders:
        for k in range(len(order) + 1):
            seen.setdefault(frozenset(int(p) for p in order[:k]), None)
    return list(seen)


def _value(values: Values, coalition: Iterable[int]) -> np.ndarray:
    key = frozenset(coalition)
    try:
        return np.asarray(values[key], dtype=float)
    except KeyError:
        raise KeyError(f"coalition {sorted(key)} was not evaluated; plan it with the *_coalitions functions") from None


def exact_shapley(n: int, values: Values) -> np.ndarray:
    """Shapley values (``n`` × indicators) from the values of every coalition (:func:`exact_coalitions`)."""
    width = len(_value(values, ()))
    shares = np.zeros((n, width))
    for i in range(n):
        others = [p for p in range(n) if p != i]
        for size in range(n):
            weight = math.factorial(size) * math.factorial(n - size - 1) / math.factorial(n)
            for c in itertools.combinations(others, size):
                shares[i] += weight * (_value(values, (*c, i)) - _value(values, c))
    return shares


def sampled_shapley(orders: np.ndarray, values: Values) -> tuple[np.ndarray, np.ndarray]:
    """Shapley values estimated from sampled ``orders`` (:func:`sampled_permutations`): the mean change each
    player makes when it joins the players before it, and the standard error of that mean (``n`` ×
    indicators each).

    The independent draws are the antithetic pairs (an order followed by its reverse), not the single orders:
    the error is that of the pairs' means (a trailing order without its reverse counts as one draw), and
    ``nan`` with fewer than two draws.
    """
    orders = np.asarray(orders, dtype=int)
    m, n = orders.shape
    width = len(_value(values, ()))
    changes = np.zeros((m, n, width))
    for row, order in enumerate(orders):
        before = _value(values, ())
        for k, player in enumerate(order):
            after = _value(values, order[:k + 1])
            changes[row, player] = after - before
            before = after
    mean = changes.mean(axis=0)
    draws, row = [], 0
    while row < m:
        paired = row + 1 < m and (orders[row + 1] == orders[row][::-1]).all()
        draws.append(changes[row:row + 2].mean(axis=0) if paired else changes[row])
        row += 2 if paired else 1
    if len(draws) < 2:
        return mean, np.full_like(mean, np.nan)
    return mean, np.stack(draws).std(axis=0, ddof=1) / math.sqrt(len(draws))


def add_one(n: int, values: Values) -> np.ndarray:
    """``v({i}) - v({})`` for each player (``n`` × indicators)."""
    base = _value(values, ())
    return np.array([_value(values, {i}) - base for i in range(n)]).reshape(n, len(base))


def drop_one(n: int, values: Values) -> np.ndarray:
    """``v(all) - v(all - {i})`` for each player (``n`` × indicators)."""
    full = frozenset(range(n))
    top = _value(values, full)
    return np.array([top - _value(values, full - {i}) for i in range(n)]).reshape(n, len(top))


def interactions(n: int, values: Values) -> dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]:
    """For each pair ``(i, j)``, ``i < j``: its interaction on top of the base and within the full set (see the
    module docstring; positive = the pair is worth more together, for an indicator where more is more)."""
    full = frozenset(range(n))
    none = _value(values, ())
    top = _value(values, full)
    out: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
    for i, j in itertools.combinations(range(n), 2):
        at_base = _value(values, {i, j}) - _value(values, {i}) - _value(values, {j}) + none
        at_full = top - _value(values, full - {i}) - _value(values, full - {j}) + _value(values, full - {i, j})
        out[(i, j)] = (at_base, at_full)
    return out
