"""Trips and their legs: :class:`Leg`, :class:`Trip`, and :func:`trip_from_path`, which builds a trip from a path.

A path of the graph (:mod:`wuzhen_geo.model.network`) becomes legs edge by edge (zero-time steps such as
alighting left out), with a drive added at each end that is a :class:`~wuzhen_geo.model.coords.Point`
(``"local access"``); consecutive legs of one mode and line are then merged, and all consecutive driving
becomes one car leg. The leg of each graph edge is built once per network and kept with it
(:meth:`~wuzhen_geo.model.network.Network.cached`). Every trip the model and the answers give is built here:
:func:`wuzhen_geo.model.routing.route` and the rail trips of :mod:`wuzhen_geo.answers.railtrips` alike.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry import LineString, mapping

from wuzhen_geo.model.coords import Origin, Point, origin_id
from wuzhen_geo.model.network import Network
from wuzhen_geo.model.nodes import node_place
from wuzhen_geo.vocabulary import COACH_CLASSES, format_minutes

__all__ = ["End", "Leg", "Trip", "trip_from_path"]

#: Where a trip starts or ends in the graph: ``(node, minutes to reach it, metres to reach it)``; both are 0
#: for a place, and the drive from a point to one of its nearest road nodes otherwise.
End = tuple[Hashable, float, float]


@dataclass(frozen=True)
class Leg:
    """One part of a trip: a drive, a train ride, a walk, a wait or a station check."""

    mode: str  # car / rail / walk / wait / processing
    from_id: str
    from_name: str
    to_id: str
    to_name: str
    line_id: str | None
    line_name: str | None
    minutes: float
    km: float
    from_name_zh: str = ""
    to_name_zh: str = ""
    line_name_zh: str | None = None
    coords: tuple[tuple[float, float], ...] = field(default=(), repr=False)

    @property
    def geometry(self) -> LineString | None:
        return LineString(self.coords) if len(self.coords) >= 2 else None

    def describe(self, lang: str = "en") -> str:
        """Short text such as ``rail 17 min (Shanghai-Hangzhou HSR)``."""
        name = self.line_name_zh if lang == "zh" else self.line_name
        return f"{self.mode} {format_minutes(self.minutes, lang)}" + (f" ({name})" if name else "")


@dataclass(frozen=True)
class Trip:
    """A route: total ``minutes`` and ``km``, the ``mode`` it used (car/rail) and its ``legs``.

    ``origin`` and ``destination`` are the ids asked for (a point as its :func:`~wuzhen_geo.model.coords.origin_id`,
    ``"pt:lat,lon"``); ``legs`` is a tuple of
    :class:`Leg`; ``geometry`` is the whole trip as one WGS-84 LineString.

    ``link_ids`` are the ids of the links the trip uses, in order, each run of one link once; it includes the
    road links that :func:`wuzhen_geo.model.routing.route` merges into one drive leg (a connector joining a stop drawn by a scenario
    edit appears as ``"<edit id>__access"``). ``place_ids`` are the places it passes through, in order (not
    a clicked point). :attr:`feature_ids` is both as a set: what a scenario comparison looks for.
    """

    origin: str
    destination: str
    mode: str
    minutes: float
    km: float
    legs: tuple[Leg, ...]
    link_ids: tuple[str, ...] = ()
    place_ids: tuple[str, ...] = ()

    @property
    def feature_ids(self) -> frozenset[str]:
        """Every link and place the trip uses (:attr:`link_ids` and :attr:`place_ids`)."""
        return frozenset(self.link_ids) | frozenset(self.place_ids)

    @property
    def geometry(self) -> LineString:
        """The whole trip as one WGS-84 line (legs without a shape are skipped)."""
        coords: list[tuple[float, float]] = []
        for leg in self.legs:
            for c in leg.coords:
                if not coords or coords[-1] != c:
                    coords.append(c)
        if len(coords) < 2:  # a trip that goes nowhere (origin == destination) has an empty shape
            return LineString()
        return LineString(coords)

    def legs_text(self, lang: str = "en") -> str:
        return " → ".join(leg.describe(lang) for leg in self.legs)

    def to_geojson(self) -> dict[str, Any]:
        """A GeoJSON FeatureCollection with one LineString feature per leg that has a shape."""
        feats = []
        for i, leg in enumerate(self.legs):
            geom = leg.geometry
            if geom is None:
                continue
            props = {
                "seq": i, "mode": leg.mode, "from_id": leg.from_id, "from_name": leg.from_name,
                "to_id": leg.to_id, "to_name": leg.to_name, "line_id": leg.line_id, "line_name": leg.line_name,
                "minutes": round(leg.minutes, 2), "km": round(leg.km, 3),
            }
            feats.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
        return {
            "type": "FeatureCollection",
            "properties": {"origin": self.origin, "destination": self.destination, "mode": self.mode,
                           "minutes": round(self.minutes, 2), "km": round(self.km, 3)},
            "features": feats,
        }


def trip_from_path(net: Network, origin: Origin, destination: Origin, mode: str, path: Sequence[Hashable],
                   src: End, dst: End, *, minutes: float | None = None) -> Trip:
    """The :class:`Trip` along ``path`` (graph nodes) from ``origin`` to ``destination``.

    ``src`` and ``dst`` are the ends the path starts and stops at (from
    :func:`wuzhen_geo.model.routing.trip_ends`): a point origin or destination gets its access drive as a leg.
    ``minutes`` is the trip's total when the search that found the path knows it (its offsets included);
    by default the sum of the legs.
    """
    legs = _path_legs(net, path)
    if isinstance(origin, Point):
        legs.insert(0, _access_leg(net, origin, src, outbound=True))
    if isinstance(destination, Point):
        legs.append(_access_leg(net, destination, dst, outbound=False))
    legs = _merge(legs)
    link_ids, place_ids = _path_ids(net, path)
    total = float(sum(leg.minutes for leg in legs)) if minutes is None else minutes
    return Trip(origin=origin_id(origin), destination=origin_id(destination), mode=mode, minutes=total,
                km=sum(leg.km for leg in legs), legs=tuple(legs), link_ids=link_ids, place_ids=place_ids)


def _path_ids(net: Network, path: Sequence[Hashable]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Link ids of the path's edges and place ids of its nodes, in order, consecutive repeats dropped."""
    g = net.graph
    links: list[str] = []
    for u, v in zip(path, path[1:]):
        link = g.edges[u, v].get("link_id")
        if link and (not links or links[-1] != link):
            links.append(str(link))
    places: list[str] = []
    for node in path:
        place = g.nodes[node].get("place")
        if place and (not places or places[-1] != place):
            places.append(str(place))
    return tuple(links), tuple(places)


