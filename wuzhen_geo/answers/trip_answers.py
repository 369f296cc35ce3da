"""One answer per origin, destination, mode and network: the trip every view shows.

* ``"car"``: the router's fastest car trip (:func:`wuzhen_geo.model.routing.route`, ``mode="car"``);
* ``"rail"``: the fastest trip that passes the rail-trip rule (:func:`wuzhen_geo.answers.railtrips.judge_rail_trip`:
  the train does most of the work, a short drive after the last train, at most ``rail_max_car_ratio`` times
  the drive) — not the router's fastest trip that merely rides a train;
* ``"best"``: the faster of those two (the car trip on a tie);
* ``"coach"``: the router's fastest trip on a scheduled coach (no train), when it passes the same kind of rule
  as rail (:func:`coach_trip_problem`: the coach does most of the work, boarded on the way after at most half
  the drive to the destination, a short drive after it, at most ``rail_max_car_ratio`` times the drive);
  otherwise "no coach route";
* ``"transit"`` (public transport): the faster of the rail and the coach answer.

:func:`trip_answer` gives one trip; :func:`trip_answers` the trips (or why not) from one origin to many
destinations; :func:`answer_minutes` the minutes of many pairs as a long table with a reason code per
unreachable cell. All three read the same answers, kept with the network (:meth:`Network.cached`): each pair
is routed once per mode (one shortest-path tree per origin serves every destination, as
:func:`wuzhen_geo.model.routing.routes`), and the rule's search runs only for the trips that fail it.
The airport table, the travel-time tables, the comparison, the plan indicators, the command line and the app
all ask here, so they give the same minutes and the same "no rail route" verdicts.

Isochrones and travel-time surfaces by rail reach every place by these answers, computed for all places at
once from the rule's own tables (:mod:`wuzhen_geo.answers._rail_surface`); a test holds the two equal.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import networkx as nx
import pandas as pd

from wuzhen_geo.answers.coachtrips import NoSensibleCoachRoute, coach_trip_problem
from wuzhen_geo.answers.railtrips import NoSensibleRailRoute, judge_rail_trip
from wuzhen_geo.errors import NoServiceError, UnreachableError
from wuzhen_geo.i18n import t
from wuzhen_geo.model import Network, Origin, Point, Trip, origin_id, routes, trip_ends, trip_from_path
from wuzhen_geo.model.coords import distance_m
from wuzhen_geo.vocabulary import ROUTE_MODES

__all__ = [
    "ANSWER_COLUMNS",
    "NOT_IN_SCENARIO",
    "NO_COACH_ROUTE",
    "NO_RAIL_ROUTE",
    "NO_SERVICE",
    "NoSensibleCoachRoute",
    "REASONS",
    "UNREACHABLE",
    "answer_minutes",
    "coach_trip_problem",
    "origin_twin",
    "same_place",
    "reason_of",
    "trip_answer",
    "trip_answers",
]

#: Reason codes of an unreachable answer: no trip passes the rail-trip rule; no scheduled coach serves the
#: pair sensibly (none runs, or only with a long drive); the origin or destination is not in this scenario's
#: network (its status or year); no road or path joins them; no train or coach runs at the departure period.
NO_RAIL_ROUTE = "no_rail_route"
NO_COACH_ROUTE = "no_coach_route"
NOT_IN_SCENARIO = "not_in_scenario"
UNREACHABLE = "unreachable"
NO_SERVICE = "no_service"
REASONS = (NO_RAIL_ROUTE, NO_COACH_ROUTE, NOT_IN_SCENARIO, UNREACHABLE, NO_SERVICE)

#: Columns of :func:`answer_minutes`.
ANSWER_COLUMNS = ("from_id", "to_id", "minutes", "reason")

# Answers kept per network: a planner's comparison asks ~6 zones x ~50 destinations x 3 modes.
_KEPT = 8192


@dataclass(frozen=True)
class _NoTrip:
    """Why a pair has no answer: an exception rebuilt on each ask (a raised one keeps its traceback)."""

    error: type[UnreachableError]
    message: str
    reason: str
    message_zh: str | None = None  # a rail-trip rule's reason in Chinese (NoSensibleRailRoute.text)
    facts: Any = None  # a place left out of the network: what routing said of it (UnreachableError.facts)

    def exception(self) -> UnreachableError:
        exc = self.error(self.message, text_zh=self.message_zh) if self.message_zh else self.error(self.message)
        exc.reason = self.reason  # type: ignore[attr-defined]
        if self.facts:
            exc.facts = self.facts  # type: ignore[attr-defined]
        return exc


_Answer = Trip | _NoTrip


class _Kept:
    """The answers of one network, by ``(mode, origin id, destination id)``; the latest :data:`_KEPT`."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.answers: OrderedDict[tuple[str, str, str], _Answer] = OrderedDict()

    def get(self, keys: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], _Answer]:
        with self.lock:
            return {k: self.answers[k] for k in keys if k in self.answers}

    def put(self, found: dict[tuple[str, str, str], _Answer]) -> None:
        with self.lock:
            self.answers.update(found)
            while len(self.answers) > _KEPT:
                self.answers.popitem(last=False)


