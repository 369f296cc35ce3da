"""Which projects matter: every plan project appraised over many scenarios (:func:`appraise`).

The *players* are plan projects (by default every modelled project of ``projects.yaml`` that is not yet open
in the chosen year) and, optionally, a planner's own edits (an added link together with the later edits that
change it is one player; each other edit is one). A *coalition* of players is a scenario: the base network of
the year with those projects switched on and those edits applied. Each coalition's network is measured
(:mod:`wuzhen_geo.answers.appraisal_indicators`) in a sweep (:mod:`wuzhen_geo.answers.sweep`: cached on
disk, serial or on Dask), and the records give, per player and indicator (:mod:`wuzhen_geo.answers.shapley`):

* ``add_one``: the change the player makes alone on top of the base;
* ``drop_one``: what is lost when the player alone is left out of the full set;
* ``shapley`` ± ``shapley_se``: its fair share of the change from the base to the full set, exact for up to
  :data:`EXACT_MAX_PLAYERS` players (every coalition), else estimated from ``samples`` orders (random, each
  followed by its reverse: :func:`~wuzhen_geo.answers.shapley.sampled_permutations`) with the standard error of
  the estimate. The shares add up exactly to ``full - base`` for every indicator;
* pairwise interactions: what a pair is worth beyond its two parts, on top of the base and within the full
  set ("worth 12 min more with 沪乍杭").

Changes are in the indicator's own unit and sign (minutes: negative = faster); ``gain`` turns them the way
the indicator is better (minutes saved, pairs or km added), and ``rank`` orders the players by it.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from wuzhen_geo.answers import shapley
from wuzhen_geo.answers.appraisal_indicators import CITY_ORIGIN, Measure, access_measures, indicator_catalogue, \
    indicator_ids, indicator_spec
from wuzhen_geo.answers.planning import edit_title
from wuzhen_geo.answers.sweep import Progress, ResultCache, SweepStats, data_fingerprint, default_cache_dir, \
    run_sweep, scenario_key
from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import ScenarioError, WuzhenGeoError
from wuzhen_geo.model import DEFAULT_CONFIG, TODAY, AddLink, Edit, ModelConfig, Scenario, active_features
from wuzhen_geo.vocabulary import TRAVEL_MODES

__all__ = [
    "APP_SAMPLES",
    "APP_SAMPLES_MAX",
    "DEFAULT_INDICATORS",
    "DEFAULT_SAMPLES",
    "EXACT_MAX_PLAYERS",
    "SAMPLES_RANGE",
    "Appraisal",
    "Player",
    "appraisal_players",
    "appraise",
    "coalition_scenario",
    "default_projects",
]

#: Up to this many players every coalition is evaluated (2**8 = 256 scenarios); beyond, orders are sampled.
EXACT_MAX_PLAYERS = 8
#: Random orders sampled by default: about 20 x 9 scenarios for the shipped plan's nine projects, a few
#: minutes on two cores the first time, with standard errors a fraction of the larger shares.
DEFAULT_SAMPLES = 20
#: Orders a sample may have: two for a standard error at all; 5,000 orders of 20 projects are 100,000
#: scenarios, days of work on one machine.
SAMPLES_RANGE = (2, 5000)
#: The app's sample: 4 orders by default (about 50 scenarios for nine projects, under a minute the first time on
#: two cores, from the disk cache after), at most 50 (a few hundred scenarios: beyond, use the command line).
APP_SAMPLES = 4
APP_SAMPLES_MAX = 50
#: At most this many players (pairwise interactions alone take n*(n-1) scenarios).
MAX_PLAYERS = 40
#: Indicators shown by default: the zones' mean minutes to each centre and airport, Tongxiang city centre's
#: minutes, the plan targets met, the km in Tongxiang, people and GDP within 60 min of it (when the data have
#: units) and the reachable pairs (every ``min:zone:…`` pair is
#: measured too: ask for ``min:*``).
DEFAULT_INDICATORS = ("mean:*", f"min:{CITY_ORIGIN}:*", "target:*", "km:*", "people60:*", "gdp60:*", "reachable")

SHARE_COLUMNS = ("project", "project_zh", "project_en", "indicator", "name_zh", "name_en", "unit", "better",
                 "add_one", "drop_one", "shapley", "shapley_se", "gain", "rank")
INTERACTION_COLUMNS = ("project_a", "project_b", "indicator", "name_en", "unit", "better", "with_base",
                       "within_full", "gain_with_base", "gain_within_full")


@dataclass(frozen=True)
class Player:
    """One appraised project (``projects``) or a planner's own edit (``edits``), with its names."""

    id: str
    name_zh: str
    name_en: str
    projects: tuple[str, ...] = ()
    edits: tuple[Edit, ...] = ()


