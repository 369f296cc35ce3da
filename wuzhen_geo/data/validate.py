"""Check a loaded geodata folder against the schema in ``geodata/README.md``, once, at the boundary.

Every finding is a :class:`~wuzhen_geo.data.problems.Problem` naming the file, the feature id, the field and the
fix. Errors make ``wuzhen-geo validate`` exit non-zero; warnings are printed but do not fail. The features
(places, links, zones, areas), their ids and the road network's connectivity are checked here; the plan files
(``projects.yaml``, ``targets.yaml``), the ``year_basis`` of expected opening years and the full-plan scenario's
project list in :mod:`wuzhen_geo.data._plan_checks`; the rail service fields and the coach links in
:mod:`wuzhen_geo.data._service_checks`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterator

import geopandas as gpd
import networkx as nx
import pandas as pd
from shapely.validation import explain_validity

from wuzhen_geo.data._plan_checks import (check_full_plan, check_projects, check_targets, check_year_bases,
                                          open_year_problems)
from wuzhen_geo.data._service_checks import check_services
from wuzhen_geo.data._unit_checks import check_units
from wuzhen_geo.data.problems import Problem, is_missing, is_number, note_translation_problems
from wuzhen_geo.vocabulary import (
    ACCURACIES,
    BOUNDARY_KINDS,
    CONTEXT_AREA,
    CONTEXT_KINDS,
    DATA_YEAR,
    HEADWAY_RANGE,
    LINK_CLASSES,
    METRIC_CRS,
    PLACE_KINDS,
    SPEED_RANGE,
    STATION_CLASSES,
    STATUSES,
    STUDY_AREA,
    WALK_MINUTES_RANGE,
    quoted,
)

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData

__all__ = ["road_graph", "validate_geodata"]

NODE_TOLERANCE_M = 50.0
ID_PATTERN = re.compile(r"^[a-z0-9_]+$")
COMMON_FIELDS = ("id", "name_zh", "name_en", "status", "open_year", "source", "accuracy")


def _rows(frame: pd.DataFrame) -> Iterator[tuple[str, str, dict[str, Any], Any]]:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else "geometry"
    for i, props in enumerate(frame.to_dict("records")):
        fid = props.get("id")
        label = quoted(fid).strip("'") if not is_missing(fid) else f"feature #{i}"
        yield str(props.get("_file", "?")), label, props, props.get(geometry)


# --- common fields -------------------------------------------------------------------------------------------


def _check_common(file: str, fid: str, p: dict[str, Any]) -> Iterator[Problem]:
    for name in COMMON_FIELDS:
        if name == "open_year":
            continue
        if is_missing(p.get(name)):
            yield Problem(file, fid, name, "missing or empty", f"give the feature a {name}")
    if not is_missing(p.get("id")) and (not isinstance(p["id"], str) or not ID_PATTERN.match(p["id"])):
        yield Problem(file, fid, "id", f"{quoted(p['id'])} is not text of lower-case [a-z0-9_]",
                      "write the id as text, e.g. \"stn_tongxiang\"")
    status, year = p.get("status"), p.get("open_year")
    if not is_missing(status) and (not isinstance(status, str) or status not in STATUSES):
        yield Problem(file, fid, "status", f"{quoted(status)} is not one of {', '.join(STATUSES)}", "use one of those")
    if not is_missing(p.get("accuracy")) and (not isinstance(p["accuracy"], str) or p["accuracy"] not in ACCURACIES):
        yield Problem(file, fid, "accuracy", f"{quoted(p['accuracy'])} is not one of {', '.join(ACCURACIES)}",
                      "use one of those")
    yield from note_translation_problems(file, fid, p)
    absent = p.get("_absent")
    if "open_year" not in p or (isinstance(absent, list) and "open_year" in absent):
        yield Problem(file, fid, "open_year", "missing", "give open_year (a year, or null when unknown)")
    else:
        yield from open_year_problems(file, fid, status, year)


def _inside(geom: Any, box: tuple[float, float, float, float] = STUDY_AREA) -> bool:
    if geom is None or geom.is_empty:
        return False
    minx, miny, maxx, maxy = geom.bounds
    return box[0] <= minx and maxx <= box[2] and box[1] <= miny and maxy <= box[3]


def _check_bounds(file: str, fid: str, geom: Any, box: tuple[float, float, float, float]) -> Iterator[Problem]:
    if geom is None or geom.is_empty:
        return
    minx, miny, maxx, maxy = geom.bounds
    if not _inside(geom, box):
        yield Problem(file, fid, "geometry",
                      f"lies outside the study area (lon {box[0]}–{box[2]}, lat {box[1]}–{box[3]}): bounds "
                      + ",".join(f"{v:.4f}" if abs(v) < 1e6 else f"{v:.3g}" for v in (minx, miny, maxx, maxy)),
                      "check for swapped lat/lon or a projected (non WGS-84) coordinate")


def _check_geometry(file: str, fid: str, geom: Any, allowed: tuple[str, ...]) -> Iterator[Problem]:
    if geom is None or geom.is_empty:
        yield Problem(file, fid, "geometry", "missing or empty", f"give it a {' or '.join(allowed)} geometry")
        return
    if geom.geom_type not in allowed:
        yield Problem(file, fid, "geometry", f"is a {geom.geom_type}", f"this file holds {' or '.join(allowed)}")
    elif not geom.is_valid:
        why = explain_validity(geom)
        if why.startswith("Invalid Coordinate"):  # NaN or infinite: no repair can guess the number
            yield Problem(file, fid, "geometry", f"a coordinate is not a number ({quoted(why)})",
                          "give every point as two numbers, [lon, lat] in degrees")
        else:
            yield Problem(file, fid, "geometry", f"invalid ({quoted(why)})",
                          "repair it (e.g. shapely.make_valid) or redraw it")


# --- layers --------------------------------------------------------------------------------------------------


def _check_places(places: pd.DataFrame) -> Iterator[Problem]:
    for file, fid, p, geom in _rows(places):
        yield from _check_common(file, fid, p)
        yield from _check_geometry(file, fid, geom, ("Point",))
        yield from _check_bounds(file, fid, geom, STUDY_AREA)
        kind = p.get("kind")
        if not isinstance(kind, str) or kind not in PLACE_KINDS:
            yield Problem(file, fid, "kind", f"{quoted(kind)} is not one of {', '.join(PLACE_KINDS)}", "use one of those")
        if kind == "station" and (not isinstance(p.get("station_class"), str)
                                  or p.get("station_class") not in STATION_CLASSES):
            yield Problem(file, fid, "station_class", f"{quoted(p.get('station_class'))} is not one of "
                          f"{', '.join(STATION_CLASSES)}", "say what kind of station it is")


def _node_positions(link_geom: Any, node_geoms: list[Any]) -> list[tuple[float, float]]:
    """(distance from the line, position along it) of each node, in metres (geometries already metric)."""
    return [(link_geom.distance(g), link_geom.project(g)) for g in node_geoms]


def _check_links(data: "GeoData", places_m: pd.Series, links_m: pd.Series) -> Iterator[Problem]:
    link_ids = set(data.links.index)
    for file, fid, p, geom in _rows(data.links):
        yield from _check_common(file, fid, p)
        yield from _check_geometry(file, fid, geom, ("LineString",))
        yield from _check_bounds(file, fid, geom, STUDY_AREA)
        mode, cls = p.get("mode"), p.get("class")
        if not isinstance(mode, str) or mode not in LINK_CLASSES:
            yield Problem(file, fid, "mode", f"{quoted(mode)} is not road, rail or walk, nor a coach service",
                          "set the mode")
            continue
        if not isinstance(cls, str) or cls not in LINK_CLASSES[mode]:
            yield Problem(file, fid, "class", f"{quoted(cls)} is not a {mode} class ({', '.join(LINK_CLASSES[mode])})",
                          "use one of those")
        oneway = p.get("oneway")
        if not is_missing(oneway) and not isinstance(oneway, bool):
            yield Problem(file, fid, "oneway", f"{quoted(oneway)} is not true or false",
                          "write true, false or leave it out (a text like \"yes\" would read as two-way)")
        yield from _check_link_numbers(file, fid, p, mode)
        yield from _check_link_nodes(data, file, fid, p, mode, cls, places_m, links_m.get(fid))
        replaces = p.get("replaces")
        if not _is_missing_or_list(replaces) and not isinstance(replaces, list):
            yield Problem(file, fid, "replaces", f"{quoted(replaces)} is not a list", "list link ids, e.g. [rd_g320]")
        for other in replaces if isinstance(replaces, list) else []:
            if not isinstance(other, str) or other not in link_ids:
                yield Problem(file, fid, "replaces", f"unknown link {quoted(other)}", "name an existing link id")
        if p.get("status") in ("planned", "proposed") and p.get("accuracy") == "surveyed":
            yield Problem(file, fid, "accuracy", f"a {p['status']} link is marked surveyed",
                          "use approximate (published alignment) or schematic", "warning")


def _is_missing_or_list(value: Any) -> bool:
    return isinstance(value, list) or is_missing(value)


def _check_link_numbers(file: str, fid: str, p: dict[str, Any], mode: str) -> Iterator[Problem]:
    if mode in SPEED_RANGE:
        lo, hi = SPEED_RANGE[mode]
        for name in ("design_speed_kmh", "speed_kmh"):
            v = p.get(name)
            if not is_missing(v) and (not is_number(v) or not lo <= v <= hi):
                yield Problem(file, fid, name, f"{quoted(v)} km/h is not plausible for {mode} ({lo:g}–{hi:g})",
                              "give the speed in km/h")
    headway = p.get("headway_min")
    if mode == "rail":
        if is_missing(headway):
            yield Problem(file, fid, "headway_min", "missing on a rail service", "give minutes between trains")
        elif not is_number(headway) or not HEADWAY_RANGE[0] <= headway <= HEADWAY_RANGE[1]:
            yield Problem(file, fid, "headway_min", f"{quoted(headway)} is not a plausible headway "
                          f"({HEADWAY_RANGE[0]:g}–{HEADWAY_RANGE[1]:g} min)", "give minutes between trains")
    if mode == "walk":
        minutes = p.get("minutes")
        if is_missing(minutes) or not is_number(minutes) or not WALK_MINUTES_RANGE[0] <= minutes <= WALK_MINUTES_RANGE[1]:
            yield Problem(file, fid, "minutes", f"{quoted(minutes)} is not a plausible transfer time",
                          f"give minutes ({WALK_MINUTES_RANGE[0]:g}–{WALK_MINUTES_RANGE[1]:g})")
    length = p.get("length_km")
    if not is_missing(length) and (not is_number(length) or length <= 0):
        yield Problem(file, fid, "length_km", f"{quoted(length)} is not a positive length", "give kilometres or null")


def _check_link_nodes(data: "GeoData", file: str, fid: str, p: dict[str, Any], mode: str, cls: Any,
                      places_m: pd.Series, geom_m: Any) -> Iterator[Problem]:
    nodes = p.get("nodes")
    if not isinstance(nodes, list) or len(nodes) < 2 or not all(isinstance(n, str) for n in nodes):
        yield Problem(file, fid, "nodes", "must be a list of at least two place ids", "list the ordered place ids")
        return
    unknown = [n for n in nodes if n not in data.places.index]
    for n in unknown:
        yield Problem(file, fid, "nodes", f"unknown place {quoted(n)}", "add the place or fix the id")
    if unknown:
        return
    kinds = data.places.loc[nodes, "kind"]
    kinds = kinds[~kinds.index.duplicated()]
    if mode == "rail":
        for n, k in kinds.items():
            if k != "station":
                yield Problem(file, fid, "nodes", f"rail stop {n!r} is a {k}, not a station",
                              "list only stations; join other places with walk or road links")
    if mode == "road" and cls == "expressway":
        for n, k in kinds.items():
            if k != "interchange":
                yield Problem(file, fid, "nodes", f"expressway node {n!r} is a {k}, not an interchange",
                              "an expressway is entered only at interchanges: list only interchanges")
    if len(set(nodes)) != len(nodes):
        yield Problem(file, fid, "nodes", "a place is listed twice", "list each place once; split a loop")
    if (geom_m is None or geom_m.is_empty or geom_m.geom_type != "LineString" or not geom_m.is_valid
            or not _inside(p.get("geometry"))):
        return  # an empty, invalid (a NaN) or misplaced line is reported on its own; distances would mean nothing
    if not all(n in places_m.index for n in nodes):
        return  # a broken node is reported on its own; distances to it would mean nothing
    positions = _node_positions(geom_m, [places_m[n] for n in nodes])
    for n, (dist, _) in zip(nodes, positions):
        if dist > NODE_TOLERANCE_M:
            yield Problem(file, fid, "geometry", f"passes {dist:.0f} m from its node {n!r}",
                          f"make the line pass within {NODE_TOLERANCE_M:.0f} m of every node")
    start, end = geom_m.boundary.geoms if not geom_m.is_ring else (None, None)
    if start is not None:
        if start.distance(places_m[nodes[0]]) > NODE_TOLERANCE_M:
            yield Problem(file, fid, "geometry", f"does not start at its first node {nodes[0]!r}",
                          "start the line at the first node or reorder nodes")
        if end.distance(places_m[nodes[-1]]) > NODE_TOLERANCE_M:
            yield Problem(file, fid, "geometry", f"does not end at its last node {nodes[-1]!r}",
                          "end the line at the last node or reorder nodes")
    along = [pos for _, pos in positions]
    if any(b < a for a, b in zip(along, along[1:])):
        yield Problem(file, fid, "nodes", "are not in order along the geometry", "order them from start to end")
    length = p.get("length_km")
    if is_number(length) and length > 0:
        measured = geom_m.length / 1000.0
        if measured > length * 1.25 or measured < length / 2.5:
            yield Problem(file, fid, "length_km", f"published {length:g} km but the geometry measures "
                          f"{measured:.1f} km", "check the length's scope (first to last node) or the geometry")


def _check_zones(data: "GeoData", places_m: pd.Series, zones_m: pd.Series) -> Iterator[Problem]:
    places = data.places
    # The first bnd_wuzhen (a duplicate id is reported on its own); an invalid one is reported, not used.
    found = data.boundaries.geometry[data.boundaries.index == "bnd_wuzhen"]
    wuzhen = found.iloc[0] if len(found) else None
    wuzhen_m = None
    if wuzhen is not None and not wuzhen.is_empty and wuzhen.is_valid and wuzhen.geom_type in ("Polygon", "MultiPolygon"):
        wuzhen_m = gpd.GeoSeries([wuzhen], crs=data.boundaries.crs).to_crs(METRIC_CRS).iloc[0]
    for file, fid, p, geom in _rows(data.zones):
        yield from _check_common(file, fid, p)
        yield from _check_geometry(file, fid, geom, ("Polygon", "MultiPolygon"))
        yield from _check_bounds(file, fid, geom, STUDY_AREA)
        access = p.get("access")
        kinds = set(places["kind"][places.index == access]) if isinstance(access, str) else set()
        if not kinds:
            yield Problem(file, fid, "access", f"{quoted(access)} is not a place id", "name the zone's zone_access place")
        elif kinds != {"zone_access"}:
            yield Problem(file, fid, "access", f"{access!r} is a {quoted(sorted(map(str, kinds)))}, not a zone_access",
                          "point it to a zone_access place")
        for name in ("description_zh", "description_en"):
            if is_missing(p.get(name)):
                yield Problem(file, fid, name, "missing", "describe the zone in both languages")
        if not is_missing(p.get("placeholder")) and not isinstance(p.get("placeholder"), bool):
            yield Problem(file, fid, "placeholder", f"{quoted(p.get('placeholder'))} is not true/false",
                          "write placeholder: true for a zone with no published location, or leave it out")
        zone_m = zones_m.get(fid) if isinstance(p.get("id"), str) else None
        if (wuzhen_m is not None and zone_m is not None and not zone_m.is_empty and zone_m.is_valid
                and zone_m.geom_type in ("Polygon", "MultiPolygon") and zone_m.area > 0):
            outside = zone_m.difference(wuzhen_m).area / zone_m.area
            if outside > 0.05:
                yield Problem(file, fid, "geometry", f"{outside:.0%} of the zone lies outside bnd_wuzhen",
                              "draw the zone inside Wuzhen town", "warning")


def _check_areas(frame: pd.DataFrame, kinds: tuple[str, ...], allowed: tuple[str, ...]) -> Iterator[Problem]:
    for file, fid, p, geom in _rows(frame):
        yield from _check_common(file, fid, p)
        yield from _check_geometry(file, fid, geom, allowed)
        yield from _check_bounds(file, fid, geom, CONTEXT_AREA)
        if not isinstance(p.get("kind"), str) or p.get("kind") not in kinds:
            yield Problem(file, fid, "kind", f"{quoted(p.get('kind'))} is not one of {', '.join(kinds)}", "use one of those")


def _check_unique_ids(data: "GeoData") -> Iterator[Problem]:
    seen: dict[str, str] = {}
    frames = [data.places, data.links, data.zones, data.boundaries, data.context]
    entries = [(str(fid), str(file)) for frame in frames for fid, file in zip(frame["id"], frame["_file"])]
    entries += [(str(p.get("id")), "projects.yaml") for p in data.projects if isinstance(p, dict)]
    for fid, file in entries:
        if fid in seen:
            yield Problem(file, fid, "id", f"also used in {seen[fid]}", "give every feature its own id")
        else:
            seen[fid] = file


def road_graph(data: "GeoData", statuses: tuple[str, ...] = STATUSES) -> nx.Graph:
    """Undirected graph of consecutive road/walk nodes, for connectivity checks (not for routing)."""
    graph = nx.Graph()
    for _, link in data.links.iterrows():
        if link.get("mode") not in ("road", "walk") or link.get("status") not in statuses:
            continue
        nodes = link.get("nodes")
        if isinstance(nodes, list):
            nx.add_path(graph, [n for n in nodes if isinstance(n, str)])
    return graph


def _check_connectivity(data: "GeoData") -> Iterator[Problem]:
    """Every zone, station, airport and city centre must be reachable by road (in the open network when open)."""
    must_reach = data.places[data.places["kind"].isin(["zone_access", "station", "airport", "city_centre"])]
    if must_reach.empty:
        return
    for label, statuses in (("open", ("open",)), ("full", STATUSES)):
        graph = road_graph(data, statuses)
        if graph.number_of_nodes() == 0:
            yield Problem("links/", "-", "nodes", f"no road links in the {label} network", "add the road network")
            return
        main = max(nx.connected_components(graph), key=len)
        for pid, place in must_reach.iterrows():
            if label == "open" and place.get("status") != "open":
                continue
            if pid not in main:
                where = "on no road link" if pid not in graph else "in a road component cut off from the rest"
                yield Problem(str(place["_file"]), pid, "nodes",
                              f"not reachable by road in the {label} network ({where})",
                              "join it to the road network with a connector link")


def validate_geodata(data: "GeoData") -> list[Problem]:
    """Return every problem found in ``data`` (empty list when it is valid)."""

    problems: list[Problem] = []
    problems += _check_unique_ids(data)
    problems += _check_places(data.places)
    # Only unique, in-area points serve as nodes for geometric checks; the others are reported above.
    usable = data.places[~data.places.index.duplicated(keep=False)]
    usable = usable[[g is not None and g.geom_type == "Point" and _inside(g) for g in usable.geometry]]
    places_m = usable.geometry.to_crs(METRIC_CRS)
    links_m = data.links.geometry.to_crs(METRIC_CRS)
    links_m = links_m[~links_m.index.duplicated()]
    zones_m = data.zones.geometry.to_crs(METRIC_CRS)
    zones_m = zones_m[~zones_m.index.duplicated()]
    problems += _check_links(data, places_m, links_m)
    problems += _check_zones(data, places_m, zones_m)
    problems += _check_areas(data.boundaries, BOUNDARY_KINDS, ("Polygon", "MultiPolygon"))
    problems += _check_areas(data.context, CONTEXT_KINDS,
                             ("Polygon", "MultiPolygon", "LineString", "MultiLineString"))
    known = set(data.places.index) | set(data.links.index) | set(data.zones.index)
    problems += check_projects(data, known)
    problems += check_targets(data, known)
    problems += check_units(data)
    problems += check_year_bases(data)
    if data.full_plan is not None:
        problems += check_full_plan(data, data.full_plan)
    if not any(p.severity == "error" and p.field in ("nodes", "mode") for p in problems):
        problems += _check_connectivity(data)
        problems += check_services(data, road_graph(data))
    return problems