def reason_of(exc: BaseException) -> str:
    """The reason code (:data:`REASONS`) of an exception raised by :func:`trip_answer`."""
    reason = getattr(exc, "reason", None)
    if reason in REASONS:
        return str(reason)
    return NO_RAIL_ROUTE if isinstance(exc, NoSensibleRailRoute) else UNREACHABLE


def trip_answer(net: Network, origin: Origin, destination: Origin, *, mode: str) -> Trip:
    """The trip every view shows from ``origin`` to ``destination`` by ``mode`` (see the module docstring).

    Parameters
    ----------
    net
        A built network (read only).
    origin, destination
        Place id, zone id or WGS-84 :class:`~wuzhen_geo.model.coords.Point`.
    mode
        ``"car"``, ``"rail"`` (a trip that passes the rail-trip rule) or ``"best"`` (the faster of the two).

    Raises
    ------
    NoSensibleRailRoute
        By rail: trains run, but no trip passes the rail-trip rule (the message says why).
    UnreachableError
        No trip: its ``reason`` attribute is a code of :data:`REASONS` (:func:`reason_of`).
    UnknownPlaceError
        An id that is neither a place nor a zone.
    """
    answer = _answers(net, origin, [destination], mode)[0]
    if isinstance(answer, _NoTrip):
        raise answer.exception()
    return answer


def trip_answers(net: Network, origin: Origin, destinations: Sequence[Origin], *, mode: str
                 ) -> dict[str, Trip | UnreachableError]:
    """:func:`trip_answer` from one origin to many destinations, by destination id
    (:func:`~wuzhen_geo.model.coords.origin_id`): the trip, or the exception it would raise (not raised)."""
    dests = list(destinations)
    found = _answers(net, origin, dests, mode)
    return {origin_id(d): a.exception() if isinstance(a, _NoTrip) else a for d, a in zip(dests, found)}


def answer_minutes(net: Network, origins: Sequence[Origin], destinations: Sequence[Origin], *, mode: str
                   ) -> pd.DataFrame:
    """Minutes of :func:`trip_answer` for every origin × destination, as a long table.

    Returns
    -------
    DataFrame
        :data:`ANSWER_COLUMNS`, one row per pair in origin-major order: ``from_id`` and ``to_id``
        (:func:`~wuzhen_geo.model.coords.origin_id`), ``minutes`` (the trip's minutes, exactly; ``inf`` when
        there is none) and ``reason`` (``""`` when reachable, else a code of :data:`REASONS`).
    """
    _check_mode(mode)
    dests = list(destinations)
    to_ids = [origin_id(d) for d in dests]
    rows: list[tuple[str, str, float, str]] = []
    for o in origins:
        from_id = origin_id(o)
        for to_id, answer in zip(to_ids, _answers(net, o, dests, mode)):
            if isinstance(answer, _NoTrip):
                rows.append((from_id, to_id, math.inf, answer.reason))
            else:
                rows.append((from_id, to_id, float(answer.minutes), ""))
    table = pd.DataFrame(rows, columns=list(ANSWER_COLUMNS))
    return table.astype({"minutes": float})


# ------------------------------------------------------------------------------------------ the answers


def _answers(net: Network, origin: Origin, dests: list[Origin], mode: str) -> list[_Answer]:
    """The answer of each destination, computed once per network and pair (kept with the network)."""
    _check_mode(mode)
    kept: _Kept = net.cached("trip_answers", _Kept)
    from_id = origin_id(origin)
    keys = [(mode, from_id, origin_id(d)) for d in dests]
    found = kept.get(keys)
    missing = list({k[2]: d for k, d in zip(keys, dests) if k not in found}.values())
    if missing:
        new = {(mode, from_id, to_id): answer for to_id, answer in _compute(net, origin, missing, mode).items()}
        kept.put(new)
        found.update(new)
    return [found[k] for k in keys]


def _check_mode(mode: str) -> None:
    if mode not in ROUTE_MODES:
        raise ValueError(f"mode {mode!r}: use one of {', '.join(ROUTE_MODES)}")