def default_projects(data: GeoData, base: Scenario | None = None) -> list[str]:
    """The modelled projects with a member not yet in ``base`` (today's network by default), in file order."""
    active = active_features(data, base or TODAY)
    on = active.places | active.links
    return [str(p["id"]) for p in data.projects
            if p.get("modelled") and p.get("members") and not set(p["members"]) <= on]


def _edit_players(data: GeoData, edits: Sequence[Edit]) -> list[Player]:
    groups: list[list[Edit]] = []
    added: dict[str, list[Edit]] = {}
    for edit in edits:
        target = getattr(edit, "link", None)
        if isinstance(edit, AddLink):
            added[edit.id] = [edit]
            groups.append(added[edit.id])
        elif target in added:
            added[target].append(edit)
        else:
            groups.append([edit])
    return [Player(id=f"edit:{i + 1}", name_zh=edit_title(g[0], data, "zh"), name_en=edit_title(g[0], data, "en"),
                   edits=tuple(g)) for i, g in enumerate(groups)]


def appraisal_players(data: GeoData, *, projects: Sequence[str] | None = None, edits: Sequence[Edit] = (),
                      base: Scenario | None = None) -> list[Player]:
    """The players: ``projects`` (ids; default :func:`default_projects`) then the planner's ``edits``.

    Raises ``ScenarioError`` naming the id for a project that is not in ``projects.yaml`` or has no modelled
    features.
    """
    by_id = {str(p.get("id")): p for p in data.projects}
    ids = list(projects) if projects is not None else default_projects(data, base)
    players = []
    for pid in dict.fromkeys(ids):
        project = by_id.get(pid)
        if project is None:
            raise ScenarioError(f"--projects {pid!r}: not a project of projects.yaml; use one of "
                                f"{', '.join(sorted(by_id))}")
        if not project.get("members"):
            reason = project.get("not_modelled_reason") or "no members"
            raise ScenarioError(f"--projects {pid!r}: not modelled ({reason}); leave it out")
        players.append(Player(id=pid, name_zh=str(project.get("name_zh") or pid),
                              name_en=str(project.get("name_en") or pid), projects=(pid,)))
    players.extend(_edit_players(data, list(edits)))
    if not players:
        raise ScenarioError("no project to appraise: every modelled project is open in this year; "
                            "give --projects or an earlier --year")
    if len(players) > MAX_PLAYERS:
        raise ScenarioError(f"{len(players)} projects and edits: at most {MAX_PLAYERS} can be appraised at once")
    return players


def coalition_scenario(base: Scenario, players: Sequence[Player], coalition: frozenset[int]) -> Scenario:
    """``base`` with the projects of the players in ``coalition`` switched on and their edits applied."""
    chosen = [players[i] for i in sorted(coalition)]
    on = tuple(dict.fromkeys((*base.projects_on, *(p for pl in chosen for p in pl.projects))))
    edits = (*base.edits, *(e for pl in chosen for e in pl.edits))
    return dataclasses.replace(base, name="appraisal", projects_on=on, edits=edits)


@dataclass(frozen=True)
class Appraisal:
    """What :func:`appraise` found.

    Attributes
    ----------
    players
        The appraised projects and edits, in order.
    indicators
        One row per indicator: ``indicator``, ``name_zh``, ``name_en``, ``unit``, ``better``, ``base``,
        ``full`` (all players on) and ``change``.
    shares
        One row per player and indicator (:data:`SHARE_COLUMNS`).
    interactions
        One row per pair and indicator whose interaction is not zero, strongest first
        (:data:`INTERACTION_COLUMNS`); empty when not asked for.
    method, samples
        ``"exact"`` (``samples`` 0) or ``"sampled"`` with the number of orders.
    stats
        The sweep's :class:`~wuzhen_geo.answers.sweep.SweepStats`.
    """

    players: tuple[Player, ...]
    indicators: pd.DataFrame
    shares: pd.DataFrame
    interactions: pd.DataFrame
    method: str
    samples: int
    stats: SweepStats


