"""What a project appraisal measures on each scenario's network: :func:`indicator_spec` and :func:`measure`.

One scenario gives one *record*: a number per indicator id. Every number comes from an answer the rest of the
product shows, never from a second calculation:

* ``min:<origin>:<destination>`` — minutes of :func:`~wuzhen_geo.answers.trip_answers.answer_minutes` (``best``
  by default: the faster of the car and a trip that passes the rail-trip rule) from each zone and from
  Tongxiang city centre to the Shanghai, Hangzhou and Suzhou centres and to each airport;
* ``mean:<destination>`` — the mean of those minutes over the zones;
* ``reachable`` — how many of those origin–destination pairs have a trip at all;
* ``target:<id>`` — for each ``travel_time`` target of ``targets.yaml``, how many origin–destination pairs meet
  it (``zones_within`` of :func:`~wuzhen_geo.answers.indicators.plan_indicators`, from the target's own origins,
  summed over its destinations): the 1-hour circles, and "every airport within 2 h" as airports within
  120 min;
* ``km:<id>`` — for each ``network_length`` target, the railway or expressway km in Tongxiang
  (``value`` of :func:`~wuzhen_geo.answers.indicators.plan_indicators`);
* ``people60:city_tongxiang`` and ``gdp60:city_tongxiang`` — the people and GDP (billion yuan) within 60 min
  of Tongxiang city centre (:func:`~wuzhen_geo.answers.access.reach`, best mode: people spread over each
  unit's land; GDP a floor where a unit's figure is unknown), when the data have county units
  (:func:`access_measures`);
* one entry per extra :class:`Measure` given (the hook for any other indicator computed from a network).

**Unreachable minutes.** A pair with no trip counts as :data:`UNREACHABLE_MINUTES` (240 min: twice the
2-hour airport target, and longer than any trip of the study area, where the slowest answer between a zone and
a centre or airport is under 2 h), and any longer trip is capped there too. So a project that makes a pair
reachable is credited with the time it saves against that penalty, shares stay finite and add up, and the
count of reachable pairs (``reachable``) says separately whether a project connects a pair at all.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from wuzhen_geo.answers.access import reach
from wuzhen_geo.answers.indicators import plan_indicators
from wuzhen_geo.answers.matrices import zone_ids
from wuzhen_geo.answers.places import place_name
from wuzhen_geo.answers.trip_answers import answer_minutes
from wuzhen_geo.data import GeoData
from wuzhen_geo.i18n import t
from wuzhen_geo.model import Network
from wuzhen_geo.strings import STRINGS
from wuzhen_geo.vocabulary import format_minutes, format_people, people_change_text, shown_change

__all__ = [
    "INDICATOR_COLUMNS",
    "UNREACHABLE_MINUTES",
    "IndicatorSpec",
    "Measure",
    "access_measures",
    "indicator_catalogue",
    "indicator_ids",
    "indicator_change_text",
    "indicator_spec",
    "indicator_value_text",
    "measure",
]

#: Minutes an unreachable pair counts as (and the cap of every time); see the module docstring for why 240.
UNREACHABLE_MINUTES = 240.0

#: The centres every appraisal measures to, besides the airports (the plan's 1-hour circle).
CENTRES = ("city_shanghai", "city_hangzhou", "city_suzhou")
#: The origin measured besides the zones.
CITY_ORIGIN = "city_tongxiang"

#: Columns of :func:`indicator_catalogue`.
INDICATOR_COLUMNS = ("indicator", "name_zh", "name_en", "unit", "better")


@dataclass(frozen=True)
class Measure:
    """An extra indicator computed by a function of the network (the hook for indicators that live in another
    module, e.g. people within 60 min). ``key`` names it in the records and in the cache: change ``version``
    when the function's answers change, so that cached records are not reused."""

    key: str
    compute: Callable[[Network], float]
    name_zh: str
    name_en: str
    unit: str
    better: str = "higher"
    version: str = "1"


