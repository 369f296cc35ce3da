"""Turn what a user types into an origin or destination the router understands.

An origin is a place id, a zone id (the router connects it through the zone's ``access`` place) or a WGS-84
:class:`~wuzhen_geo.model.coords.Point`. :func:`resolve_origin` accepts, in this order:

1. an id (``stn_tongxiang``, ``zone_hq``), or ``"… (id)"`` as shown in suggestions and pickers;
2. a pasted coordinate pair (two numbers; see :func:`wuzhen_geo.model.coordinate_text.parse_coordinate`), in ``system``;
3. an airport code (``HGH``, ``ZSPD``);
4. a Chinese or English name, case-, width- and space-insensitive (``互联网总部会展区``, ``tongxiang station``);
   when two features share the name, the kind the text names or else the first in :data:`KIND_PRIORITY`;
5. when the text names a kind (机场/airport, 站/station, 区/zone), the one feature of that kind among the
   matches of 6-8;
6. a short form of a name without its generic suffix (``桐乡`` for 桐乡市中心, ``Hongqiao`` for Hongqiao
   Station) when that short form names one feature (or exactly one city centre);
7. a unique prefix of a name or id;
8. a Chinese abbreviation whose characters appear in order in one name (``浦东机场`` for 上海浦东国际机场).

Anything else raises :class:`~wuzhen_geo.errors.UnknownPlaceError` with up to three suggestions found by
``difflib`` in both languages; a prefix that fits several features raises :class:`AmbiguousPlaceError` (a
subclass) listing them. Suggestions are labels (``"桐乡站 / Tongxiang Station (stn_tongxiang)"``) that
:func:`resolve_origin` reads back.
"""

from __future__ import annotations

import difflib
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd

from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import UnknownPlaceError
from wuzhen_geo.answers.water import check_on_land
from wuzhen_geo.i18n import t
from wuzhen_geo.model import Origin, Point, check_study_area, coordinate_text_ascii, datum_label, parse_coordinate
from wuzhen_geo.vocabulary import MAX_QUOTED_CHARS, METRIC_CRS

__all__ = [
    "AmbiguousPlaceError",
    "KIND_PRIORITY",
    "normalise_name",
    "resolve_origin",
    "resolve_place_id",
    "place_label",
    "place_name",
    "place_choices",
    "looks_like_coordinate",
    "router_point",
    "snap_to_place",
    "SNAP_KINDS",
    "unknown_place_message",
]

log = logging.getLogger(__name__)

