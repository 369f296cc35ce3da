"""Coordinates: the :class:`Point` and :data:`Origin` the router takes, datums, and the study area.

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

:class:`Point` is a plain ``(lon, lat)`` named tuple with no dependency on the network stack; an
:data:`Origin` (what the router takes as an origin or destination) is a place id, a zone id or a ``Point``.
:func:`origin_id` is the one text key of an origin (tables are keyed by it); :attr:`Point.label` is how a
point is named where a trip shows it. Pass user input through
:func:`wuzhen_geo.answers.places.resolve_origin` to get an origin; pasted text is read by
:mod:`wuzhen_geo.model.coordinate_text`.
"""

from __future__ import annotations

import logging
import math
from typing import Any, Literal, NamedTuple, Union, overload

import numpy as np

from wuzhen_geo.errors import CoordinateError
from wuzhen_geo.i18n import t
from wuzhen_geo.vocabulary import COORDINATE_SYSTEMS, STUDY_AREA

__all__ = [
    "Origin",
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
    "coordinate_system",
    "distance_m",
    "origin_id",
    "study_area_text",
]

log = logging.getLogger(__name__)

CoordinateSystem = Literal["wgs84", "gcj02", "bd09"]
SYSTEMS = COORDINATE_SYSTEMS

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
        """``"lat,lon"`` to 6 decimals (about 0.1 m), the order people read and paste: as the app's origin line
        and its address write the point (a route's steps had said 30.74000,120.48500 under 30.740000,120.485000)."""
        return f"{self.lat:.6f},{self.lon:.6f}"


#: What the router accepts as an origin or destination: a place id, a zone id, or a WGS-84 point.
Origin = Union[str, Point]


def origin_id(origin: Origin) -> str:
    """The text key of an origin: the id itself, or ``"pt:lat,lon"`` for a point (6 decimals, about 0.1 m).

    Every table of answers and every search keyed by origin or destination uses this key."""
    if isinstance(origin, str):
        return origin
    return f"pt:{origin.lat:.6f},{origin.lon:.6f}"


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


def coordinate_system(system: str) -> str:
    """The datum name ``system`` stands for (``"wgs84"``, ``"gcj02"`` or ``"bd09"``); ``CoordinateError`` else."""
    key = str(system).strip().lower().replace("-", "").replace("_", "")
    if key not in SYSTEMS:
        raise CoordinateError(
            f"unknown coordinate system {system!r}; use one of {', '.join(SYSTEMS)} "
            "(wgs84 for GPS/Google/Wikipedia/OSM, gcj02 for AMap/Tencent, bd09 for Baidu)"
        )
    return key


def to_wgs84(lon: Any, lat: Any, system: str = "wgs84") -> tuple[Any, Any]:
    """Convert from ``system`` (``wgs84``, ``gcj02`` or ``bd09``) to WGS-84."""
    system = coordinate_system(system)
    if system == "gcj02":
        return gcj02_to_wgs84(lon, lat)
    if system == "bd09":
        return bd09_to_wgs84(lon, lat)
    lon, lat, scalar = _prepare(lon, lat)
    return _unwrap(lon, lat, scalar)


def from_wgs84(lon: Any, lat: Any, system: str = "wgs84") -> tuple[Any, Any]:
    """Convert from WGS-84 to ``system`` (e.g. to draw on GCJ-02 tiles)."""
    system = coordinate_system(system)
    if system == "gcj02":
        return wgs84_to_gcj02(lon, lat)
    if system == "bd09":
        return wgs84_to_bd09(lon, lat)
    lon, lat, scalar = _prepare(lon, lat)
    return _unwrap(lon, lat, scalar)


def geometry_from_wgs84(geom: Any, system: str) -> Any:
    """A shapely geometry shifted from WGS-84 to ``system`` (``"gcj02"``, ``"bd09"``; ``"wgs84"`` = copy)."""
    import shapely

    system = coordinate_system(system)

    def shift(xy: np.ndarray) -> np.ndarray:
        lon, lat = from_wgs84(xy[:, 0], xy[:, 1], system)
        return np.column_stack([lon, lat])

    return shapely.transform(geom, shift)


def geometry_to_wgs84(geom: Any, system: str) -> Any:
    """A shapely geometry in ``system`` (``"gcj02"``, ``"bd09"``) shifted to WGS-84."""
    import shapely

    system = coordinate_system(system)

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


def study_area_text(lang: str = "en") -> str:
    """The study area in words, for error messages."""
    x0, y0, x1, y1 = STUDY_AREA
    return t("coord_area", lang, x0=f"{x0:g}", y0=f"{y0:g}", x1=f"{x1:g}", y1=f"{y1:g}")


def coordinate_error(key: str, **values: Any) -> CoordinateError:
    """A ``CoordinateError`` from the strings of ``key`` (its message English, its :meth:`text` in Chinese too);
    a value given as a ``{"en": ..., "zh": ...}`` mapping is put in each language."""
    def text(lang: str) -> str:
        return t(key, lang, **{k: v[lang] if isinstance(v, dict) else v for k, v in values.items()})
    return CoordinateError(text("en"), text_zh=text("zh"))


def check_study_area(lon: float, lat: float, *, what: str | dict[str, str] | None = None) -> Point:
    """Return ``Point(lon, lat)`` or raise ``CoordinateError`` saying what range was expected; ``what`` names
    the value (text, or ``{"en": ..., "zh": ...}``)."""
    what = what if what is not None else {lang: t("coord_what", lang) for lang in ("en", "zh")}
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise coordinate_error("coord_not_finite", what=what, lat=repr(lat), lon=repr(lon))
    if not in_study_area(lon, lat):
        raise coordinate_error("coord_outside", what=what, lat=f"{lat:.6f}", lon=f"{lon:.6f}",
                               area={lang: study_area_text(lang) for lang in ("en", "zh")})
    return Point(float(lon), float(lat))
