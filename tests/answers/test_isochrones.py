"""Travel-time surfaces and isochrones: hand-checkable toy cases, invariants, then the real network."""

from __future__ import annotations

import math
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from wuzhen_geo.answers.isochrones import isochrone_polygons
from wuzhen_geo.answers.surfaces import DEFAULT_CELLS, TravelTimeSurface, surface_from_node_times
from wuzhen_geo.model import Point

SPEED_KMH = 30.0  # 500 m per minute: easy to check by hand
M_PER_MIN = SPEED_KMH * 1000 / 60


def _nodes(**xy: tuple[float, float]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(xy, orient="index", columns=["x", "y"])


def _brute_force(surface: TravelTimeSurface, times: dict, xy: pd.DataFrame, detour: float) -> np.ndarray:
    """Minutes at every cell centre, computed over *all* nodes with an explicit distance matrix."""
    xx, yy = np.meshgrid(surface.x, surface.y)
    ids = [i for i in xy.index if np.isfinite(times.get(i, np.inf))]
    best = np.full(xx.shape, np.inf)
    for i in ids:
        d = np.hypot(xx - xy.at[i, "x"], yy - xy.at[i, "y"])
        best = np.minimum(best, times[i] + d * detour / M_PER_MIN)
    return best


def test_single_node_gives_concentric_rings_at_the_expected_radii():
    xy = _nodes(a=(0.0, 0.0))
    s = surface_from_node_times(
        {"a": 0.0}, xy, bounds=(-60_000, -60_000, 60_000, 60_000), k=1, access_kmh=SPEED_KMH, detour_factor=1.0
    )
    rings = isochrone_polygons(s, (30, 60, 90), to_crs=None)
    for row in rings.itertuples():
        expected_radius = row.minutes * M_PER_MIN  # 15, 30, 45 km
        boundary = np.asarray(row.geometry.exterior.coords)
        radii = np.hypot(boundary[:, 0], boundary[:, 1])
        assert np.all(np.abs(radii - expected_radius) <= s.cell_size), row.minutes
        assert len(row.geometry.interiors) == 0
        assert row.area_km2 == pytest.approx(math.pi * (expected_radius / 1000) ** 2, rel=0.01)


def test_detour_factor_shrinks_the_rings_by_its_inverse():
    xy = _nodes(a=(0.0, 0.0))
    s = surface_from_node_times(
        {"a": 10.0}, xy, bounds=(-40_000, -40_000, 40_000, 40_000), k=1, access_kmh=SPEED_KMH, detour_factor=1.25
    )
    ring = isochrone_polygons(s, (40,), to_crs=None).geometry.iloc[0]
    expected_radius = (40 - 10) * M_PER_MIN / 1.25  # 12 km after the node's own 10 minutes
    radii = np.hypot(*np.asarray(ring.exterior.coords).T)
    assert np.all(np.abs(radii - expected_radius) <= s.cell_size)


def test_two_nodes_match_a_brute_force_minimum():
    xy = _nodes(a=(0.0, 0.0), b=(20_000.0, 5_000.0))
    times = {"a": 0.0, "b": 12.0}
    s = surface_from_node_times(
        times, xy, bounds=(-10_000, -10_000, 30_000, 15_000), k=2, access_kmh=SPEED_KMH, detour_factor=1.3
    )
    np.testing.assert_allclose(s.minutes, _brute_force(s, times, xy, 1.3), rtol=1e-12)


def test_k_limits_the_candidates_to_the_nearest_nodes():
    # Node b is far and late, node a near and early; with k=1 each cell uses only its nearest node.
    xy = _nodes(a=(0.0, 0.0), b=(10_000.0, 0.0))
    times = {"a": 0.0, "b": 100.0}
    s = surface_from_node_times(
        times, xy, bounds=(-1_000, -1_000, 11_000, 1_000), cells=1_200, k=1, access_kmh=SPEED_KMH, detour_factor=1.0
    )
    near_b = s.sample([9_900.0], [0.0])[0]
    assert near_b == pytest.approx(100.0 + abs(s.x[np.argmin(abs(s.x - 9_900))] - 10_000) / M_PER_MIN, abs=0.5)
    s2 = surface_from_node_times(
        times, xy, bounds=(-1_000, -1_000, 11_000, 1_000), cells=1_200, k=2, access_kmh=SPEED_KMH, detour_factor=1.0
    )
    assert s2.sample([9_900.0], [0.0])[0] < 25  # with two candidates the early node wins: ~20 min


def test_unreachable_and_unknown_nodes_are_ignored():
    xy = _nodes(a=(0.0, 0.0), b=(5_000.0, 0.0))
    s = surface_from_node_times(
        {"a": 0.0, "b": float("inf"), "zzz": 1.0},
        xy,
        bounds=(-2_000, -2_000, 7_000, 2_000),
        cells=2_000,
        k=2,
        access_kmh=SPEED_KMH,
        detour_factor=1.0,
    )
    np.testing.assert_allclose(s.minutes, _brute_force(s, {"a": 0.0}, xy, 1.0))
    assert list(s.node_times.index) == ["a", "b"]


def test_nothing_reachable_gives_an_empty_surface_and_empty_polygons():
    xy = _nodes(a=(0.0, 0.0))
    s = surface_from_node_times(
        {"a": np.nan}, xy, bounds=(0, 0, 1_000, 1_000), cells=100, access_kmh=SPEED_KMH, detour_factor=1.0
    )
    assert np.isnan(s.minutes).all()
    rings = isochrone_polygons(s, (30, 60))
    assert rings.geometry.is_empty.all() and (rings.area_km2 == 0).all()
    assert len(s.to_geodataframe()) == 0


@settings(max_examples=40, deadline=None)
@given(
    pts=st.lists(
        st.tuples(st.floats(-30_000, 30_000), st.floats(-30_000, 30_000), st.floats(0, 120)),
        min_size=1,
        max_size=12,
    ),
    k=st.integers(1, 5),
    detour=st.floats(1.0, 2.0),
)
def test_a_cell_is_never_faster_than_its_best_node_and_exact_when_k_covers_all(pts, k, detour):
    xy = pd.DataFrame([(x, y) for x, y, _ in pts], columns=["x", "y"], index=[f"n{i}" for i in range(len(pts))])
    times = {f"n{i}": t for i, (_, _, t) in enumerate(pts)}
    kwargs = dict(bounds=(-35_000, -35_000, 35_000, 35_000), cells=2_500, access_kmh=SPEED_KMH, detour_factor=detour)
    s = surface_from_node_times(times, xy, k=k, **kwargs)
    exact = _brute_force(s, times, xy, detour)
    # Monotonicity: restricting to k nearest nodes can only make a cell slower, never faster than any node
    # time plus its own access time, and never faster than the earliest node.
    assert np.all(s.minutes >= exact - 1e-9)
    assert np.all(s.minutes >= min(times.values()) - 1e-9)
    full = surface_from_node_times(times, xy, k=len(pts), **kwargs)
    np.testing.assert_allclose(full.minutes, exact, rtol=1e-9, atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(
    width=st.floats(1_000, 400_000),
    height=st.floats(1_000, 400_000),
    cells=st.integers(DEFAULT_CELLS, 3 * DEFAULT_CELLS),
)
def test_grid_has_at_least_the_requested_cells_and_covers_the_bounds(width, height, cells):
    xy = _nodes(a=(0.0, 0.0))
    s = surface_from_node_times(
        {"a": 0.0}, xy, bounds=(0, 0, width, height), cells=cells, k=1, access_kmh=SPEED_KMH, detour_factor=1.0
    )
    assert s.n_cells >= cells
    assert s.n_cells <= 1.2 * cells + 2 * (len(s.x) + len(s.y))  # not wastefully many
    minx, miny, maxx, maxy = s.bounds
    assert minx <= 1e-6 and miny <= 1e-6 and maxx >= width - 1e-6 and maxy >= height - 1e-6
    assert np.allclose(np.diff(s.x), s.cell_size) and np.allclose(np.diff(s.y), s.cell_size)


def _three_node_surface() -> TravelTimeSurface:
    xy = _nodes(a=(0.0, 0.0), b=(40_000.0, 10_000.0), c=(-20_000.0, 30_000.0))
    return surface_from_node_times(
        {"a": 0.0, "b": 25.0, "c": 70.0},
        xy,
        bounds=(-60_000, -40_000, 80_000, 70_000),
        k=3,
        access_kmh=SPEED_KMH,
        detour_factor=1.3,
    )


def test_isochrones_are_valid_nested_and_bands_partition_them():
    s = _three_node_surface()
    breaks = (30, 60, 90, 120)
    nested = isochrone_polygons(s, breaks, to_crs=None)
    bands = isochrone_polygons(s, breaks, kind="bands", to_crs=None)
    assert list(nested.minutes) == list(breaks) and list(bands.minutes) == list(breaks)
    assert list(bands.min_minutes) == [0, 30, 60, 90]
    for frame in (nested, bands):
        assert shapely.is_valid(frame.geometry.values).all()
        assert set(frame.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    tol = 1.0  # m²-scale slivers from floating point
    for inner, outer in zip(nested.geometry[:-1], nested.geometry[1:]):
        assert inner.difference(outer).area <= tol
    for i, band in enumerate(bands.geometry):
        assert band.symmetric_difference(nested.geometry.iloc[i].difference(
            nested.geometry.iloc[i - 1]) if i else nested.geometry.iloc[0]).area <= 1e-6 * max(band.area, 1.0) + tol
    # Cells inside an area are (up to interpolation within one cell) within its time.
    g = s.to_geodataframe(to_crs=None, geometry="point")
    inside = g[g.within(nested.geometry.iloc[1])]
    assert len(inside) and inside.minutes.max() <= 60 + s.cell_size * 1.3 / M_PER_MIN


def test_isochrones_are_returned_in_wgs84_by_default():
    rings = isochrone_polygons(_three_node_surface(), (30, 60))
    assert rings.crs.to_epsg() == 4326
    assert rings.area_km2.iloc[1] > rings.area_km2.iloc[0] > 0


@pytest.mark.parametrize("breaks", [(), (0, 30), (60, 30), (30, 30), (-5,)])
def test_bad_breaks_are_refused_with_the_fix(breaks):
    with pytest.raises(ValueError, match="increasing positive"):
        isochrone_polygons(_three_node_surface(), breaks)


def test_bad_parameters_are_refused():
    xy = _nodes(a=(0.0, 0.0))
    with pytest.raises(ValueError, match="positive"):
        surface_from_node_times({"a": 0}, xy, bounds=(0, 0, 1, 1), access_kmh=0, detour_factor=1)
    with pytest.raises(ValueError, match="bounds"):
        surface_from_node_times({"a": 0}, xy, bounds=(0, 0, 0, 1), access_kmh=5, detour_factor=1)
    with pytest.raises(ValueError, match="'x' and 'y'"):
        surface_from_node_times({"a": 0}, xy.rename(columns={"x": "lon"}), access_kmh=5, detour_factor=1)
    with pytest.raises(ValueError, match="kind"):
        isochrone_polygons(_three_node_surface(), (30,), kind="rings")  # type: ignore[arg-type]


def test_to_geodataframe_cells_and_points():
    s = _three_node_surface()
    cells = s.to_geodataframe(to_crs=None)
    assert len(cells) == s.n_cells and cells.crs.to_epsg() == 32651
    assert cells.geometry.area.round(3).eq(round(s.cell_size**2, 3)).all()
    points = s.to_geodataframe(geometry="point")
    assert points.crs.to_epsg() == 4326 and points.geometry.geom_type.eq("Point").all()
    # Sampling at a cell centre returns that cell's value.
    i, j = 17, 23
    assert s.sample([s.x[j]], [s.y[i]])[0] == s.minutes[i, j]
    assert np.isnan(s.sample([1e9], [0.0])[0])


# --- wired to the network engine --------------------------------------------------------------------------


def _k_nearest_by_sorting(surface, node_xy: pd.DataFrame, times: pd.Series, k: int, cfg) -> np.ndarray:
    """Independent recomputation for every cell: full distance matrix, argsort, first k reachable nodes."""
    reach = times.reindex(node_xy.index).dropna()
    reach = reach[np.isfinite(reach)]
    xy = node_xy.loc[reach.index].to_numpy()
    xx, yy = np.meshgrid(surface.x, surface.y)
    d = np.hypot(xx.ravel()[:, None] - xy[:, 0], yy.ravel()[:, None] - xy[:, 1])
    order = np.argsort(d, axis=1, kind="stable")[:, :k]
    cand = reach.to_numpy()[order] + np.take_along_axis(d, order, axis=1) * cfg.access_detour_factor / (
        cfg.access_speed_kmh * 1000 / 60
    )
    return cand.min(axis=1).reshape(surface.minutes.shape)


def test_surface_on_a_network_matches_an_independent_recomputation(mini_net):
    from wuzhen_geo.answers.surfaces import road_node_ids, travel_time_surface
    from wuzhen_geo.model import one_to_all

    cfg = mini_net.config
    s = travel_time_surface(mini_net, "city_wuzhen", mode="car", cells=DEFAULT_CELLS)
    assert s.n_cells >= DEFAULT_CELLS and s.crs == "EPSG:32651"
    # a place leaves by its own access or as a point at its position, whichever is faster per node and cell
    position = Point(*mini_net.lonlat["city_wuzhen"])
    times = np.fmin(one_to_all(mini_net, "city_wuzhen", mode="car"),
                    one_to_all(mini_net, position, mode="car").reindex(one_to_all(mini_net, "city_wuzhen").index))
    ids = road_node_ids(mini_net)
    assert "ic_wuzhen" in ids and "stn_tongxiang" in ids and "stn_hz_east_metro" not in ids
    pts = mini_net.data.places.loc[ids].geometry.to_crs(32651)
    node_xy = pd.DataFrame({"x": pts.x, "y": pts.y}, index=ids)
    expected = _k_nearest_by_sorting(s, node_xy, times, int(cfg.access_k), cfg)
    origin = gpd.GeoSeries([shapely.Point(position.lon, position.lat)], crs=4326).to_crs(32651).iloc[0]
    straight = np.hypot(s.x[None, :] - origin.x, s.y[:, None] - origin.y)
    expected = np.fmin(expected, straight * cfg.access_detour_factor / (cfg.access_speed_kmh * 1000 / 60))
    np.testing.assert_allclose(s.minutes, expected, rtol=1e-9, atol=1e-9)
    # Monotonicity: no cell is reached faster than the earliest road node, and the cell holding a node is
    # within half a cell diagonal (at access speed) of that node's time.
    assert np.nanmin(s.minutes) >= times.reindex(ids).min() - 1e-9
    half_diag_min = s.cell_size / math.sqrt(2) * cfg.access_detour_factor / (cfg.access_speed_kmh * 1000 / 60)
    at_nodes = s.sample(node_xy.x, node_xy.y)
    assert np.all(at_nodes <= times.reindex(ids).to_numpy() + half_diag_min + 1e-9)


def test_best_surface_is_the_cellwise_minimum_of_car_and_rail(mini_net):
    from wuzhen_geo.answers.surfaces import travel_time_surface

    kw = dict(cells=10_000)
    best = travel_time_surface(mini_net, "city_wuzhen", mode="best", **kw).minutes
    car = travel_time_surface(mini_net, "city_wuzhen", mode="car", **kw).minutes
    rail = travel_time_surface(mini_net, "city_wuzhen", mode="rail", **kw).minutes
    assert np.all(best <= np.fmin(car, rail) + 1e-9)
    # A rail trip must ride a train, so rail is never faster than best anywhere, and near the origin it is
    # much slower than driving.
    assert np.all(rail >= best - 1e-9)


def test_point_origin_is_reached_directly_by_car_but_not_by_rail(mini_net):
    from wuzhen_geo.answers.surfaces import travel_time_surface
    from wuzhen_geo.model import Point

    origin = mini_net.data.places.loc["city_wuzhen"].geometry
    p = Point(origin.x + 0.01, origin.y + 0.01)  # about 1.4 km away from the town centre node
    car = travel_time_surface(mini_net, p, mode="car", cells=DEFAULT_CELLS)
    xy = gpd.GeoSeries([shapely.Point(p.lon, p.lat)], crs=4326).to_crs(32651)
    cfg = mini_net.config
    half_diag_min = car.cell_size / math.sqrt(2) * cfg.access_detour_factor / (cfg.access_speed_kmh * 1000 / 60)
    assert car.sample(xy.x, xy.y)[0] <= half_diag_min + 1e-9
    rail = travel_time_surface(mini_net, p, mode="rail", cells=DEFAULT_CELLS)
    assert rail.sample(xy.x, xy.y)[0] > 10  # must go to a station and ride a train first


def test_isochrones_of_a_network_surface_are_valid(mini_net):
    from wuzhen_geo.answers.surfaces import travel_time_surface

    s = travel_time_surface(mini_net, "city_tongxiang", mode="best")
    rings = isochrone_polygons(s, (30, 60, 90, 120))
    assert shapely.is_valid(rings.geometry.values).all()
    assert rings.area_km2.is_monotonic_increasing and rings.area_km2.iloc[0] > 0


def test_surface_timing_on_the_shipped_network(capsys, shipped_net):
    """One 40,000-cell surface on the shipped network; reports the time, asserts only a generous bound."""
    from wuzhen_geo.answers.surfaces import travel_time_surface

    net = shipped_net
    origin = "stn_tongxiang"
    travel_time_surface(net, origin, mode="best", cells=1_000)  # warm the fast-path snapshot
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        s = travel_time_surface(net, origin, mode="best", cells=DEFAULT_CELLS)
        runs.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    isochrone_polygons(s)
    poly_s = time.perf_counter() - t0
    with capsys.disabled():
        print(
            f"\n[timing] surface {s.n_cells} cells of {s.cell_size:.0f} m from {origin}: "
            f"median {sorted(runs)[1] * 1000:.0f} ms; isochrone polygons {poly_s * 1000:.0f} ms"
        )
    assert np.isfinite(s.minutes).mean() > 0.9
    assert sorted(runs)[1] < 5.0


def test_excluded_areas_are_cut_out_of_the_rings():
    s = _three_node_surface()
    lake = shapely.Point(0.0, 0.0).buffer(5_000)  # around node a, inside the 30-minute area
    excl = gpd.GeoSeries([lake, shapely.LineString([(0, 0), (1, 1)])], crs=32651)
    plain = isochrone_polygons(s, (30, 60), to_crs=None)
    cut = isochrone_polygons(s, (30, 60), to_crs=None, exclude=excl)
    assert shapely.is_valid(cut.geometry.values).all()
    for before, after in zip(plain.geometry, cut.geometry):
        assert after.intersection(lake).area < 1.0
        assert after.area == pytest.approx(before.area - before.intersection(lake).area, rel=1e-6)
    with pytest.raises(ValueError, match="CRS"):
        isochrone_polygons(s, (30,), exclude=gpd.GeoSeries([lake]))


def test_water_areas_are_the_sea_and_lake_polygons_of_the_context(mini_data, shipped_data):
    from wuzhen_geo.answers.isochrones import water_areas

    assert len(water_areas(mini_data)) == 0  # the mini fixture has only a canal line
    data = shipped_data
    water = water_areas(data)
    ctx = data.context
    expected = [i for i in ctx.index if ctx.at[i, "kind"] in ("sea", "lake")
                and ctx.at[i, "geometry"].geom_type in ("Polygon", "MultiPolygon")]
    assert len(expected) > 0 and sorted(water.index) == sorted(expected) and water.crs.to_epsg() == 4326


@pytest.mark.parametrize("scenario", ["today", "plan-full"])
def test_rail_and_best_surfaces_reach_every_place_when_its_answer_does(shipped_data, shipped_net, scenario):
    """The contours drew Xiaoshan airport inside the 120 min rail band from zone_hq while the airport table said
    140 (and Jiaxing Nanhu inside it, where the table says "no sensible rail route"): the surface took the
    fastest trip with any train in it. Its node times are now the answers every table gives, place by place."""
    from wuzhen_geo.answers import airport_ids
    from wuzhen_geo.answers.surfaces import travel_time_surface
    from wuzhen_geo.answers.trip_answers import answer_minutes
    from wuzhen_geo.model import build_network, shipped_scenarios

    net = shipped_net if scenario == "today" else build_network(shipped_data, shipped_scenarios(shipped_data)[scenario])
    airports = [a for a in airport_ids(shipped_data) if a in net.place_ids]
    for mode in ("rail", "best"):  # the surface's own node times at the airports: the airport table's minutes
        drawn = travel_time_surface(net, "zone_hq", mode=mode).node_times.reindex(airports)
        table = answer_minutes(net, ["zone_hq"], airports, mode=mode).set_index("to_id")["minutes"]
        np.testing.assert_allclose(drawn.to_numpy(), table.reindex(airports).to_numpy(), atol=1e-6, err_msg=mode)
    from wuzhen_geo.answers.surfaces import origin_node_times

    for origin in ("zone_hq", "city_tongxiang", "zone_agri", "apt_hgh", "stn_tongxiang"):
        for mode in ("rail", "best"):
            surface = origin_node_times(net, origin, mode)
            table = answer_minutes(net, [origin], net.place_ids, mode=mode).set_index("to_id")["minutes"]
            np.testing.assert_allclose(surface.reindex(table.index).to_numpy(), table.to_numpy(), atol=1e-6,
                                       err_msg=f"{scenario} {origin} {mode}")


def test_a_reached_cell_whose_neighbours_are_unreached_is_drawn_in_its_band():
    """Contours need four reached cell centres; a place at the limit of the rail-trip rule is a lone reached
    cell, and was drawn in no band although the tables give its minutes."""
    x = y = np.arange(9) * 1000.0
    minutes = np.full((9, 9), np.inf)
    minutes[4, 4] = 59.8  # alone
    minutes[0:3, 0:3] = 20.0  # a block the contours draw as usual
    s = TravelTimeSurface(x=x, y=y, minutes=minutes)
    nested = isochrone_polygons(s, (30, 60, 90), to_crs=None)
    bands = isochrone_polygons(s, (30, 60, 90), kind="bands", to_crs=None)
    lone = shapely.Point(4000.0, 4000.0)
    assert not nested.geometry.iloc[0].intersects(lone)
    assert nested.geometry.iloc[1].contains(lone) and nested.geometry.iloc[2].contains(lone)
    assert bands.geometry.iloc[1].contains(lone) and not bands.geometry.iloc[2].intersects(lone)
    assert bands.geometry.iloc[1].area == pytest.approx(1000.0 * 1000.0)  # the cell itself, no more
    assert nested.geometry.iloc[0].contains(shapely.Point(1000.0, 1000.0))
    for frame in (nested, bands):
        assert shapely.is_valid(frame.geometry.values).all()
    for i, band in enumerate(bands.geometry):  # the bands still do not overlap
        for other in bands.geometry.iloc[i + 1:]:
            assert band.intersection(other).area <= 1.0


def test_a_place_at_the_limit_of_the_rail_rule_lies_in_its_tables_band(shipped_data):
    """Jiaxing Nanhu airport from zone_industry in the full plan: 60 min by rail in the airport table, and no
    rail contour at all around it (every cell around the airport's own is beyond the rule's reach)."""
    from wuzhen_geo.answers import trip_answer
    from wuzhen_geo.answers.surfaces import travel_time_surface
    from wuzhen_geo.model import build_network, shipped_scenarios

    net = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    minutes = trip_answer(net, "zone_industry", "apt_jxn", mode="rail").minutes
    breaks = (30, 60, 90, 120)
    rings = isochrone_polygons(travel_time_surface(net, "zone_industry", mode="rail"), breaks)
    airport = shipped_data.places.loc["apt_jxn"].geometry
    first = next(b for b in breaks if minutes <= b)
    for ring in rings.itertuples():
        assert ring.geometry.intersects(airport) == (ring.minutes >= first), (ring.minutes, minutes)
