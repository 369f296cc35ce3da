"""Many travel times at once: :func:`one_to_all` and :func:`travel_time_matrix`.

Origins and destinations are what :func:`wuzhen_geo.model.routing.route` takes (place ids, zone ids, points),
joined to the graph the same way (:func:`~wuzhen_geo.model.routing.trip_ends`). Both use the CSR fast path
(:mod:`wuzhen_geo.model._fastpath`) by default; pass ``engine="networkx"`` for the plain NetworkX computation
of the same numbers (tested equal). Times only: for trips with legs, ask the router.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np
import pandas as pd

from wuzhen_geo.model.coords import Origin, origin_id
from wuzhen_geo.model.network import Network
from wuzhen_geo.model.nodes import car_weight, in_layer
from wuzhen_geo.model.routing import Engine, Mode, check_mode, trip_ends
from wuzhen_geo.model.trips import End

__all__ = ["one_to_all", "travel_time_matrix"]


def _node_times_fast(net: Network, sources: list[End], mode: str,
                     nodes: list[Hashable]) -> np.ndarray:
    """Minutes to each layer-0 end node (car) or its layer-1 twin (rail), the minimum of both for best."""
    fp = net.fast()
    pairs = [(s, o) for s, o, _ in sources]
    out = np.full(len(nodes), np.inf)
    if mode in ("car", "best"):
        out = np.minimum(out, fp.from_sources(pairs, car=True)[fp.rows(nodes)])
    if mode in ("rail", "best"):
        out = np.minimum(out, fp.from_sources(pairs, car=False)[fp.rows([in_layer(n, 1) for n in nodes])])
    return out


def _node_times_nx(net: Network, sources: list[End], mode: str,
                   nodes: list[Hashable]) -> np.ndarray:
    """The same numbers as :func:`_node_times_fast`, from NetworkX's Dijkstra (the reference)."""
    out = np.full(len(nodes), np.inf)
    for s, offset, _ in sources:
        if mode in ("car", "best"):
            d = nx.single_source_dijkstra_path_length(net.graph, s, weight=car_weight)
            out = np.minimum(out, [offset + d.get(n, math.inf) for n in nodes])
        if mode in ("rail", "best"):
            d = nx.single_source_dijkstra_path_length(net.graph, s, weight="minutes")
            out = np.minimum(out, [offset + d.get(in_layer(n, 1), math.inf) for n in nodes])
    return out


def one_to_all(net: Network, origin: Origin, *, mode: Mode = "best", engine: Engine = "fast") -> pd.Series:
    """Minutes from ``origin`` to every place of the network (``inf`` when unreachable), by place id."""
    check_mode(mode)
    place_ids = net.place_ids
    sources = trip_ends(net, origin, layer=0)
    fn = _node_times_fast if engine == "fast" else _node_times_nx
    return pd.Series(fn(net, sources, mode, place_ids), index=pd.Index(place_ids, name="to_id"), name="minutes")


def travel_time_matrix(net: Network, origins: Iterable[Origin], destinations: Iterable[Origin] | None = None,
                       *, mode: Mode = "best", engine: Engine = "fast") -> pd.DataFrame:
    """Long table ``from_id, to_id, mode, minutes`` for every origin x destination (all places by default).

    Zones resolve to their access place; points join the network as in :func:`~wuzhen_geo.model.routing.route`
    (a destination point is reached from its nearest road nodes). Rows are labelled by
    :func:`~wuzhen_geo.model.coords.origin_id`.
    """
    check_mode(mode)
    origins = list(origins)
    dests = list(destinations) if destinations is not None else net.place_ids
    # every node a destination may be reached at, with its extra minutes
    dest_ends = [trip_ends(net, d, layer=0) for d in dests]
    needed = sorted({n for ends in dest_ends for n, _, _ in ends}, key=str)
    col = {n: i for i, n in enumerate(needed)}
    # flattened (destination, end node, extra minutes): a destination's time is the min over its ends
    flat_col = np.array([col[n] for ends in dest_ends for n, _, _ in ends], dtype=np.int64)
    flat_extra = np.array([x for ends in dest_ends for _, x, _ in ends], dtype=float)
    starts = np.cumsum([0] + [len(ends) for ends in dest_ends[:-1]]).astype(np.int64)
    to_ids = [origin_id(d) for d in dests]
    origin_ends = [trip_ends(net, o, layer=0) for o in origins]
    if engine == "fast":
        times = _batch_times_fast(net, origin_ends, mode, needed)
    else:
        times = np.vstack([_node_times_nx(net, ends, mode, needed) for ends in origin_ends]) if origins else None
    if not origins:
        return pd.DataFrame({"from_id": [], "to_id": [], "mode": [], "minutes": []})
    if len(dests):
        minutes = np.minimum.reduceat(times[:, flat_col] + flat_extra[None, :], starts, axis=1)
    else:
        minutes = np.zeros((len(origins), 0))
    return pd.DataFrame({
        "from_id": np.repeat(np.array([origin_id(o) for o in origins], dtype=object), len(dests)),
        "to_id": np.tile(np.array(to_ids, dtype=object), len(origins)),
        "mode": mode,
        "minutes": minutes.ravel(),
    })


def _batch_times_fast(net: Network, origin_ends: list[list[End]], mode: str,
                      nodes: list[Hashable]) -> np.ndarray:
    """Rows of :func:`_node_times_fast` for many origins; single-node origins share one SciPy call."""
    out = np.full((len(origin_ends), len(nodes)), np.inf)
    simple = [i for i, ends in enumerate(origin_ends) if len(ends) == 1 and ends[0][1] == 0]
    if simple:
        fp = net.fast()
        srcs = [origin_ends[i][0][0] for i in simple]
        block = np.full((len(simple), len(nodes)), np.inf)
        if mode in ("car", "best"):
            block = np.minimum(block, fp.distances(srcs, car=True)[:, fp.rows(nodes)])
        if mode in ("rail", "best"):
            block = np.minimum(block, fp.distances(srcs, car=False)[:, fp.rows([in_layer(n, 1) for n in nodes])])
        out[simple] = block
    done = set(simple)
    for i, ends in enumerate(origin_ends):
        if i not in done:  # points: several start nodes with offsets
            out[i] = _node_times_fast(net, ends, mode, nodes)
    return out