def _label(ref: Origin) -> str:
    return ref.label if isinstance(ref, Point) else str(ref)


def _end_problem(net: Network, ref: Origin) -> _NoTrip | None:
    """Why a trip cannot start or end at ``ref`` in this network, or None (an unknown id raises)."""
    try:
        trip_ends(net, ref, layer=0)
    except UnreachableError as exc:
        return _NoTrip(UnreachableError, str(exc), UNREACHABLE if isinstance(ref, Point) else NOT_IN_SCENARIO,
                       facts=getattr(exc, "facts", None))
    return None


#: A pasted point this close to a place is that place (coordinates copied from a map are rarely exact).
SAME_PLACE_M = 50.0

#: Places that stand for an area (a city centre, a sight), joined to the roads by a drawn access road: they are
#: also left as a point at their position is, by local roads. Not airports (their kerb adds the drop-off or
#: pick-up), stations or junctions (network nodes in their own right).
AREA_PLACE_KINDS = ("city_centre", "poi")


def same_place(net: Network, origin: Origin) -> Origin:
    """``origin``, or the place a point lies on (within :data:`SAME_PLACE_M`, the nearest)."""
    if not isinstance(origin, Point):
        return origin
    near = min(((distance_m(origin.lon, origin.lat, *net.lonlat[p]), p) for p in net.data.places.index
                if p in net.lonlat), default=(math.inf, ""))
    return near[1] if near[0] <= SAME_PLACE_M else origin


def origin_twin(net: Network, origin: Origin) -> Point | None:
    """A place of :data:`AREA_PLACE_KINDS` read as a point at its position, or None. Answers and surfaces take
    the faster of the two readings, and a point on a place is that place (:func:`same_place`), so that a place
    and its pasted coordinates give one answer."""
    places = net.data.places
    if isinstance(origin, str) and origin in places.index and origin in net.lonlat \
            and places.at[origin, "kind"] in AREA_PLACE_KINDS:
        return Point(*map(float, net.lonlat[origin]))
    return None


def _compute(net: Network, origin: Origin, dests: list[Origin], mode: str) -> dict[str, _Answer]:
    if mode == "best":
        car = _answers(net, origin, dests, "car")
        rail = _answers(net, origin, dests, "rail")
        return {origin_id(d): _best(net, origin, d, c, r) for d, c, r in zip(dests, car, rail)}
    if mode == "transit":
        rail, coach = _answers(net, origin, dests, "rail"), _answers(net, origin, dests, "coach")
        return {origin_id(d): _transit(r, c) for d, r, c in zip(dests, rail, coach)}
    asked, origin = origin, same_place(net, origin)
    out = _compute_from(net, origin, dests, mode)
    twin = origin_twin(net, origin) if _end_problem(net, origin) is None else None
    if twin is not None:  # the place left as a point at its position, or the point as the place it is on
        for key, other in _compute_from(net, twin, dests, mode).items():
            mine = out[key]
            if isinstance(other, Trip) and (not isinstance(mine, Trip) or other.minutes < mine.minutes - 1e-9):
                out[key] = _told_from(net, other, origin)
    if asked is not origin:  # a point on a place: the place's trips, asked from the point
        out = {k: replace(a, origin=origin_id(asked)) if isinstance(a, Trip) else a for k, a in out.items()}
    return out


def _told_from(net: Network, trip: Trip, origin: Origin) -> Trip:
    """A twin's trip told from ``origin``: its id, and a place's name on the first leg (not its coordinates)."""
    legs = list(trip.legs)
    if isinstance(origin, str) and legs:
        legs[0] = replace(legs[0], from_id=origin, from_name=net.name(origin), from_name_zh=net.name(origin, "zh"))
    return replace(trip, origin=origin_id(origin), legs=tuple(legs))


