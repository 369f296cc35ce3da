"""User coordinates: parse pasted text and convert between WGS-84, GCJ-02 and BD-09.

Chinese web maps do not publish WGS-84: AMap (高德) and Tencent use GCJ-02 ("Mars coordinates"), Baidu uses
BD-09 (a further offset of GCJ-02). Everything inside this package is WGS-84, so a coordinate copied from one
of those maps must be converted once, here, at the boundary.

The forward transforms are the standard public algorithms (the ones in ``wandergis/coordtransform``,
``eviltransform`` and many others): GCJ-02 is WGS-84 plus a smooth, deterministic offset of a few hundred
metres; BD-09 is GCJ-02 plus a small rotation/scaling around the origin and a fixed shift. The inverse of
GCJ-02 has no closed form; :func:`gcj02_to_wgs84` inverts the forward transform by fixed-point iteration until
the residual is below ~1 mm (far inside the 0.5 m the project asks for).

All transforms accept scalars or NumPy arrays (element-wise) and return the same shape;
:func:`geometry_from_wgs84` / :func:`geometry_to_wgs84` shift whole shapely geometries (e.g. to draw an
overlay on GCJ-02 map tiles).

:class:`Point` is a plain ``(lon, lat)`` named tuple with no dependency on the network stack; the router
takes it as an origin or destination (``wuzhen_geo.model.routing.Point`` is the same class). Pass user input through
:func:`wuzhen_geo.answers.places.resolve_origin` to get what the router accepts.

Parsing (:func:`parse_coordinate`) accepts what people paste: ``"30.7459, 120.4888"`` (lat, lon, as Google
and Wikipedia show it), ``"120.488840,30.745906"`` (lon, lat, as AMap and Baidu copy it), with or without
spaces, Chinese commas, degree signs, ``N``/``E`` or ``北纬``/``东经`` markers, and degrees-minutes-seconds.
Without hemisphere markers the order is told apart by the study-area ranges, which do not overlap
(latitude 29.5–32.0 N, longitude 119.5–122.5 E).
"""

from __future__ import annotations

import logging
import math
import re
from typing import Any, Literal, NamedTuple, overload

import numpy as np

from wuzhen_geo.errors import CoordinateError
from wuzhen_geo.vocabulary import COORDINATE_SYSTEMS, STUDY_AREA

__all__ = [
    "Point",
    "CoordinateSystem",
    "SYSTEMS",
    "STUDY_AREA",
    "wgs84_to_gcj02",
    "gcj02_to_wgs84",
    "gcj02_to_bd09",
    "bd09_to_gcj02",
    "wgs84_to_bd09",
    "bd09_to_wgs84",
    "to_wgs84",
    "from_wgs84",
    "geometry_from_wgs84",
    "geometry_to_wgs84",
    "in_study_area",
    "check_study_area",
    "parse_coordinate",
    "format_coordinate",
    "distance_m",
]

log = logging.getLogger(__name__)

CoordinateSystem = Literal["wgs84", "gcj02", "bd09"]
SYSTEMS = COORDINATE_SYSTEMS

#: (min_lon, min_lat, max_lon, max_lat) of the area the engine models; coordinates outside are refused.

# Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0
_EARTH_RADIUS_M = 6371008.8


class Point(NamedTuple):
    """A WGS-84 position, longitude first (GeoJSON order)."""

    lon: float
    lat: float

    @property
    def label(self) -> str:
        """``"lat,lon"`` to 5 decimals (about 1 m), the order people read and paste."""
        return f"{self.lat:.5f},{self.lon:.5f}"


# --------------------------------------------------------------------------------------------------
# transforms


def _out_of_china(lon: Any, lat: Any) -> Any:
    # The public algorithm leaves positions outside this rough box unshifted.
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta_lat(x: Any, y: Any) -> Any:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret = ret + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret = ret + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret = ret + (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _delta_lon(x: Any, y: Any) -> Any:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret = ret + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret = ret + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret = ret + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _unwrap(lon: Any, lat: Any, scalar: bool) -> tuple[Any, Any]:
    if scalar:
        return float(lon), float(lat)
    return lon, lat


def _prepare(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray, bool]:
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float), scalar


