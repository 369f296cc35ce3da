"""Travel-time surfaces: minutes from one origin to every cell of a regular grid.

A surface answers "how long from this origin to every point of the study area?" in two steps:

1. one one-to-all run of the routing fast path gives the minutes to every place of the network;
2. every cell of a regular grid in metres (EPSG:32651) is reached from its ``k`` nearest road nodes at the
   point-access speed with the detour factor of the model configuration — the same rule that connects a
   :class:`wuzhen_geo.model.coords.Point` origin to the network — and keeps the fastest of them.

Step 2 needs each cell's nearest nodes, which do not depend on the origin: :func:`travel_time_surface`
takes them from a :class:`~wuzhen_geo.answers._cell_lookup.CellLookup` prepared once per network and grid (a small
per-network cache), so per origin only a gather and a ``min`` over an ``(n_cells, k)`` array remain; no
Python loop runs per cell. :func:`surface_from_node_times` is the same step computed from scratch (a KD-tree
of the reachable nodes per call) and can be checked by hand on a toy set of nodes; both give identical
minutes (tested).

Isochrone polygons drawn from a surface are in :mod:`wuzhen_geo.answers.isochrones`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from wuzhen_geo.answers._cell_lookup import CellLookup, grid_axes, k_nearest_minutes, network_lookup, network_nodes
from wuzhen_geo.answers._rail_surface import sensible_rail_reach, sensible_rail_times
from wuzhen_geo.answers.trip_answers import origin_twin, same_place
from wuzhen_geo.model import Point, node_place, one_to_all
from wuzhen_geo.vocabulary import CRS as WGS84
from wuzhen_geo.vocabulary import METRIC_CRS

__all__ = [
    "CellLookup",
    "TravelTimeSurface",
    "road_node_ids",
    "surface_from_node_times",
    "travel_time_surface",
]

log = logging.getLogger(__name__)

DEFAULT_CELLS = 40_000
DEFAULT_MARGIN_M = 5_000.0  # pad the data extent so that rings around edge places are not cut off


@dataclass(frozen=True, eq=False)
class TravelTimeSurface:
    """Minutes from one origin to the centre of every cell of a regular grid.

    Attributes
    ----------
    x, y
        Cell-centre coordinates in ``crs`` (metres), both ascending; shapes ``(nx,)`` and ``(ny,)``.
    minutes
        Array of shape ``(ny, nx)``: ``minutes[i, j]`` is the time to the cell centred at ``(x[j], y[i])``;
        ``nan`` where no reachable node lies within reach.
    crs
        The metric CRS of ``x`` and ``y`` (EPSG:32651 for the shipped data).
    origin, mode
        What the surface was computed for (informative only).
    node_times
        The one-to-all minutes (by node id) the surface was built from.
    """

    x: np.ndarray
    y: np.ndarray
    minutes: np.ndarray
    crs: str = METRIC_CRS
    origin: Any = None
    mode: str | None = None
    node_times: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))

    def __post_init__(self) -> None:
        if self.minutes.shape != (len(self.y), len(self.x)):
            raise ValueError(
                f"minutes has shape {self.minutes.shape}; expected (len(y), len(x)) = ({len(self.y)}, {len(self.x)})"
            )

    @property
    def n_cells(self) -> int:
        """Number of grid cells (``nx * ny``)."""
        return int(self.minutes.size)

    @property
    def cell_size(self) -> float:
        """Edge length of a (square) cell in metres."""
        if len(self.x) > 1:
            return float(self.x[1] - self.x[0])
        return float(self.y[1] - self.y[0]) if len(self.y) > 1 else 0.0

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """Outer bounds of the grid ``(minx, miny, maxx, maxy)`` in ``crs``."""
        h = self.cell_size / 2
        return (float(self.x[0] - h), float(self.y[0] - h), float(self.x[-1] + h), float(self.y[-1] + h))

    def sample(self, x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> np.ndarray:
        """Minutes of the cells containing the points ``(x, y)`` (in ``crs``); ``nan`` outside the grid."""
        xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        s = self.cell_size
        j = np.floor((xs - self.bounds[0]) / s).astype(int)
        i = np.floor((ys - self.bounds[1]) / s).astype(int)
        inside = (j >= 0) & (j < len(self.x)) & (i >= 0) & (i < len(self.y))
        out = np.full(xs.shape, np.nan)
        out[inside] = self.minutes[i[inside], j[inside]]
        return out

    def to_geodataframe(
        self, *, to_crs: str | None = WGS84, geometry: Literal["cell", "point"] = "cell", dropna: bool = True
    ) -> gpd.GeoDataFrame:
        """One row per cell with ``x``, ``y`` (cell centre in ``self.crs``) and ``minutes``.

        Parameters
        ----------
        to_crs
            CRS of the returned geometry (WGS-84 by default, for maps); ``None`` keeps the metric CRS.
        geometry
            ``"cell"`` for square polygons, ``"point"`` for cell centres.
        dropna
            Leave out unreachable cells.
        """
        xx, yy = np.meshgrid(self.x, self.y)
        xs, ys, mins = xx.ravel(), yy.ravel(), self.minutes.ravel()
        if dropna:
            keep = np.isfinite(mins)
            xs, ys, mins = xs[keep], ys[keep], mins[keep]
        if geometry == "cell":
            h = self.cell_size / 2
            geoms = shapely.box(xs - h, ys - h, xs + h, ys + h)
        elif geometry == "point":
            geoms = shapely.points(xs, ys)
        else:
            raise ValueError(f"geometry={geometry!r}; use 'cell' or 'point'")
        frame = gpd.GeoDataFrame({"x": xs, "y": ys, "minutes": mins}, geometry=geoms, crs=self.crs)
        return frame.to_crs(to_crs) if to_crs is not None else frame


def surface_from_node_times(
    node_times: pd.Series | Mapping[Any, float],
    node_xy: pd.DataFrame,
    *,
    bounds: Sequence[float] | None = None,
    cells: int = DEFAULT_CELLS,
    k: int = 3,
    access_kmh: float,
    detour_factor: float,
    margin_m: float = DEFAULT_MARGIN_M,
    crs: str = METRIC_CRS,
    origin: Any = None,
    mode: str | None = None,
    room: pd.Series | Mapping[Any, float] | None = None,
) -> TravelTimeSurface:
    """Grid surface from node times: ``cell = min over k nearest nodes of (t_node + d * detour / speed)``.

    Parameters
    ----------
    node_times
        Minutes to each node (by id); ``inf``/``nan`` or missing means unreachable.
    node_xy
        Node positions in ``crs`` (metres): a DataFrame indexed by node id with columns ``x`` and ``y``.
        Only nodes present here *and* reachable in ``node_times`` take part.
    bounds
        ``(minx, miny, maxx, maxy)`` of the grid in ``crs``; default the extent of ``node_xy`` padded by
        ``margin_m``.
    cells
        Minimum number of cells; cells are square.
    k
        How many nearest reachable nodes each cell may be reached from.
    access_kmh, detour_factor
        Speed and detour factor of the last stretch from a node to the cell centre (straight line × detour).
    room
        Minutes by node id that bound that last stretch (a rail trip's room under the rail-trip rule:
        :func:`~wuzhen_geo.answers._rail_surface.sensible_rail_reach`); ``None``: no bound.
    """
    if access_kmh <= 0 or detour_factor <= 0:
        raise ValueError(f"access_kmh={access_kmh} and detour_factor={detour_factor} must both be positive")
    if k < 1:
        raise ValueError(f"k={k}; need at least 1 nearest node")
    missing = {"x", "y"} - set(node_xy.columns)
    if missing:
        raise ValueError(f"node_xy lacks column(s) {sorted(missing)}; pass a DataFrame with 'x' and 'y' in metres")
    times = pd.Series(node_times, dtype=float)
    common = node_xy.index[node_xy.index.isin(times.index)]  # in node_xy order, as a CellLookup keeps them
    t = times.reindex(common).to_numpy(dtype=float)
    reachable = np.isfinite(t)
    xy = node_xy.loc[common, ["x", "y"]].to_numpy(dtype=float)[reachable]
    t = t[reachable]
    bound = None if room is None else pd.Series(room, dtype=float).reindex(common).fillna(np.inf).to_numpy()[reachable]
    if bounds is None:
        if len(node_xy) == 0:
            raise ValueError("no node positions to derive the grid bounds from; pass bounds=")
        all_xy = node_xy[["x", "y"]].to_numpy(dtype=float)
        lo, hi = all_xy.min(axis=0) - margin_m, all_xy.max(axis=0) + margin_m
        bounds = (lo[0], lo[1], hi[0], hi[1])
    xs, ys = grid_axes(bounds, cells)
    xx, yy = np.meshgrid(xs, ys)
    centres = np.column_stack([xx.ravel(), yy.ravel()])
    minutes = k_nearest_minutes(xy, t, centres, k, access_kmh=access_kmh, detour_factor=detour_factor, room=bound)
    minutes = minutes.reshape(len(ys), len(xs))
    return TravelTimeSurface(
        x=xs, y=ys, minutes=minutes, crs=crs, origin=origin, mode=mode, node_times=times.reindex(common)
    )


def at_own_cells(minutes: np.ndarray, xs: np.ndarray, ys: np.ndarray, node_xy: pd.DataFrame,
                  times: pd.Series) -> np.ndarray:
    """``minutes`` with the cell each place (road node) lies in at the place's own time, the fastest where a
    cell holds several, and unreached where none of them is: the map then gives a place the minutes the
    tables give it. By rail the cell's centre can differ from its place by the rule alone (a drive of 7 min
    after the last train passes it, one of 9 min does not), and the tables answer for the place."""
    common = node_xy.index[node_xy.index.isin(times.index)]
    t = times.reindex(common).to_numpy(dtype=float)
    xy = node_xy.loc[common, ["x", "y"]].to_numpy(dtype=float)
    if not len(t) or len(xs) < 2 or len(ys) < 2:
        return minutes
    col = np.rint((xy[:, 0] - xs[0]) / (xs[1] - xs[0])).astype(int)
    row = np.rint((xy[:, 1] - ys[0]) / (ys[1] - ys[0])).astype(int)
    inside = (col >= 0) & (col < len(xs)) & (row >= 0) & (row < len(ys))
    own = np.full(minutes.shape, np.inf)
    np.minimum.at(own, (row[inside], col[inside]), np.where(np.isnan(t[inside]), np.inf, t[inside]))
    held = np.zeros(minutes.shape, dtype=bool)
    held[row[inside], col[inside]] = True
    return np.where(held, own, minutes)  # inf: unreached, as the rest of a rail surface


def road_node_ids(net: Any) -> list[str]:
    """Place ids of the network's road nodes (``net.road_nodes``): where a point joins the network.

    An airport's road node is its kerb (``("kerb", 0, airport)``); it is reported as the airport's id.
    """
    return sorted({node_place(n) for n in net.road_nodes})


def _metric_xy(lonlat: Mapping[str, tuple[float, float]], crs: str) -> pd.DataFrame:
    """Metric ``x``, ``y`` (in ``crs``) of WGS-84 points by id."""
    ids = list(lonlat)
    pts = gpd.GeoSeries(shapely.points([lonlat[i] for i in ids]) if ids else [], crs=WGS84).to_crs(crs)
    return pd.DataFrame({"x": pts.x.to_numpy(), "y": pts.y.to_numpy()}, index=pd.Index(ids, dtype=object))


def travel_time_surface(
    net: Any,
    origin: Any,
    *,
    mode: str = "best",
    cells: int = DEFAULT_CELLS,
    config: Any = None,
    bounds: Sequence[float] | None = None,
    margin_m: float = DEFAULT_MARGIN_M,
    cache: bool = True,
    engine: str = "fast",
) -> TravelTimeSurface:
    """Travel-time surface from ``origin`` over the study area of ``net``.

    Parameters
    ----------
    net
        A :class:`wuzhen_geo.model.network.Network`; read only.
    origin
        Place id, zone id or :class:`wuzhen_geo.model.coords.Point`, as :func:`wuzhen_geo.model.matrices.one_to_all`
        accepts.
    mode
        ``"car"``, ``"rail"`` (trips that pass the rail-trip rule, as every "by rail" answer) or ``"best"``
        (the faster of the two).
    cells
        Minimum number of grid cells (40,000 by default, about 1 km cells over the shipped region).
    config
        A :class:`wuzhen_geo.model.config.ModelConfig` for the access speed, detour factor and ``k``; the network's
        own configuration by default.
    bounds
        Grid bounds in EPSG:32651; default the extent of the network's places padded by ``margin_m``.
    cache
        Take the cells' nearest nodes from the per-network :class:`~wuzhen_geo.answers._cell_lookup.CellLookup`
        (built on first use); ``False`` computes them from scratch with :func:`surface_from_node_times`.
        Both give identical minutes.
    engine
        ``"fast"`` (default) or ``"networkx"``: the engine of the one-to-all step
        (:func:`wuzhen_geo.model.matrices.one_to_all`); both give the same node times.

    Notes
    -----
    For ``"car"`` and ``"best"`` a point origin also reaches every cell directly (straight line at the access
    speed with the detour factor), so that the cells around it are reached without a detour through the
    network. For ``"rail"`` it does not: every rail trip must ride a train, even to a cell next door. A point on a
    place is that place, and a city centre or sight is also taken as a point at its position (the faster of the
    two per node and cell), as the answers take them, so a place and its pasted coordinates give one surface.
    """
    cfg = config if config is not None else net.config
    started = time.perf_counter()
    # By rail a cell is reached from a place only within the room of the trip behind the place's time (the
    # last stretch is more driving the rule would judge); by best, the faster of the car and rail surfaces.
    parts = [origin_node_times(net, origin, m, engine) for m in (("car", "rail") if mode == "best" else (mode,))]
    node_times = parts[0] if len(parts) == 1 else np.fmin(parts[0], parts[1].reindex(parts[0].index)).rename(
        parts[0].name)
    position = origin if isinstance(origin, Point) else _place_position(net, origin)
    # Node times are the answers', by place. An airport's kerb takes the airport's time, which for a car
    # includes the drop-off minutes: cells next to a terminal are a few minutes pessimistic by car.
    nodes = network_nodes(net, lambda lonlat: _metric_xy(lonlat, METRIC_CRS), road_node_ids)
    if bounds is None:
        lo, hi = nodes.places_lo - margin_m, nodes.places_hi + margin_m
        bounds = (lo[0], lo[1], hi[0], hi[1])
    k, access_kmh, detour = int(cfg.access_k), float(cfg.access_speed_kmh), float(cfg.access_detour_factor)
    grids = []
    for part in parts:
        room = part.attrs.get("room")
        if cache:
            lookup = network_lookup(net, nodes, bounds=bounds, cells=cells, k=k)
            grids.append(lookup.minutes(part, access_kmh=access_kmh, detour_factor=detour, room=room))
            xs, ys = lookup.x, lookup.y
            used = node_times.reindex(lookup.node_ids[lookup.node_ids.isin(node_times.index)])
        else:
            plain = surface_from_node_times(part, nodes.node_xy, bounds=bounds, cells=cells, k=k,
                                            access_kmh=access_kmh, detour_factor=detour, room=room)
            grids.append(plain.minutes)
            xs, ys = plain.x, plain.y
            used = node_times.reindex(plain.node_times.index)
    if any(part.attrs.get("room") is not None for part in parts):  # a place is reached at its own time
        grids = [at_own_cells(g, xs, ys, nodes.node_xy, part) if part.attrs.get("room") is not None else g
                 for g, part in zip(grids, parts)]
    minutes = grids[0] if len(grids) == 1 else np.fmin(grids[0], grids[1])
    if position is not None and mode != "rail":
        minutes = np.fmin(minutes, _direct_minutes(position, xs, ys, access_kmh, detour))
    surface = TravelTimeSurface(x=xs, y=ys, minutes=minutes, crs=METRIC_CRS, origin=origin, mode=mode,
                                node_times=used)
    log.debug(
        "surface from %r (%s): %d cells of %.0f m in %.3f s",
        origin, mode, surface.n_cells, surface.cell_size, time.perf_counter() - started,
    )
    return surface


def origin_node_times(net: Any, origin: Any, mode: str, engine: str = "fast") -> pd.Series:
    """Minutes from ``origin`` to every place, by place id, as the answers give them (:func:`answer_node_times`)
    and read as the answers read an origin: a point on a place is that place, and a city centre or sight is
    also left the way a point at its position is (local roads), the faster taken, so that "桐乡市中心" and its
    pasted coordinates give one surface and one count of people reached."""
    place = same_place(net, origin)
    twin = origin_twin(net, place)
    if mode == "rail":  # with the room of each time's trip (attrs["room"]), for the cells around the place
        reach = [sensible_rail_reach(net, o) for o in (place, twin) if o is not None]
        times, room = reach[0]
        if len(reach) > 1:
            other = reach[1][0] < times
            times, room = times.where(~other, reach[1][0]), room.where(~other, reach[1][1])
        times.attrs["room"] = room
        return times
    times = answer_node_times(net, place, mode, engine)
    if twin is not None:
        times = pd.concat([times, answer_node_times(net, twin, mode, engine)], axis=1).min(axis=1).rename(times.name)
    return times


def answer_node_times(net: Any, origin: Any, mode: str, engine: str = "fast") -> pd.Series:
    """Minutes to every place as the answers give them, by place id: by car the router's; by rail the trips
    that pass the rail-trip rule (:func:`~wuzhen_geo.answers._rail_surface.sensible_rail_times`, as every table
    and "by rail" answer), not the router's fastest trip with any train in it; best the faster of the two."""
    if mode not in ("car", "rail", "best"):
        raise ValueError(f"mode {mode!r}: a surface is by 'car', 'rail' or 'best'")
    if mode == "car":
        return one_to_all(net, origin, mode="car", engine=engine)  # type: ignore[arg-type]
    rail = sensible_rail_times(net, origin)
    if mode == "rail":
        return rail
    car = one_to_all(net, origin, mode="car", engine=engine)  # type: ignore[arg-type]
    return np.fmin(car, rail.reindex(car.index)).rename(car.name)


def _place_position(net: Any, origin: Any) -> Point | None:
    """The WGS-84 position of a place origin (None for a zone, whose origin is an area, or an unknown id)."""
    if isinstance(origin, str) and origin in net.lonlat and origin in net.data.places.index:
        lon, lat = net.lonlat[origin]
        return Point(float(lon), float(lat))
    return None


def _direct_minutes(origin: Any, xs: np.ndarray, ys: np.ndarray, access_kmh: float, detour: float) -> np.ndarray:
    """Minutes from a WGS-84 point straight to every cell centre at the access speed with the detour."""
    pt = gpd.GeoSeries([shapely.Point(origin.lon, origin.lat)], crs=WGS84).to_crs(METRIC_CRS)
    dx = xs[None, :] - float(pt.x.iloc[0])
    dy = ys[:, None] - float(pt.y.iloc[0])
    return np.sqrt(dx * dx + dy * dy) * detour / (access_kmh * 1000.0 / 60.0)