def _compute_from(net: Network, origin: Origin, dests: list[Origin], mode: str) -> dict[str, _Answer]:
    out: dict[str, _Answer] = {}
    start = _end_problem(net, origin)
    ends: list[Origin] = []
    for d in dests:
        problem = start or _end_problem(net, d)
        if problem is not None:
            out[origin_id(d)] = problem
        else:
            ends.append(d)
    if not ends:
        return out
    if mode in ("rail", "coach") and not net.config.services_run:  # the network has none: say why
        no_service = _NoTrip(NoServiceError, t("no_service_at_night", "en"), NO_SERVICE, t("no_service_at_night", "zh"))
        return {**out, **{origin_id(d): no_service for d in ends}}
    fastest = routes(net, origin, ends, mode=mode)  # one tree for every destination, trips as route() gives
    drives = _answers(net, origin, ends, "car") if mode != "car" else []
    for i, d in enumerate(ends):
        to_id = origin_id(d)
        trip = fastest.get(to_id)
        car_minutes = drives[i].minutes if mode != "car" and isinstance(drives[i], Trip) else math.inf
        if trip is None:
            out[to_id] = _NoTrip(UnreachableError, f"{_label(origin)} -> {_label(d)}: unreachable by {mode} in "
                                 f"scenario {net.scenario.name!r}", NO_COACH_ROUTE if mode == "coach" else UNREACHABLE)
        elif mode == "car":
            out[to_id] = trip
        elif mode == "coach":
            out[to_id] = _sensible_coach_trip(net, origin, d, trip, car_minutes)
        else:
            try:
                out[to_id] = judge_rail_trip(net, origin, d, trip, car_minutes)
            except NoSensibleRailRoute as exc:
                out[to_id] = _NoTrip(NoSensibleRailRoute, str(exc), NO_RAIL_ROUTE, exc.text_zh)
    return out


# At most this many stops are set aside, one at a time, while looking for a sensible coach trip.
_COACH_TRIES = 12


def _sensible_coach_trip(net: Network, origin: Origin, dest: Origin, trip: Trip, car_minutes: float) -> _Answer:
    """The fastest coach trip that passes :func:`coach_trip_problem`: the router's fastest, or else the fastest
    once the stop where each failing trip left its coach is set aside (a trip that gets off early and drives
    on rides on), or, when it drove nowhere after the coach, the stop where it boarded; "no coach route" with
    the first trip's reason when none passes."""
    first = why = coach_trip_problem(net, trip, car_minutes)
    first_zh = coach_trip_problem(net, trip, car_minutes, "zh")
    g = net.graph
    off: set[tuple[str, str]] = set()  # (service, stop) where no one gets off
    on: set[tuple[str, str]] = set()  # (service, stop) where no one gets on
    sources, targets = trip_ends(net, origin, layer=0), trip_ends(net, dest, layer=2)
    for _ in range(_COACH_TRIES):
        if why is None:
            return trip
        legs = list(trip.legs)
        rides = [i for i, leg in enumerate(legs) if leg.mode == "coach"]
        if not rides:
            break
        last, head = legs[rides[-1]], legs[rides[0]]
        if any(leg.mode == "car" for leg in legs[rides[-1] + 1:]):
            off.add((last.line_id, last.to_id))
        else:
            on.add((head.line_id, head.from_id))

        def weight(u, v, d, off=frozenset(off), on=frozenset(on)):
            if d["mode"] == "alight" and (d["link_id"], g.nodes[u].get("place")) in off:
                return None
            if d["mode"] == "board" and d.get("leg") == "wait" and (d["link_id"], g.nodes[v].get("place")) in on:
                return None
            return d["minutes"]

        best = None
        for src in sources:
            dist, paths = nx.single_source_dijkstra(g, src[0], weight=weight)
            for dst in targets:
                if dst[0] in dist and (best is None or src[1] + dist[dst[0]] + dst[1] < best[0]):
                    best = (src[1] + dist[dst[0]] + dst[1], paths[dst[0]], src, dst)
        if best is None:
            break
        trip = trip_from_path(net, origin, dest, "coach", best[1], best[2], best[3], minutes=best[0])
        why = coach_trip_problem(net, trip, car_minutes)
    return _NoTrip(NoSensibleCoachRoute, t("coach_none", "en", why=first), NO_COACH_ROUTE,
                   t("coach_none", "zh", why=first_zh))


def _transit(rail: _Answer, coach: _Answer) -> _Answer:
    trips = [a for a in (rail, coach) if isinstance(a, Trip)]
    if trips:
        return min(trips, key=lambda trip: trip.minutes)  # the rail trip on a tie
    assert isinstance(rail, _NoTrip)
    return rail  # neither: the rail answer's reason (no rail route, not in the scenario, unreachable)


def _best(net: Network, origin: Origin, dest: Origin, car: _Answer, rail: _Answer) -> _Answer:
    trips = [a for a in (car, rail) if isinstance(a, Trip)]
    if trips:
        return min(trips, key=lambda trip: trip.minutes)  # the car trip on a tie, as the router's "best"
    assert isinstance(car, _NoTrip) and isinstance(rail, _NoTrip)
    if car.reason == NOT_IN_SCENARIO:
        return car
    return _NoTrip(UnreachableError, f"{_label(origin)} -> {_label(dest)}: unreachable by car, and by rail: "
                   f"{rail.message}", UNREACHABLE)
