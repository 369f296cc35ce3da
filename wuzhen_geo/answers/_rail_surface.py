"""Rail times to every place by trips that pass the rail-trip rule: the node times of the rail surfaces.

The router's ``"rail"`` one-to-all (:func:`wuzhen_geo.model.one_to_all`) gives the fastest trip that rides any
train, a car trip with a train in it included. The airport table and every "by rail" answer give the fastest
trip that passes the rail-trip rule (:mod:`wuzhen_geo.answers.railtrips`). Contours and people reached by rail
drawn from the first disagreed with the second (Xiaoshan inside the 120 min band while the table said 140):
here every place's time is that of a trip of the form the rule's search takes, *drive to a boarding station
→ trains, changes and walks only → drive or walk on*, kept only when it passes the rule's sums (drive after
the last train, share of moving minutes on trains, the trains' circuity) and takes at most
``rail_max_car_ratio`` times the drive.

The rail-only part is the rail-trip search's own table (every boarding station to every exit), the origin part
its own drives; the last part, from every exit over the roads after the train, is searched once per network.
The check for a trip that returns to a place it left is not applied here (it needs each path): where it bites,
a place may be reached a little sooner than its answer. Each place's time comes with its trip's *room*, the
driving the trip could still add and pass the rule: a surface goes on from the place to the cells around it only
that far (:func:`sensible_rail_reach`).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from pyproj import Transformer

from wuzhen_geo.answers.railtrips import _rail_table, origin_drives
from wuzhen_geo.model import Network, Origin, Point, is_after_train, layer1, one_to_all, trip_ends
from wuzhen_geo.vocabulary import METRIC_CRS

__all__ = ["sensible_rail_reach", "sensible_rail_times"]

# Walks (station exits, kerbs) are not driving: the last part may take this much longer than the drive limit.
_WALK_ALLOWANCE_MIN = 15.0


class _LastParts:
    """From every exit of the rail table, the places reached after the train within the drive limit: per exit,
    the place indices, the minutes and the driving minutes of the way there. Kept per network; read only."""

    def __init__(self, net: Network) -> None:
        g, table = net.graph, _rail_table(net)
        place_index = {layer1(p): i for i, p in enumerate(net.place_ids)}
        view = nx.subgraph_view(g, filter_node=is_after_train,
                                filter_edge=lambda u, v: g.edges[u, v]["mode"] in ("road", "walk", "access"))
        cutoff = float(net.config.rail_max_final_drive_min) + _WALK_ALLOWANCE_MIN
        index = {node: i for i, node in enumerate(table.nodes)}
        self.place_xy = np.array([table.xy[index[layer1(p)]] if layer1(p) in index else (np.nan, np.nan)
                                  for p in net.place_ids], dtype=float).reshape(-1, 2)
        self.reached: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for exit_node in table.exits:
            if exit_node not in view:
                self.reached.append((np.zeros(0, dtype=int), np.zeros(0), np.zeros(0)))
                continue
            dist, paths = nx.single_source_dijkstra(view, exit_node, cutoff=cutoff, weight="minutes")
            found = [(place_index[n], d, _drive(g, paths[n])) for n, d in dist.items() if n in place_index]
            self.reached.append((np.array([f[0] for f in found], dtype=int), np.array([f[1] for f in found]),
                                 np.array([f[2] for f in found])))


def _rides_away(table: Any, rows: np.ndarray, k: int, place_xy: np.ndarray, tolerance_m: float) -> np.ndarray:
    """``(rows, places)``: True where the trip's last train takes it more than ``tolerance_m`` away from the
    place, as the rail-trip rule judges it (``ModelConfig.rail_max_away_km``)."""
    board, alight = table.last_board[rows, k], table.last_alight[rows, k]
    d_board = np.hypot(*(table.xy[board][:, None, :] - place_xy[None, :, :]).transpose(2, 0, 1))
    d_alight = np.hypot(*(table.xy[alight][:, None, :] - place_xy[None, :, :]).transpose(2, 0, 1))
    with np.errstate(invalid="ignore"):
        return (d_alight > d_board + tolerance_m) & (board >= 0)[:, None]


_TO_METRIC = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)


def origin_xy(net: Network, origin: Origin) -> tuple[float, float]:
    """Where a trip from ``origin`` starts, in the network's metric coordinates: the point itself, or the place
    (a zone's access place) its first leg leaves."""
    if isinstance(origin, Point):
        return _TO_METRIC.transform(origin.lon, origin.lat)
    node = net.graph.nodes[trip_ends(net, origin, layer=0)[0][0]]
    return float(node["x"]), float(node["y"])


def _rides_back(table: Any, origin_xy: tuple[float, float], tolerance_m: float) -> np.ndarray:
    """``(stations, exits)``: True where the trip's first train brings it more than ``tolerance_m`` nearer the
    origin than where it boarded, as the rail-trip rule judges it (``ModelConfig.rail_max_away_km``)."""
    board, alight = table.first_board, table.first_alight
    d_board = np.hypot(*(table.xy[board] - np.asarray(origin_xy)).transpose(2, 0, 1))
    d_alight = np.hypot(*(table.xy[alight] - np.asarray(origin_xy)).transpose(2, 0, 1))
    with np.errstate(invalid="ignore"):
        return (d_alight < d_board - tolerance_m) & (board >= 0) & (alight >= 0)


def _drive(g: nx.DiGraph, path: list[Hashable]) -> float:
    return sum(g.edges[u, v]["minutes"] for u, v in zip(path, path[1:]) if g.edges[u, v]["leg"] == "car")


def sensible_rail_times(net: Network, origin: Origin) -> pd.Series:
    """Minutes from ``origin`` to every place of the network by a trip that passes the rail-trip rule
    (``inf`` where none does), by place id, as :func:`wuzhen_geo.model.one_to_all` returns them."""
    return sensible_rail_reach(net, origin)[0]


def sensible_rail_reach(net: Network, origin: Origin) -> tuple[pd.Series, pd.Series]:
    """:func:`sensible_rail_times` and, for each place, the *room* of the trip behind its time: the minutes
    of driving that trip could still add after its last train and pass the rule (``nan`` where no trip does).
    A surface reaches a cell from a place only within that room, as the rule would judge the longer trip."""
    cfg = net.config
    place_ids = net.place_ids
    out, out_room = np.full(len(place_ids), np.inf), np.full(len(place_ids), np.nan)
    table = _rail_table(net)
    if table.stations and table.exits:
        to_station, out_drive = origin_drives(net, origin, trip_ends(net, origin, layer=0))
        last_parts = net.cached("rail_last_parts", lambda: _LastParts(net))
        reached = last_parts.reached
        share, limit = float(cfg.rail_min_train_share), float(cfg.rail_max_final_drive_min)
        with np.errstate(invalid="ignore", divide="ignore"):
            total = to_station[:, None] + table.minutes
            drive = out_drive[:, None] + table.drive
            # how much driving after the exit each (station, exit) trip can take and still pass the rule
            room = np.minimum(limit - table.final,
                              table.train / share - table.train - drive if share > 0 else np.inf)
            usable = (np.isfinite(total) & table.boarded & (room >= -1e-6)
                      & (table.circuity <= cfg.rail_max_circuity + 1e-6)
                      & ~_rides_back(table, origin_xy(net, origin), float(cfg.rail_max_away_km) * 1000.0))
        for k, (places, minutes, driving) in enumerate(reached):
            rows = np.flatnonzero(usable[:, k])
            if not rows.size or not places.size:
                continue
            fits = room[rows, k][:, None] >= driving[None, :] - 1e-6
            fits &= ~_rides_away(table, rows, k, last_parts.place_xy[places], float(cfg.rail_max_away_km) * 1000.0)
            cand = np.where(fits, total[rows, k][:, None], np.inf) + minutes
            pick = cand.argmin(axis=0)  # the fastest trip to each place through this exit
            best = cand[pick, np.arange(len(places))]
            better = best < out[places]  # a place is reached once per exit
            out[places[better]] = best[better]
            out_room[places[better]] = np.maximum(room[rows[pick], k] - driving, 0.0)[better]
    index = pd.Index(place_ids, name="to_id")
    times = pd.Series(out, index=index, name="minutes")
    car = one_to_all(net, origin, mode="car").reindex(times.index)
    kept = times <= cfg.rail_max_car_ratio * car  # a detour nobody would choose
    return times.where(kept, np.inf), pd.Series(out_room, index=index, name="room").where(kept)