@dataclass(frozen=True)
class IndicatorSpec:
    """Which pairs an appraisal times and by which mode; part of every cached record's key."""

    zones: tuple[str, ...]
    origins: tuple[str, ...]
    destinations: tuple[str, ...]
    mode: str = "best"
    unreachable_minutes: float = UNREACHABLE_MINUTES
    measures: tuple[Measure, ...] = ()

    def key_text(self) -> str:
        """The spec as text for the cache key (the measures by key and version, not by function)."""
        measures = [(m.key, m.version) for m in self.measures]
        return repr((self.zones, self.origins, self.destinations, self.mode, self.unreachable_minutes, measures))


#: The time budget of the access measures (minutes): the plans' 1-hour circle.
ACCESS_BUDGET = 60


def _reach_value(net: Network, column: str, origin: str = CITY_ORIGIN) -> float:
    """``column`` of :func:`~wuzhen_geo.answers.access.reach` within :data:`ACCESS_BUDGET` min of ``origin``
    (one surface per network, kept with it, for both measures)."""
    table = net.cached(("appraisal_reach", origin), lambda: reach(net, origin, budgets=(ACCESS_BUDGET,)))
    return float(table[column].iat[0])


def access_measures(data: GeoData) -> tuple[Measure, ...]:
    """People and GDP within 60 min of Tongxiang city centre, when the data have units and that place."""
    units = getattr(data, "units", None)
    if units is None or len(units) == 0 or CITY_ORIGIN not in data.places.index:
        return ()
    return (
        Measure(key=f"people60:{CITY_ORIGIN}", compute=functools.partial(_reach_value, column="people"),
                name_zh="桐乡市区60分钟内人口", name_en="people within 60 min of Tongxiang city centre",
                unit="people"),
        Measure(key=f"gdp60:{CITY_ORIGIN}", compute=functools.partial(_reach_value, column="gdp_cny_bn"),
                name_zh="桐乡市区60分钟内GDP（下限）", name_en="GDP within 60 min of Tongxiang city centre (floor)",
                unit="bn CNY"),
    )


def indicator_spec(data: GeoData, *, origins: tuple[str, ...] | None = None,
                   destinations: tuple[str, ...] | None = None, mode: str = "best",
                   measures: tuple[Measure, ...] = ()) -> IndicatorSpec:
    """The default spec: from every zone and Tongxiang city centre to the Shanghai, Hangzhou and Suzhou centres
    and every airport of the data (those the data lack are left out); ``origins`` / ``destinations`` replace
    them (the zones among ``origins`` feed the ``mean:`` indicators)."""
    zones = tuple(zone_ids(data))
    places = data.places
    if origins is None:
        origins = zones + ((CITY_ORIGIN,) if CITY_ORIGIN in places.index else ())
    if destinations is None:
        airports = [str(i) for i in places.index[places["kind"] == "airport"]]
        destinations = tuple(c for c in CENTRES if c in places.index) + tuple(airports)
    return IndicatorSpec(zones=tuple(z for z in origins if z in zones), origins=tuple(origins),
                         destinations=tuple(destinations), mode=mode, measures=tuple(measures))


def indicator_ids(data: GeoData, spec: IndicatorSpec) -> list[str]:
    """The ids a record of :func:`measure` will hold, known before any network is built."""
    ids = [f"min:{o}:{d}" for o in spec.origins for d in spec.destinations]
    ids += [f"mean:{d}" for d in spec.destinations] if spec.zones else []
    ids.append("reachable")
    kinds = {"travel_time": "target", "network_length": "km"}
    ids += [f"{kinds[str(t.get('kind'))]}:{t.get('id')}" for t in data.targets if t.get("kind") in kinds]
    return ids + [m.key for m in spec.measures]