@overload
def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]: ...
@overload
def wgs84_to_gcj02(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...
def wgs84_to_gcj02(lon: Any, lat: Any) -> tuple[Any, Any]:
    """WGS-84 → GCJ-02 (AMap, Tencent). Returns ``(lon, lat)``; positions outside China are unchanged."""
    lon, lat, scalar = _prepare(lon, lat)
    dlat = _delta_lat(lon - 105.0, lat - 35.0)
    dlon = _delta_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    outside = _out_of_china(lon, lat)
    out_lon = np.where(outside, lon, lon + dlon)
    out_lat = np.where(outside, lat, lat + dlat)
    return _unwrap(out_lon, out_lat, scalar)


@overload
def gcj02_to_wgs84(lon: float, lat: float, *, tol_deg: float = ...) -> tuple[float, float]: ...
@overload
def gcj02_to_wgs84(lon: np.ndarray, lat: np.ndarray, *, tol_deg: float = ...) -> tuple[np.ndarray, np.ndarray]: ...
def gcj02_to_wgs84(lon: Any, lat: Any, *, tol_deg: float = 1e-8) -> tuple[Any, Any]:
    """GCJ-02 → WGS-84 by iterating the forward transform.

    Parameters
    ----------
    lon, lat
        GCJ-02 coordinates (scalars or arrays).
    tol_deg
        Stop when the forward transform of the estimate is within this many degrees of the input
        (1e-8° ≈ 1 mm). The offset field is smooth, so 3–5 iterations suffice.
    """
    glon, glat, scalar = _prepare(lon, lat)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(30):
        flon, flat = wgs84_to_gcj02(wlon, wlat)
        elon, elat = np.asarray(flon) - glon, np.asarray(flat) - glat
        wlon, wlat = wlon - elon, wlat - elat
        if np.all(np.abs(elon) < tol_deg) and np.all(np.abs(elat) < tol_deg):
            break
    else:  # pragma: no cover - the offset field is a contraction; never seen in practice
        log.warning("gcj02_to_wgs84 did not converge to %g deg", tol_deg)
    return _unwrap(wlon, wlat, scalar)


def gcj02_to_bd09(lon: Any, lat: Any) -> tuple[Any, Any]:
    """GCJ-02 → BD-09 (Baidu)."""
    x, y, scalar = _prepare(lon, lat)
    z = np.sqrt(x * x + y * y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return _unwrap(z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006, scalar)


def bd09_to_gcj02(lon: Any, lat: Any) -> tuple[Any, Any]:
    """BD-09 (Baidu) → GCJ-02, the standard closed-form inverse (error of a few centimetres)."""
    bx, by, scalar = _prepare(lon, lat)
    x, y = bx - 0.0065, by - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return _unwrap(z * np.cos(theta), z * np.sin(theta), scalar)


def wgs84_to_bd09(lon: Any, lat: Any) -> tuple[Any, Any]:
    """WGS-84 → BD-09 (via GCJ-02)."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: Any, lat: Any) -> tuple[Any, Any]:
    """BD-09 → WGS-84 (via GCJ-02)."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _check_system(system: str) -> str:
    key = str(system).strip().lower().replace("-", "").replace("_", "")
    if key not in SYSTEMS:
        raise CoordinateError(
            f"unknown coordinate system {system!r}; use one of {', '.join(SYSTEMS)} "
            "(wgs84 for GPS/Google/Wikipedia/OSM, gcj02 for AMap/Tencent, bd09 for Baidu)"
        )
    return key


def to_wgs84(lon: Any, lat: Any, system: str = "wgs84") -> tuple[Any, Any]:
    """Convert from ``system`` (``wgs84``, ``gcj02`` or ``bd09``) to WGS-84."""
    system = _check_system(system)
    if system == "gcj02":
        return gcj02_to_wgs84(lon, lat)
    if system == "bd09":
        return bd09_to_wgs84(lon, lat)
    lon, lat, scalar = _prepare(lon, lat)
    return _unwrap(lon, lat, scalar)


def from_wgs84(lon: Any, lat: Any, system: str = "wgs84") -> tuple[Any, Any]:
    """Convert from WGS-84 to ``system`` (e.g. to draw on GCJ-02 tiles)."""
    system = _check_system(system)
    if system == "gcj02":
        return wgs84_to_gcj02(lon, lat)
    if system == "bd09":
        return wgs84_to_bd09(lon, lat)
    lon, lat, scalar = _prepare(lon, lat)
    return _unwrap(lon, lat, scalar)


def geometry_from_wgs84(geom: Any, system: str) -> Any:
    """A shapely geometry shifted from WGS-84 to ``system`` (``"gcj02"``, ``"bd09"``; ``"wgs84"`` = copy)."""
    import shapely

    system = _check_system(system)

    def shift(xy: np.ndarray) -> np.ndarray:
        lon, lat = from_wgs84(xy[:, 0], xy[:, 1], system)
        return np.column_stack([lon, lat])

    return shapely.transform(geom, shift)


def geometry_to_wgs84(geom: Any, system: str) -> Any:
    """A shapely geometry in ``system`` (``"gcj02"``, ``"bd09"``) shifted to WGS-84."""
    import shapely

    system = _check_system(system)

    def shift(xy: np.ndarray) -> np.ndarray:
        lon, lat = to_wgs84(xy[:, 0], xy[:, 1], system)
        return np.column_stack([lon, lat])

    return shapely.transform(geom, shift)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle (haversine) distance in metres; good to ~0.5 % — enough to check offsets."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


# --------------------------------------------------------------------------------------------------
# study area


def _lon_ok(v: float) -> bool:
    return STUDY_AREA[0] <= v <= STUDY_AREA[2]


def _lat_ok(v: float) -> bool:
    return STUDY_AREA[1] <= v <= STUDY_AREA[3]


def in_study_area(lon: float, lat: float) -> bool:
    """True when ``(lon, lat)`` lies in :data:`STUDY_AREA` (119.5–122.5 E, 29.5–32.0 N)."""
    return _lon_ok(lon) and _lat_ok(lat)


def _area_text() -> str:
    x0, y0, x1, y1 = STUDY_AREA
    return f"latitude {y0:g}–{y1:g} N and longitude {x0:g}–{x1:g} E"


def check_study_area(lon: float, lat: float, *, what: str = "coordinate") -> Point:
    """Return ``Point(lon, lat)`` or raise ``CoordinateError`` saying what range was expected."""
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise CoordinateError(f"{what} ({lat!r}, {lon!r}) is not a finite number pair")
    if not in_study_area(lon, lat):
        raise CoordinateError(
            f"{what} lat {lat:.6f}, lon {lon:.6f} lies outside the study area; "
            f"expected {_area_text()} (Wuzhen is about 30.75 N, 120.49 E)"
        )
    return Point(float(lon), float(lat))


# --------------------------------------------------------------------------------------------------
# parsing

# Chinese and full-width punctuation people paste, mapped to ASCII.
_TRANSLATE = str.maketrans(
    {
        "，": ",", "、": ",", "；": ";", "：": ":", "（": "(", "）": ")", "－": "-", "—": "-", "–": "-",
        "．": ".", "。": ".", "＋": "+", "′": "'", "’": "'", "‘": "'", "″": '"', "”": '"', "“": '"',
        "º": "°", "˚": "°", "度": "°", "分": "'", "秒": '"',
        "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
    }
)
_HEMI_WORDS = (("北纬", "N"), ("南纬", "S"), ("东经", "E"), ("西经", "W"))
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
# One coordinate: degrees, optional minutes and seconds, and a hemisphere letter either before ("N30.7 E120.5")
# or after ("30.7N 120.5E"); which style applies is decided once per text, else "N30 E120" is ambiguous.
_DMS = rf"""(?P<deg>{_NUMBER})\s*°?\s*
        (?:(?P<min>{_NUMBER})\s*'\s*)?
        (?:(?P<sec>{_NUMBER})\s*"\s*)?"""
_COMPONENT_PRE = re.compile(rf"\s*(?P<pre>[NSEW])?\s*{_DMS}(?P<post>)\s*", re.VERBOSE)
_COMPONENT_POST = re.compile(rf"\s*(?P<pre>){_DMS}(?P<post>[NSEW])?\s*", re.VERBOSE)
_LABELS = re.compile(r"\b(?:lat(?:itude)?|lng|lon(?:gitude)?)\s*[:=]?", re.IGNORECASE)


def _split_components(text: str) -> list[re.Match[str]]:
    pos, out = 0, []
    pattern = _COMPONENT_PRE if text[:1] in ("N", "S", "E", "W") else _COMPONENT_POST
    while pos < len(text):
        m = pattern.match(text, pos)
        if not m or m.end() == pos or m.group("deg") is None:
            break
        out.append(m)
        pos = m.end()
        if pos < len(text) and text[pos] in ",;/|":
            pos += 1
    if pos < len(text) and text[pos:].strip():
        raise ValueError(f"unexpected text {text[pos:].strip()!r}")
    return out


def _component_value(m: re.Match[str]) -> tuple[float, str | None]:
    deg = float(m.group("deg"))
    minutes = float(m.group("min") or 0.0)
    seconds = float(m.group("sec") or 0.0)
    if (m.group("min") or m.group("sec")) and (minutes >= 60 or seconds >= 60 or minutes < 0 or seconds < 0):
        raise ValueError("minutes and seconds must be between 0 and 60")
    value = abs(deg) + minutes / 60.0 + seconds / 3600.0
    if deg < 0 or m.group("deg").startswith("-"):
        value = -value
    pre, post = m.group("pre"), m.group("post")
    if pre and post and pre != post:
        raise ValueError(f"two hemisphere letters {pre!r} and {post!r} on one number")
    hemi = pre or post
    if hemi in ("S", "W"):
        value = -abs(value)
    return value, hemi


def parse_coordinate(text: str, system: str = "wgs84") -> Point:
    """Parse a pasted coordinate pair into a WGS-84 :class:`Point`.

    Parameters
    ----------
    text
        Two numbers in either order: ``"30.7459, 120.4888"`` (lat, lon), ``"120.488840,30.745906"`` (lon, lat
        as AMap/Baidu copy it), ``"30.7459°N 120.4888°E"``, ``"北纬30.7459 东经120.4888"``,
        ``"30°44'45\\"N, 120°29'20\\"E"``; Chinese commas and full-width digits are accepted.
    system
        The datum of ``text``: ``"wgs84"`` (GPS, Google outside China, Wikipedia, OpenStreetMap),
        ``"gcj02"`` (AMap/高德, Tencent) or ``"bd09"`` (Baidu). The result is always WGS-84.

    Raises
    ------
    CoordinateError
        When the text is not two numbers, when the order cannot be told, or when the point lies outside the
        study area (the message says what was expected).
    """
    system = _check_system(system)
    if not isinstance(text, str) or not text.strip():
        raise CoordinateError('empty coordinate; paste two numbers such as "30.7459, 120.4888" (lat, lon)')
    raw = text
    s = text.translate(_TRANSLATE)
    for word, letter in _HEMI_WORDS:
        s = s.replace(word, f" {letter} ")
    s = _LABELS.sub(" ", s).upper().strip().strip("()[]{}").strip()
    try:
        comps = _split_components(s)
        if len(comps) != 2:
            raise ValueError(f"found {len(comps)} number(s), need exactly two")
        (a, ha), (b, hb) = _component_value(comps[0]), _component_value(comps[1])
    except ValueError as exc:
        raise CoordinateError(
            f"cannot read {raw!r} as a coordinate ({exc}); "
            'paste "lat, lon" such as "30.7459, 120.4888" or AMap/Baidu "lon,lat" such as "120.4888,30.7459"'
        ) from None

    lat_axis = {"N": "lat", "S": "lat", "E": "lon", "W": "lon", None: None}
    ka, kb = lat_axis[ha], lat_axis[hb]
    if ka and kb and ka == kb:
        raise CoordinateError(f"{raw!r} gives two {'latitudes' if ka == 'lat' else 'longitudes'}; give one of each")
    if ka == "lat" or kb == "lon":
        lat, lon = a, b
    elif ka == "lon" or kb == "lat":
        lon, lat = a, b
    elif _lat_ok(a) and _lon_ok(b):
        lat, lon = a, b
    elif _lon_ok(a) and _lat_ok(b):
        lon, lat = a, b
    else:
        raise CoordinateError(
            f"{raw!r} is not in the study area in either order; expected {_area_text()} "
            "(e.g. Wuzhen is 30.75, 120.49)"
        )
    # Check the pasted values first (the error then quotes what the user typed), then the converted ones.
    check_study_area(lon, lat, what=f"{raw!r} ({system})")
    wlon, wlat = to_wgs84(lon, lat, system)
    point = check_study_area(wlon, wlat, what=f"{raw!r} converted to WGS-84")
    log.debug("parsed %r (%s) as %s", raw, system, point)
    return point


def format_coordinate(
    point: Point | tuple[float, float],
    *,
    order: Literal["latlon", "lonlat"] = "latlon",
    digits: int | None = 6,
    system: str = "wgs84",
) -> str:
    """Format a WGS-84 point as text that :func:`parse_coordinate` reads back.

    Parameters
    ----------
    point
        ``(lon, lat)`` in WGS-84.
    order
        ``"latlon"`` (``"30.745906, 120.488840"``) or ``"lonlat"`` (AMap/Baidu ``"120.488840,30.745906"``).
    digits
        Decimal places (6 ≈ 0.1 m); ``None`` writes the shortest text that reads back exactly.
    system
        Convert to this datum first (e.g. ``"gcj02"`` to paste into AMap).
    """
    lon, lat = from_wgs84(float(point[0]), float(point[1]), system)

    def fmt(v: float) -> str:
        return repr(float(v)) if digits is None else f"{v:.{digits}f}"

    if order == "latlon":
        return f"{fmt(lat)}, {fmt(lon)}"
    if order == "lonlat":
        return f"{fmt(lon)},{fmt(lat)}"
    raise ValueError(f"order must be 'latlon' or 'lonlat', not {order!r}")