def _select(ids: list[str], patterns: Sequence[str] | None) -> list[str]:
    """The ids matching ``patterns`` in their order; ``None`` the defaults (each only where it applies)."""
    chosen = list(dict.fromkeys(i for p in (patterns or DEFAULT_INDICATORS) for i in ids if fnmatch.fnmatchcase(i, p)))
    unmatched = [p for p in patterns or () if not any(fnmatch.fnmatchcase(i, p) for i in ids)]
    if unmatched or not chosen:
        raise WuzhenGeoError(f"--indicators {', '.join(unmatched or patterns or ())}: matches no indicator; use ids "
                             "or patterns such as mean:*, min:city_tongxiang:*, target:*, km:*, reachable")
    return chosen


def appraise(data: GeoData, *, projects: Sequence[str] | None = None, edits: Sequence[Edit] = (),
             year: int | None = None, base: Scenario | None = None,
             indicators: Sequence[str] | None = None, samples: int = DEFAULT_SAMPLES,
             seed: int = 0, pairs: bool = True, exact_max: int = EXACT_MAX_PLAYERS,
             config: ModelConfig = DEFAULT_CONFIG, measures: Sequence[Measure] = (),
             origins: Sequence[str] | None = None, destinations: Sequence[str] | None = None,
             mode: str = "best", access: bool = True, scheduler: str | object | None = None, workers: int | None = None,
             cache_dir: str | Path | None = None, use_cache: bool = True, progress: Progress | None = None
             ) -> Appraisal:
    """Appraise plan projects (and a planner's edits): add-one, drop-one, Shapley shares and interactions.

    Parameters
    ----------
    data
        The base data (only read).
    projects
        Project ids; default every modelled project not yet open in the base (:func:`default_projects`).
    edits
        A planner's own edits, appraised as extra players (see the module docstring).
    year, base
        The base network: ``base`` (today's by default) in ``year`` (default the base's own year).
    indicators
        Indicator ids or ``fnmatch`` patterns (default :data:`DEFAULT_INDICATORS`, those the data allow;
        ``["*"]`` for every one).
    samples, seed
        Random orders for the Shapley estimate when there are more than ``exact_max`` players.
    pairs
        Also the pairwise interactions (two scenarios per pair).
    measures, access
        Extra indicators (:class:`~wuzhen_geo.answers.appraisal_indicators.Measure`); ``access`` adds the
        people and GDP within 60 min of Tongxiang city centre when the data have units (:func:`~wuzhen_geo.
        answers.appraisal_indicators.access_measures`).
    origins, destinations, mode
        Replace the timed pairs (default: zones and Tongxiang city centre to the centres and airports) and
        the mode (``"best"``; ``"car"`` or ``"rail"``, a trip that passes the rail-trip rule).
    scheduler, workers
        ``None`` a local Dask cluster of ``workers`` processes, ``"serial"`` this process, else the address of
        a Dask scheduler or a connected ``distributed.Client`` (:func:`~wuzhen_geo.answers.sweep.run_sweep`).
    cache_dir, use_cache
        Where records are kept (default :func:`~wuzhen_geo.answers.sweep.default_cache_dir`); ``use_cache``
        False keeps nothing.
    progress
        ``progress(done, total)`` after each scenario.
    """
    if mode not in TRAVEL_MODES:
        raise WuzhenGeoError(f"--mode {mode}: use one of {', '.join(TRAVEL_MODES)}")
    if not SAMPLES_RANGE[0] <= int(samples) <= SAMPLES_RANGE[1]:
        raise WuzhenGeoError(f"--samples {samples}: give {SAMPLES_RANGE[0]} to {SAMPLES_RANGE[1]} random orders")
    base = dataclasses.replace(base or TODAY, year=int(year)) if year is not None else (base or TODAY)
    if base.year is None:
        base = dataclasses.replace(base, year=config.year)
    players = appraisal_players(data, projects=projects, edits=edits, base=base)
    n = len(players)
    spec = indicator_spec(data, origins=tuple(origins) if origins is not None else None,
                          destinations=tuple(destinations) if destinations is not None else None,
                          mode=mode, measures=(*(access_measures(data) if access else ()), *measures))
    patterns = list(indicators) if indicators is not None else None
    _select(indicator_ids(data, spec), patterns)  # a pattern that matches nothing fails before the sweep
    exact = n <= exact_max
    orders = np.zeros((0, n), dtype=int) if exact else shapley.sampled_permutations(n, samples, seed=seed)
    needed = list(dict.fromkeys([
        *shapley.edge_coalitions(n), *(shapley.interaction_coalitions(n) if pairs else ()),
        *(shapley.exact_coalitions(n) if exact else shapley.permutation_coalitions(orders)),
    ]))
    fingerprint = data_fingerprint(data)
    keys: dict[frozenset[int], str] = {}
    jobs: dict[str, Scenario] = {}
    for coalition in needed:
        scenario = coalition_scenario(base, players, coalition)
        keys[coalition] = key = scenario_key(fingerprint, data, scenario, config, spec)
        jobs.setdefault(key, scenario)
    cache = ResultCache((cache_dir or default_cache_dir()) if use_cache else None)
    records, stats = run_sweep(data, jobs, config=config, spec=spec, cache=cache, scheduler=scheduler,  # type: ignore[arg-type]
                               workers=workers, progress=progress)
    ids = list(records[keys[frozenset()]])
    chosen = _select(ids, patterns)
    values = {c: np.array([records[k].get(i, math.nan) for i in chosen]) for c, k in keys.items()}
    if exact:
        phi, se = shapley.exact_shapley(n, values), np.zeros((n, len(chosen)))
    else:
        phi, se = shapley.sampled_shapley(orders, values)
        se = np.where(np.abs(se) < 1e-9, 0.0, se)  # rounding noise of equal changes, not an error
    catalogue = indicator_catalogue(data, spec, chosen)
    table = _indicator_table(catalogue, values[frozenset()], values[frozenset(range(n))])
    shares = _share_table(players, catalogue, shapley.add_one(n, values), shapley.drop_one(n, values), phi, se)
    inter = _interaction_table(players, catalogue, shapley.interactions(n, values) if pairs else {})
    return Appraisal(players=tuple(players), indicators=table, shares=shares, interactions=inter,
                     method="exact" if exact else "sampled", samples=0 if exact else int(samples), stats=stats)


