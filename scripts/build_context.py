"""Derive ``geodata/context.geojson`` (coast, sea, lakes, rivers, the Grand Canal) from GSHHG.

The background of the offline map comes from GSHHG 2.3.7 (Global Self-consistent, Hierarchical,
High-resolution Geography, P. Wessel and W. H. F. Smith; LGPL-3.0-or-later) as packaged by Debian
(``gmt-gshhg-full``) and read through GMT's ``gmt coast -M`` dump:

* shoreline level 1 (land/ocean) -> ``ctx_coast`` (lines) and ``ctx_sea`` (polygon);
* shoreline level 2 (lakes), with level 3 islands as holes -> one ``ctx_lake_*`` per named lake;
* WDBII rivers: the features this project names (Huangpu, Wusong, Qiantang/Fuchun, Cao'e) and the
  Jiangnan Canal (WDBII canal level 8, the eastern line of the Grand Canal through Chongfu and Shimen).

One line is added by hand because WDBII does not carry it: the middle line of the Grand Canal through
Wuzhen (Pingwang - Wuzhen - Lianshi - Xinshi - Tangqi, geodata/README.md), drawn through the towns.

Everything is clipped to 118.5-123.5 E, 29.3-32.3 N and simplified: past the view of a 1920 x 1080 slide
(118.72-123.99 E, 29.53-32.07 N), so that its background has no straight edge where the data stop (beyond
123.5 E, the study area's edge, the maps continue the open sea). Run it again to rebuild the file::

    apt-get install gmt gmt-gshhg-full       # Debian bookworm: gmt 6.4.0, gmt-gshhg-full 2.3.7
    .venv/bin/python scripts/build_context.py

The script is never run by the package or the tests; only its output is shipped.
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely import force_2d
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, polygonize, substring, unary_union

from wuzhen_geo.data.io import feature_collection_text, write_text_atomic
from wuzhen_geo.vocabulary import METRIC_CRS
from _notes_zh import with_note_zh  # noqa: E402  (scripts/ is on the path when a script runs)

log = logging.getLogger("build_context")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geodata" / "context.geojson"
BBOX = (118.5, 29.3, 123.5, 32.3)  # lon_min, lat_min, lon_max, lat_max: past the 1920 x 1080 slide's view
SIMPLIFY_DEG = 0.0015  # ~150 m: keeps the file small while staying well inside "approximate"
MIN_ISLAND_KM2 = 3.0
MIN_LAKE_KM2 = 8.0

GSHHG_SOURCE = (
    "GSHHG 2.3.7 (Wessel & Smith) via Debian package gmt-gshhg-full 2.3.7-6, LGPL-3.0-or-later, "
    "read with GMT 6.4.0 gmt coast -M ; https://www.soest.hawaii.edu/pwessel/gshhg/"
)

# Named lakes: a point inside each, with its names. Lakes from GSHHG that contain none of these points
# and are larger than MIN_LAKE_KM2 are kept under a generic name.
LAKES: list[tuple[str, str, str, tuple[float, float]]] = [
    ("ctx_lake_taihu", "太湖", "Lake Tai (Taihu)", (120.20, 31.20)),
    ("ctx_lake_dianshan", "淀山湖", "Dianshan Lake", (120.96, 31.12)),
    ("ctx_lake_yangcheng", "阳澄湖", "Yangcheng Lake", (120.80, 31.43)),
    ("ctx_lake_gehu", "滆湖", "Ge Lake (Gehu)", (119.80, 31.60)),
    ("ctx_lake_changdang", "长荡湖 (洮湖)", "Changdang Lake", (119.57, 31.62)),
    ("ctx_lake_chenghu", "澄湖", "Cheng Lake (Chenghu)", (120.85, 31.22)),
    # west and north of the region, in the view of a 1920 x 1080 slide; identified by position and size
    ("ctx_lake_qiandao", "千岛湖 (新安江水库)", "Qiandao Lake (Xin'an River reservoir)", (118.985, 29.606)),
    ("ctx_lake_shijiu", "石臼湖", "Shijiu Lake", (118.870, 31.466)),
    ("ctx_lake_nanyi", "南漪湖", "Nanyi Lake", (118.975, 31.115)),
    # GSHHG carries the Yangtze above its estuary as level-2 polygons (river-lakes), drawn as water like a lake
    ("ctx_yangtze_yangzhong", "长江 (扬中附近江段)", "Yangtze River (reach near Yangzhong)", (119.828, 32.176)),
    ("ctx_yangtze_yangzhong_2", "长江 (扬中附近江段)", "Yangtze River (reach near Yangzhong)", (119.904, 32.025)),
]

# WDBII river pieces to keep: (id, zh, en, kind, WDBII levels, a point the piece must pass within
# ~3 km of). Pieces are matched after merging the dump's per-bin segments.
RIVERS: list[tuple[str, str, str, str, tuple[int, ...], tuple[float, float]]] = [
    ("ctx_river_huangpu", "黄浦江", "Huangpu River", "river", (3,), (121.30, 30.95)),
    ("ctx_river_wusong", "吴淞江 (苏州河)", "Wusong River (Suzhou Creek)", "river", (2,), (121.00, 31.30)),
    ("ctx_river_qiantang", "钱塘江 (富春江段)", "Qiantang River (Fuchun section)", "river", (2,), (120.10, 30.15)),
    ("ctx_river_caoe", "曹娥江", "Cao'e River", "river", (3,), (120.85, 29.90)),
    ("ctx_canal_grand_east", "京杭大运河 (江南运河 东线)", "Grand Canal (Jiangnan Canal, eastern line)", "canal",
     (8,), (120.44, 30.60)),
]

# The middle line of the Grand Canal through Wuzhen, drawn through the towns it links (lon, lat). Town
# positions are approximate town centres; Wuzhen is the Wikipedia point of the town.
CANAL_MIDDLE = [
    (120.640, 30.965),  # 平望 Pingwang (Wujiang), where the lines part
    (120.560, 30.860),
    (120.495, 30.760),  # 乌镇 Wuzhen
    (120.420, 30.740),
    (120.330, 30.710),  # 练市 Lianshi (Nanxun)
    (120.290, 30.620),  # 新市 Xinshi (Deqing)
    (120.230, 30.540),
    (120.190, 30.480),  # 塘栖 Tangqi (Linping), where it meets the eastern line again
]

# West Lake, Hangzhou: a simple hand-drawn outline (lon, lat) of the ~3 km x 2.8 km lake.
WEST_LAKE = [
    (120.1440, 30.2633), (120.1544, 30.2582), (120.1565, 30.2478), (120.1539, 30.2366), (120.1466, 30.2314),
    (120.1362, 30.2323), (120.1311, 30.2426), (120.1337, 30.2547), (120.1440, 30.2633),
]


def gmt_dump(args: Sequence[str]) -> list[tuple[int, list[tuple[float, float]]]]:
    """Run ``gmt coast ... -M`` and return its segments as ``(level, [(lon, lat), ...])``."""
    region = "-R{}/{}/{}/{}".format(BBOX[0], BBOX[2], BBOX[1], BBOX[3])
    cmd = ["gmt", "coast", region, "-Df", "-M", *args]
    # GMT leaves a gmt.history file in its working folder: run it in a scratch one.
    with tempfile.TemporaryDirectory() as scratch:
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=scratch).stdout
    segments: list[tuple[int, list[tuple[float, float]]]] = []
    level, pts = 0, []
    for line in out.splitlines():
        if line.startswith(">"):
            if len(pts) > 1:
                segments.append((level, pts))
            level, pts = int(line.split()[-1]), []
        elif line.strip():
            x, y = line.split()[:2]
            pts.append((float(x), float(y)))
    if len(pts) > 1:
        segments.append((level, pts))
    return segments


def merged(segments: Iterable[list[tuple[float, float]]]) -> list[LineString]:
    """Join per-bin pieces that share end points into whole lines."""
    lines = [LineString(s) for s in segments]
    if not lines:
        return []
    m = linemerge(MultiLineString(lines))
    return list(m.geoms) if hasattr(m, "geoms") else [m]


def km2(geom: BaseGeometry) -> float:
    return float(gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(METRIC_CRS).area.iloc[0]) / 1e6


def rings_to_polygons(lines: list[LineString]) -> list[Polygon]:
    return [Polygon(line.coords) for line in lines if line.is_ring and len(line.coords) >= 4]


def build_sea(coast: list[LineString], clip: Polygon) -> BaseGeometry:
    """Sea = faces of (coast lines + frame) that hold a known sea point, less the islands."""
    noded = unary_union([*coast, clip.exterior])
    faces = list(polygonize(noded))
    seeds = [Point(121.00, 30.45), Point(122.40, 31.00), Point(122.30, 30.50)]
    sea = unary_union([f for f in faces if any(f.contains(s) for s in seeds)])
    return sea


def feature(fid: str, zh: str, en: str, kind: str, geom: BaseGeometry, accuracy: str, note: str,
            source: str = GSHHG_SOURCE) -> dict[str, Any]:
    props = {"id": fid, "name_zh": zh, "name_en": en, "kind": kind, "status": "open", "open_year": None,
             "source": source, "accuracy": accuracy, "note": note}
    return {"type": "Feature", "properties": with_note_zh(props), "geometry": mapping(geom)}


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    clip = box(*BBOX)
    shore = gmt_dump(["-W"])
    rivers = gmt_dump(["-Ia"])
    features: list[dict[str, Any]] = []

    # Coast and sea (level 1). Small islands are dropped: they add bytes, not orientation.
    coast = merged(s for lvl, s in shore if lvl == 1)
    sea = build_sea(coast, clip)
    sea = unary_union([g for g in getattr(sea, "geoms", [sea])])
    if hasattr(sea, "interiors") or hasattr(sea, "geoms"):
        polys = list(getattr(sea, "geoms", [sea]))
        polys = [Polygon(p.exterior, [h for h in p.interiors if km2(Polygon(h)) >= MIN_ISLAND_KM2]) for p in polys]
        sea = unary_union(polys)
    sea = sea.simplify(SIMPLIFY_DEG, preserve_topology=True)
    coast_lines = [ln for ln in coast if not (ln.is_ring and km2(Polygon(ln.coords)) < MIN_ISLAND_KM2)]
    coast_geom = unary_union(coast_lines).intersection(clip).simplify(SIMPLIFY_DEG)
    features.append(feature(
        "ctx_sea", "东海、杭州湾与长江口", "East China Sea, Hangzhou Bay and Yangtze estuary", "sea", sea,
        "approximate", f"GSHHG full-resolution shoreline, simplified to ~150 m; islands under {MIN_ISLAND_KM2:g} km2 "
        "dropped; the Yangtze estuary and the Qiantang estuary are part of GSHHG's ocean polygon"))
    features.append(feature(
        "ctx_coast", "海岸线", "Coastline", "coast", coast_geom, "approximate",
        f"GSHHG full-resolution shoreline (level 1), simplified to ~150 m; islands under {MIN_ISLAND_KM2:g} km2 dropped"))

    # Lakes (level 2) with their islands (level 3) as holes.
    lakes = rings_to_polygons(merged(s for lvl, s in shore if lvl == 2))
    islands = rings_to_polygons(merged(s for lvl, s in shore if lvl == 3))
    unnamed = 0
    for lake in sorted(lakes, key=lambda p: -p.area):
        holes = [i for i in islands if lake.contains(i) and km2(i) >= 0.5]
        poly = lake.difference(unary_union(holes)) if holes else lake
        poly = poly.intersection(clip)
        if poly.is_empty or km2(poly) < MIN_LAKE_KM2:
            continue
        names = [entry for entry in LAKES if lake.contains(Point(entry[3]))]
        if names:
            fid, zh, en, _ = names[0]
        else:
            unnamed += 1
            fid, zh, en = f"ctx_lake_other_{unnamed}", "湖泊", "Lake"
        features.append(feature(
            fid, zh, en, "lake", poly.simplify(SIMPLIFY_DEG, preserve_topology=True), "approximate",
            ("GSHHG full-resolution level-2 polygon of this reach of the river (GSHHG's river-lakes)"
             if fid.startswith("ctx_yangtze") else "GSHHG full-resolution lake shoreline (level 2)")
            + f", simplified to ~150 m; area {km2(poly):.0f} km2"
            + ("" if names else "; GSHHG carries no names and this lake was not identified here")))

    # Rivers and the eastern Grand Canal from WDBII.
    found: dict[str, BaseGeometry] = {}
    for fid, zh, en, kind, levels, near in RIVERS:
        pieces = merged(s for lvl, s in rivers if lvl in levels)
        target = Point(near)
        hit = [p for p in pieces if p.distance(target) < 0.03]
        if not hit:
            raise SystemExit(f"{fid}: no WDBII level {levels} line passes near {near}; check the GSHHG version")
        found[fid] = force_2d(unary_union(hit))
    # WDBII continues the Wusong line past its mouth at the Bund down the lower Huangpu to Wusongkou:
    # cut it where the upper Huangpu meets it and give the lower part to the Huangpu.
    wusong, huangpu = found["ctx_river_wusong"], found["ctx_river_huangpu"]
    if isinstance(wusong, LineString) and isinstance(huangpu, LineString):
        mouth = Point(huangpu.coords[-1])
        cut = wusong.project(mouth)
        found["ctx_river_wusong"] = substring(wusong, 0, cut)
        found["ctx_river_huangpu"] = linemerge([huangpu, substring(wusong, cut, wusong.length)])
    for fid, zh, en, kind, levels, near in RIVERS:
        geom = found[fid].intersection(clip).simplify(SIMPLIFY_DEG)
        features.append(feature(
            fid, zh, en, kind, geom, "schematic",
            "GSHHG WDBII river/canal centre line (level " + "/".join(map(str, levels)) + "); WDBII is coarse "
            "(errors of a few km are common), so treat the course as schematic; named here by its course"))

    features.append(feature(
        "ctx_canal_grand_middle", "京杭大运河 (江南运河 中线, 经乌镇)", "Grand Canal (Jiangnan Canal, middle line via Wuzhen)",
        "canal", LineString(CANAL_MIDDLE), "schematic",
        "drawn by hand through the towns the middle line links (平望 - 乌镇 - 练市 - 新市 - 塘栖); not a traced channel",
        source="http://www.palmettodecks.com/jingdian/22859 ; https://www.163.com/dy/article/DEF6MDPF0517NPJJ.html"))

    features.append(feature(
        "ctx_lake_xihu", "西湖", "West Lake (Xihu)", "lake", Polygon(WEST_LAKE), "schematic",
        "too small for GSHHG; drawn by hand as a simple outline around the lake (about 6.4 km2), not traced",
        source="https://en.wikipedia.org/wiki/West_Lake"))

    text = feature_collection_text(features)
    write_text_atomic(OUT, text)
    log.info("wrote %s: %d features, %.0f KB", OUT, len(features), len(text.encode()) / 1024)


if __name__ == "__main__":
    main()