def _access_leg(net: Network, pt: Point, end: End, *, outbound: bool) -> Leg:
    pid = node_place(end[0])
    here = (pt.lon, pt.lat)
    there = net.lonlat[pid]
    a_id, a_name, a_zh, b_id, b_name, b_zh = pt.label, pt.label, pt.label, pid, net.name(pid), net.name(pid, "zh")
    coords = (here, there)
    if not outbound:
        a_id, a_name, a_zh, b_id, b_name, b_zh = b_id, b_name, b_zh, a_id, a_name, a_zh
        coords = (there, here)
    km = end[2] * net.config.access_detour_factor / 1000.0
    return Leg("car", a_id, a_name, b_id, b_name, None, "local access", end[1], km, a_zh, b_zh, "本地道路", coords)


def _edge_legs(net: Network) -> dict[tuple[Hashable, Hashable], Leg | None]:
    """Legs of single edges, per network: a Leg depends only on its edge, so each is built once. The values
    are immutable; a lost race only builds the same Leg twice."""
    return net.cached("edge_legs", dict)


def _edge_leg(net: Network, u: Hashable, v: Hashable) -> Leg | None:
    """The leg of one edge (None for a zero-time step such as alighting)."""
    g = net.graph
    d = g.succ[u][v]
    if d["leg"] is None:
        return None
    a, b = g.nodes[u]["place"], g.nodes[v]["place"]
    line = d.get("line")
    zh, en = g.graph.get("link_names", {}).get(line, (None, None))
    if d["leg"] == "walk" and line == "station_exit":
        zh, en = "出站", "station exit"
    elif d["leg"] == "walk" and line == "coach_exit":  # off the coach and out of its stop (not a wait)
        zh, en = "下车出站", "coach exit"
    elif d["leg"] == "walk" and line == "airport_kerb":
        zh, en = "落客/停车", "drop-off / car park"
    elif d["leg"] == "processing" and str(line).removesuffix("_check") in COACH_CLASSES:
        zh, en = "安检进站（大巴）", "coach ticket and security check"
    elif d["leg"] == "processing":
        zh, en = "安检进站", "ticket and security check"
    elif d["leg"] == "wait":
        zh, en = (f"候车 {zh}" if zh else "候车"), (f"wait for {en}" if en else "wait")
    return Leg(
        mode=d["leg"], from_id=a, from_name=net.name(a), to_id=b, to_name=net.name(b),
        line_id=d.get("link_id"), line_name=en, minutes=float(d["minutes"]), km=float(d["km"]),
        from_name_zh=net.name(a, "zh"), to_name_zh=net.name(b, "zh"), line_name_zh=zh,
        coords=tuple(tuple(c) for c in d.get("coords", ())),
    )