def _sign(better: pd.Series) -> np.ndarray:
    return np.where(better.to_numpy() == "lower", -1.0, 1.0)


def _indicator_table(catalogue: pd.DataFrame, base: np.ndarray, full: np.ndarray) -> pd.DataFrame:
    return catalogue.assign(base=base, full=full, change=full - base)


def _share_table(players: Sequence[Player], catalogue: pd.DataFrame, add: np.ndarray, drop: np.ndarray,
                 phi: np.ndarray, se: np.ndarray) -> pd.DataFrame:
    sign = _sign(catalogue["better"])
    frames = []
    for i, player in enumerate(players):
        frames.append(catalogue.assign(project=player.id, project_zh=player.name_zh, project_en=player.name_en,
                                       add_one=add[i], drop_one=drop[i], shapley=phi[i], shapley_se=se[i],
                                       gain=phi[i] * sign + 0.0))
    shares = pd.concat(frames, ignore_index=True)
    shares["rank"] = shares.groupby("indicator", sort=False)["gain"].rank(ascending=False, method="min").astype(int)
    order = {ind: k for k, ind in enumerate(catalogue["indicator"])}
    shares = shares.sort_values(["indicator", "rank"], key=lambda s: s.map(order) if s.name == "indicator" else s,
                                kind="stable")
    return shares[list(SHARE_COLUMNS)].reset_index(drop=True)


def _interaction_table(players: Sequence[Player], catalogue: pd.DataFrame,
                       found: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]]) -> pd.DataFrame:
    sign = _sign(catalogue["better"])
    rows = []
    for (i, j), (at_base, at_full) in found.items():
        for k, ind in enumerate(catalogue["indicator"]):
            if abs(at_base[k]) > 1e-9 or abs(at_full[k]) > 1e-9:
                rows.append((players[i].id, players[j].id, ind, catalogue["name_en"].iat[k], catalogue["unit"].iat[k],
                             catalogue["better"].iat[k], at_base[k], at_full[k], at_base[k] * sign[k],
                             at_full[k] * sign[k]))
    table = pd.DataFrame(rows, columns=list(INTERACTION_COLUMNS))
    if table.empty:
        return table
    strength = np.maximum(table["gain_with_base"].abs(), table["gain_within_full"].abs())
    return table.iloc[np.argsort(-strength.to_numpy(), kind="stable")].reset_index(drop=True)