def measure(net: Network, spec: IndicatorSpec) -> dict[str, float]:
    """The record of one network: every indicator id of :func:`indicator_catalogue` and its value."""
    cap = spec.unreachable_minutes
    record: dict[str, float] = {}
    table = answer_minutes(net, list(spec.origins), list(spec.destinations), mode=spec.mode)
    reachable = 0
    by_dest: dict[str, list[float]] = {}
    for from_id, to_id, minutes in zip(table["from_id"], table["to_id"], table["minutes"]):
        reachable += bool(math.isfinite(minutes))
        value = min(float(minutes), cap)
        record[f"min:{from_id}:{to_id}"] = value
        if from_id in spec.zones:
            by_dest.setdefault(to_id, []).append(value)
    for dest in spec.destinations:
        if by_dest.get(dest):
            record[f"mean:{dest}"] = sum(by_dest[dest]) / len(by_dest[dest])
    record["reachable"] = float(reachable)
    if net.data.targets:
        targets = plan_indicators(net, mode=spec.mode)
        for target_id, group in targets.groupby("id", sort=False):
            kind = group["kind"].iloc[0]
            if kind == "travel_time":
                record[f"target:{target_id}"] = float(group["zones_within"].sum())
            elif kind == "network_length":
                record[f"km:{target_id}"] = float(group["value"].iloc[0])
    for extra in spec.measures:
        record[extra.key] = float(extra.compute(net))
    return record


def _target(data: GeoData, target_id: str) -> Mapping[str, object]:
    return next((t for t in data.targets if str(t.get("id")) == target_id), {})


def indicator_catalogue(data: GeoData, spec: IndicatorSpec, ids: list[str]) -> pd.DataFrame:
    """The indicators ``ids`` (record keys) described: :data:`INDICATOR_COLUMNS` (``better`` is ``"lower"``
    for minutes, ``"higher"`` for counts and km)."""
    extra = {m.key: m for m in spec.measures}
    rows = []
    for ind in ids:
        kind, _, rest = ind.partition(":")
        if kind == "min":
            origin, _, dest = rest.partition(":")
            zh = f"{place_name(data, origin, 'zh')} → {place_name(data, dest, 'zh')}"
            en = f"{place_name(data, origin, 'en')} → {place_name(data, dest, 'en')}"
            rows.append((ind, zh, en, "min", "lower"))
        elif kind == "mean":
            rows.append((ind, f"各功能区 → {place_name(data, rest, 'zh')}（平均）",
                         f"zones → {place_name(data, rest, 'en')} (mean)", "min", "lower"))
        elif kind == "reachable":
            rows.append((ind, "可达的起讫对", "pairs reachable", "pairs", "higher"))
        elif kind in ("target", "km"):
            t = _target(data, rest)
            unit = "km" if kind == "km" else "pairs"
            rows.append((ind, str(t.get("name_zh") or rest), str(t.get("name_en") or rest), unit, "higher"))
        elif ind in extra:
            m = extra[ind]
            rows.append((ind, m.name_zh, m.name_en, m.unit, m.better))
        else:
            rows.append((ind, ind, ind, "", "higher"))
    return pd.DataFrame(rows, columns=list(INDICATOR_COLUMNS))


def _unit_text(unit: str, lang: str) -> str:
    key = "appr_unit_" + str(unit).replace(" ", "_")
    return t(key, lang) if key in STRINGS else str(unit)


def indicator_value_text(value: float, unit: str, lang: str = "en") -> str:
    """An indicator's value as every view writes its kind: minutes and people by their formatters, other
    units to one decimal with the unit in ``lang``."""
    if unit == "min":
        return format_minutes(value, lang)
    if unit == "people":
        return format_people(value, lang)
    return f"{value:,.1f} {_unit_text(unit, lang)}"


def indicator_change_text(base: float, full: float, unit: str, lang: str = "en") -> str:
    """The change from ``base`` to ``full`` as a reader subtracts the two values shown
    (:func:`indicator_value_text`): 78 → 74 min reads -4 min, not the exact -3.5."""
    if unit == "min":
        return f"{shown_change(base, full):+.0f} {_unit_text(unit, lang)}"
    if unit == "people":
        return people_change_text(base, full, lang)
    return f"{round(full, 1) - round(base, 1):+,.1f} {_unit_text(unit, lang)}"