# Generic endings dropped to form the short form of a name (longest first).
_SUFFIXES_ZH = ("国际机场", "火车站", "高铁站", "市中心", "市区", "镇区", "机场", "互通", "枢纽", "车站", "站", "市")
_SUFFIXES_EN = (
    " international airport", " railway station", " city centre", " city center", " town centre",
    " interchange", " airport", " station", " city",
)
# A word in the query that says which kind is meant ("嘉兴机场" is the airport, not 嘉兴机场站).
_KIND_WORDS = (("airport", ("机场", "airport")), ("station", ("站", "station")), ("zone", ("区", "zone")))
_ID_IN_LABEL = re.compile(r"\(([a-z0-9_]+)\)\s*$")
# Everything a pasted coordinate may contain; text made only of these (and two or more numbers) is one.
_COORD_TOKENS = re.compile(
    r"(?i)lat(?:itude)?|lng|lon(?:gitude)?|北纬|南纬|东经|西经|[\d\s.,，、;；:：°º˚'′’\"″”“()（）\[\]+\-NSEW度分秒]"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DROP = re.compile(r"[\s\-_·.,'’()（）\[\]]+")


class AmbiguousPlaceError(UnknownPlaceError):
    """The text fits several places equally well; ``suggestions`` lists them (labels)."""

    def __init__(self, query: str, suggestions: list[str]):
        super().__init__(query, suggestions)
        shown = ", ".join(repr(s) for s in self.suggestions)
        self.args = (f"{query!r} fits several places: {shown}; type more of the name or use the id",)

    def text(self, lang: str) -> str:
        if lang != "zh":
            return str(self)
        return (f"{self.query!r} 可指多个地点：" + "、".join(repr(s) for s in self.suggestions)
                + "；请输入更完整的名称，或使用其 id")


def normalise_name(text: str) -> str:
    """Fold width (NFKC), case and spacing/punctuation so that names compare loosely."""
    return _DROP.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


_CENTRE_SUFFIXES = ("市中心", "市区", "镇区", " city centre", " city center", " town centre")


def _short_forms(name_zh: str, name_en: str) -> dict[str, bool]:
    """Short forms of a name (generic suffix dropped), each flagged True when the suffix meant a centre."""
    out: dict[str, bool] = {}
    zh = unicodedata.normalize("NFKC", str(name_zh or "")).strip()
    for suf in _SUFFIXES_ZH:
        if zh.endswith(suf) and len(zh) > len(suf) + 1:
            out[normalise_name(zh[: -len(suf)])] = suf in _CENTRE_SUFFIXES
            break
    en = unicodedata.normalize("NFKC", str(name_en or "")).casefold().strip()
    for suf in _SUFFIXES_EN:
        if en.endswith(suf) and len(en) > len(suf) + 2:
            key = normalise_name(en[: -len(suf)])
            out[key] = out.get(key, False) or suf in _CENTRE_SUFFIXES
            break
    out.pop("", None)
    return out


@dataclass(frozen=True)
class _Entry:
    id: str
    name_zh: str
    name_en: str
    kind: str  # "zone" or the place kind


def _entries(data: GeoData) -> list[_Entry]:
    out = [
        _Entry(str(zid), str(row.get("name_zh") or ""), str(row.get("name_en") or ""), "zone")
        for zid, row in data.zones.iterrows()
    ]
    for pid, row in data.places.iterrows():
        out.append(_Entry(str(pid), str(row.get("name_zh") or ""), str(row.get("name_en") or ""),
                          str(row.get("kind") or "")))
    return out


def _codes(data: GeoData) -> dict[str, str]:
    codes: dict[str, str] = {}
    for col in ("iata", "icao"):
        if col in data.places.columns:
            for pid, code in data.places[col].items():
                if isinstance(code, str) and code.strip():
                    codes[normalise_name(code)] = str(pid)
    return codes


def _label(e: _Entry) -> str:
    return f"{e.name_zh} / {e.name_en} ({e.id})"


def place_label(data: GeoData, feature_id: str) -> str:
    """``"name_zh / name_en (id)"`` for a place or zone id (the id alone when unknown)."""
    for frame in (data.zones, data.places):
        if feature_id in frame.index:
            row = frame.loc[feature_id]
            return f"{row.get('name_zh')} / {row.get('name_en')} ({feature_id})"
    return str(feature_id)


def place_name(data: GeoData, feature_id: str, lang: str = "zh") -> str:
    """The Chinese (``lang="zh"``) or English name of a place or zone id; the id itself when unknown."""
    col = "name_zh" if lang == "zh" else "name_en"
    for frame in (data.zones, data.places):
        if feature_id in frame.index:
            value = frame.at[feature_id, col]
            return str(value) if isinstance(value, str) and value else str(feature_id)
    return str(feature_id)


def place_choices(data: GeoData, kinds: Iterable[str] | None = None) -> dict[str, str]:
    """``{label: id}`` for pickers: the zones first, then places (optionally only the given kinds)."""
    wanted = set(kinds) if kinds is not None else None
    return {_label(e): e.id for e in _entries(data) if wanted is None or e.kind in wanted}


def router_point(origin: Origin) -> Origin:
    """What the router takes for an origin: ids unchanged, any ``(lon, lat)`` pair as a :class:`Point`."""
    if isinstance(origin, (str, Point)):
        return origin
    return Point(float(origin[0]), float(origin[1]))


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _suggest(query: str, entries: list[_Entry], limit: int = 3) -> list[str]:
    keys: dict[str, list[_Entry]] = {}
    for e in entries:
        for key in {normalise_name(e.name_zh), normalise_name(e.name_en), e.id}:
            if key:
                keys.setdefault(key, []).append(e)
    q = normalise_name(query)
    # A short Chinese query needs a lower cutoff than a long English one to find anything useful.
    cutoff = 0.5 if len(q) <= 4 else 0.6
    labels: list[str] = []
    for key in difflib.get_close_matches(q, list(keys), n=limit * 3, cutoff=cutoff):
        for e in keys[key]:
            labels.append(_label(e))
    return _unique(labels)[:limit]


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _subsequence(query: str, name: str) -> bool:
    it = iter(name)
    return all(ch in it for ch in query)


def _kind_word(query: str) -> str | None:
    for kind, words in _KIND_WORDS:
        if any(w in query for w in words):
            return kind
    return None


def _kind_matches(kind: str, wanted: str, *, strict: bool = False) -> bool:
    return kind == wanted or (not strict and wanted == "zone" and kind == "zone_access")


#: Which kind wins when features share a name exactly (earlier wins); road nodes and access points last.
KIND_PRIORITY: tuple[str, ...] = ("zone", "city_centre", "airport", "station", "poi", "interchange", "junction",
                                  "zone_access")


def _preferred(ids: list[str], by_id: dict[str, _Entry], kind: str | None) -> str | None:
    """The one id of the named kind, else the one of the highest-priority kind; None on a tie."""
    if kind:
        of_kind = [i for i in ids if _kind_matches(by_id[i].kind, kind, strict=True)]
        if len(of_kind) == 1:
            return of_kind[0]
    rank = {k: n for n, k in enumerate(KIND_PRIORITY)}
    ranked = sorted(ids, key=lambda i: rank.get(by_id[i].kind, len(rank)))
    first = rank.get(by_id[ranked[0]].kind, len(rank))
    if len(ranked) > 1 and rank.get(by_id[ranked[1]].kind, len(rank)) == first:
        return None
    return ranked[0]


def resolve_place_id(data: GeoData, text: str) -> str:
    """Resolve a name, code or id to a place or zone id (never a coordinate); see the module docstring."""
    entries = _entries(data)
    raw = str(text).strip()
    if not raw:
        raise UnknownPlaceError(raw, [])
    by_id = {e.id: e for e in entries}
    if raw in by_id:
        return raw
    m = _ID_IN_LABEL.search(raw)
    if m and m.group(1) in by_id:
        return m.group(1)
    q = normalise_name(raw)
    qid = unicodedata.normalize("NFKC", raw).casefold().replace(" ", "")
    if qid in by_id:  # ids typed with capitals or spaces
        return qid
    codes = _codes(data)
    if q in codes:
        return codes[q]

    exact = _unique([e.id for e in entries if q in (normalise_name(e.name_zh), normalise_name(e.name_en))])
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        # Two features share a name (a station and the road node beside it): the kind the text names, else
        # the kind people mean first.
        best = _preferred(exact, by_id, _kind_word(q))
        if best is not None:
            return best
        raise AmbiguousPlaceError(raw, [_label(by_id[i]) for i in exact])

    forms = {e.id: _short_forms(e.name_zh, e.name_en) for e in entries}
    short = _unique([e.id for e in entries if q in forms[e.id]])
    prefix = _unique(
        [
            e.id
            for e in entries
            if len(q) >= 2
            and (
                any(k.startswith(q) for k in (normalise_name(e.name_zh), normalise_name(e.name_en)))
                or e.id.startswith(qid)
            )
        ]
    )
    # Chinese abbreviations skip characters: 浦东机场 for 上海浦东国际机场.
    subseq = _unique(
        [e.id for e in entries if len(q) >= 2 and _is_cjk(q) and _subsequence(q, normalise_name(e.name_zh))]
    )
    kind = _kind_word(q)
    if kind:
        candidates = _unique(short + prefix + subseq)
        for strict in (True, False):  # a zone before its access point
            of_kind = [i for i in candidates if _kind_matches(by_id[i].kind, kind, strict=strict)]
            if len(of_kind) == 1:
                return of_kind[0]
    if len(short) == 1:
        return short[0]
    # "桐乡" means the city centre before the station or the interchange named after it.
    centres = [i for i in short if forms[i][q] or by_id[i].kind == "city_centre"]
    if len(centres) == 1:
        return centres[0]
    if len(prefix) == 1:
        return prefix[0]
    if not prefix and not short and len(subseq) == 1:
        return subseq[0]
    if not prefix and not short and len(subseq) > 1:
        raise AmbiguousPlaceError(raw, [_label(by_id[i]) for i in subseq[:5]])
    # A word inside an English name, as 西栅 is found inside 乌镇西栅景区: "Xizha" in "Wuzhen Xizha scenic zone".
    inner = _unique([e.id for e in entries if not prefix and not short and len(q) >= 3 and not _is_cjk(q)
                     and any(normalise_name(w).startswith(q) for w in re.split(r"[\s\-–/()]+", str(e.name_en or "")))])
    if len(inner) == 1:
        return inner[0]
    if len(inner) > 1:
        raise AmbiguousPlaceError(raw, [_label(by_id[i]) for i in inner[:5]])
    if len(prefix) > 1:
        ranked = sorted(prefix, key=lambda i: (by_id[i].kind != "zone", by_id[i].kind != "city_centre", i))
        raise AmbiguousPlaceError(raw, [_label(by_id[i]) for i in ranked[:5]])
    if short:
        raise AmbiguousPlaceError(raw, [_label(by_id[i]) for i in short[:5]])
    raise UnknownPlaceError(raw, _suggest(raw, entries))


def unknown_place_message(query: str, lang: str = "en") -> str:
    """What a web user reads when ``query`` names no place: to type a name, code or coordinate or pick from
    the list (no file paths: the command line keeps :class:`UnknownPlaceError`'s own wording)."""
    text = " ".join(str(query).split())  # one readable line, however long the input
    return t("no_such_place", lang, query=text if len(text) <= MAX_QUOTED_CHARS else text[:MAX_QUOTED_CHARS - 1] + "…")


def looks_like_coordinate(text: str) -> bool:
    """True when ``text`` holds two or more numbers and nothing but coordinate punctuation and markers
    (full-width digits and letters count as their ASCII twins)."""
    text = coordinate_text_ascii(datum_label(text)[1])  # "gcj02: 30.74,120.49" is a coordinate too
    return len(_NUMBER.findall(text)) >= 2 and not _COORD_TOKENS.sub("", text).strip()


def resolve_origin(data: GeoData, text: Any, *, system: str = "wgs84", coordinate_only: bool = False) -> Origin:
    """Resolve user input to an origin: a place id, a zone id or a WGS-84 :class:`Point`.

    Parameters
    ----------
    data
        The loaded geodata (only read).
    text
        A name, id, airport code or pasted coordinate; a ``Point`` or ``(lon, lat)`` tuple passes through
        after the study-area check; an :func:`~wuzhen_geo.model.coords.origin_id` key (``"pt:lat,lon"``)
        reads back to its point.
    system
        Datum of a pasted coordinate: ``"wgs84"``, ``"gcj02"`` (AMap/Tencent) or ``"bd09"`` (Baidu).
    coordinate_only
        The text must be a coordinate (a box for coordinates): other text gets the coordinate's error, which
        says what to paste, not "unknown place".

    Raises
    ------
    UnknownPlaceError
        Nothing matches; ``suggestions`` holds up to three close names. ``AmbiguousPlaceError`` (a subclass)
        when several match.
    CoordinateError
        The text is a coordinate that cannot be read, lies outside the study area or on a lake
        (:func:`~wuzhen_geo.answers.water.check_on_land`).
    """
    if isinstance(text, tuple) and len(text) == 2 and not isinstance(text, str):
        return check_on_land(data, router_point(check_study_area(float(text[0]), float(text[1]))))
    raw = str(text).strip()
    ids = set(data.places.index) | set(data.zones.index)
    if raw in ids:
        return raw
    if raw.startswith("pt:") and looks_like_coordinate(raw[3:]):  # an origin_id key: always WGS-84
        return check_on_land(data, router_point(parse_coordinate(raw[3:])))
    if coordinate_only or looks_like_coordinate(raw):
        return check_on_land(data, router_point(parse_coordinate(raw, system=system)))
    return resolve_place_id(data, raw)


#: Which places a drawn stop may snap to, by the mode of the drawn link.
SNAP_KINDS: dict[str, tuple[str, ...]] = {
    "rail": ("station",),
    "road": ("interchange", "junction", "city_centre", "zone_access", "poi", "station", "airport"),
}


def snap_to_place(data: GeoData, lon: float, lat: float, *, mode: str = "rail",
                  max_m: float = 1000.0) -> str | None:
    """The id of the nearest place a stop drawn at ``lon, lat`` means, or ``None`` when none is near.

    A planner who draws a rail link ending on a station means that station (so riders change trains inside
    it); a drawn point further than ``max_m`` from every candidate stays a new stop. Rail links snap to
    stations only; road links to any road node. Distances are measured in EPSG:32651.
    """
    kinds = SNAP_KINDS.get(mode, SNAP_KINDS["road"])
    candidates = data.places[data.places["kind"].isin(kinds)]
    if candidates.empty:
        return None
    here = gpd.GeoSeries.from_xy([lon], [lat], crs="EPSG:4326").to_crs(METRIC_CRS).iloc[0]
    metres = candidates.geometry.to_crs(METRIC_CRS).distance(here)
    best = metres.idxmin()
    return str(best) if metres[best] <= max_m else None