def _path_legs(net: Network, path: Sequence[Hashable]) -> list[Leg]:
    """One leg per edge of ``path`` that takes part in a trip (zero-time steps left out)."""
    memo = _edge_legs(net)
    legs: list[Leg] = []
    for u, v in zip(path, path[1:]):
        try:
            leg = memo[u, v]
        except KeyError:
            leg = memo.setdefault((u, v), _edge_leg(net, u, v))
        if leg is not None:
            legs.append(leg)
    return legs


def _merge(legs: list[Leg]) -> list[Leg]:
    """Merge consecutive legs of one mode and line; all consecutive driving becomes one car leg."""
    out: list[Leg] = []
    i = 0
    while i < len(legs):
        first = legs[i]
        j = i + 1
        while j < len(legs) and legs[j].mode == first.mode and (first.mode == "car"
                                                                 or legs[j].line_id == legs[j - 1].line_id):
            j += 1
        if j == i + 1:
            out.append(first)
            i = j
            continue
        # Fold the run leg by leg, in order, so that sums and names come out as merging pairwise would.
        line_id, line_name, line_zh = first.line_id, first.line_name, first.line_name_zh
        minutes, km, coords = first.minutes, first.km, list(first.coords)
        for leg in legs[i + 1 : j]:
            if leg.mode == "car" and leg.line_name and leg.line_name not in (line_name or "").split(" / "):
                line_name = f"{line_name} / {leg.line_name}" if line_name else leg.line_name
                line_zh = f"{line_zh} / {leg.line_name_zh}" if line_zh else leg.line_name_zh
            line_id = line_id if line_id == leg.line_id else None
            minutes += leg.minutes
            km += leg.km
            coords.extend(leg.coords[1:] if coords and leg.coords[:1] == (coords[-1],) else leg.coords)
        last = legs[j - 1]
        out.append(Leg(
            mode=first.mode, from_id=first.from_id, from_name=first.from_name, to_id=last.to_id,
            to_name=last.to_name, line_id=line_id, line_name=line_name, minutes=minutes, km=km,
            from_name_zh=first.from_name_zh, to_name_zh=last.to_name_zh, line_name_zh=line_zh,
            coords=tuple(coords),
        ))
        i = j
    return out
