"""The project's vocabulary: the words and bounds every layer shares, defined once.

Statuses, accuracies, modes and classes are the values the data files, scenario files, the model and the
app use; the boxes bound the study area; the ranges are what a plausible value looks like (a value outside
is a typo, a unit slip or another datum). Everything here is a plain constant: this module imports nothing
from the package, so any layer may import it.
"""

from __future__ import annotations

import math

__all__ = [
    "ACCURACIES",
    "BOUNDARY_KINDS",
    "CONTEXT_AREA",
    "CONTEXT_KINDS",
    "CRS",
    "DATA_YEAR",
    "HEADWAY_RANGE",
    "LINK_CLASSES",
    "LINK_MODES",
    "METRIC_CRS",
    "PLACE_KINDS",
    "RAIL_CLASSES",
    "ROAD_CLASSES",
    "SPEED_RANGE",
    "STATION_CLASSES",
    "STATUSES",
    "STUDY_AREA",
    "COORDINATE_SYSTEMS",
    "TRAVEL_MODES",
    "WALK_MINUTES_RANGE",
    "YEAR_RANGE",
    "format_minutes",
]

#: The month the data describe: the network as of November 2026. A scenario without a year is this year.
DATA_YEAR = 2026
#: Years a scenario, a slider or ``--year`` may ask for.
YEAR_RANGE = (1990, 2100)

#: Geographic coordinates of every data file (WGS-84) and the metric CRS lengths are measured in (UTM 51N).
CRS = "EPSG:4326"
METRIC_CRS = "EPSG:32651"
#: Datums a pasted coordinate may be in: GPS/OSM, AMap/Tencent, Baidu.
COORDINATE_SYSTEMS: tuple[str, ...] = ("wgs84", "gcj02", "bd09")

#: ``(west, south, east, north)`` that every network feature and every origin must lie in.
STUDY_AREA: tuple[float, float, float, float] = (119.5, 29.5, 122.5, 32.0)
#: Background layers, and points drawn in a scenario, may reach a little further.
CONTEXT_AREA: tuple[float, float, float, float] = (118.5, 28.5, 123.5, 33.0)

#: A feature's status, in the order a project moves through them.
STATUSES: tuple[str, ...] = ("open", "under_construction", "planned", "proposed")
#: How well a geometry is known: surveyed, approximate (within a few hundred metres) or schematic (drawn).
ACCURACIES: tuple[str, ...] = ("surveyed", "approximate", "schematic")

PLACE_KINDS: tuple[str, ...] = ("airport", "station", "interchange", "junction", "city_centre", "poi",
                                "zone_access")
BOUNDARY_KINDS: tuple[str, ...] = ("city", "district", "town", "province")
CONTEXT_KINDS: tuple[str, ...] = ("coast", "sea", "lake", "river", "canal", "land")

ROAD_CLASSES: tuple[str, ...] = ("expressway", "urban_expressway", "highway", "arterial", "local", "connector")
RAIL_CLASSES: tuple[str, ...] = ("hsr", "conventional", "intercity", "suburban", "metro")
STATION_CLASSES = RAIL_CLASSES
#: What a link is (its ``mode``) and the classes each mode allows.
LINK_MODES: tuple[str, ...] = ("road", "rail", "walk")
LINK_CLASSES: dict[str, tuple[str, ...]] = {"road": ROAD_CLASSES, "rail": RAIL_CLASSES, "walk": ("transfer",)}

#: How a traveller goes: by car, by rail (at least one train), or the faster of the two.
TRAVEL_MODES: tuple[str, ...] = ("car", "rail", "best")

# Plausible ranges (km/h, minutes): a value outside is almost surely a typo or a unit slip.
SPEED_RANGE: dict[str, tuple[float, float]] = {"road": (5.0, 130.0), "rail": (20.0, 400.0)}
HEADWAY_RANGE = (1.0, 240.0)
WALK_MINUTES_RANGE = (0.5, 60.0)


def format_minutes(minutes: float | None, lang: str = "en", *, unreachable: str = "unreachable") -> str:
    """Minutes as people read them: ``"43 min"`` / ``"43 分钟"``, ``"<1 min"`` for a moment under one minute,
    ``"0 min"`` for no time at all (origin and destination coincide), and ``unreachable`` for None, NaN or
    infinity. The one formatter of travel times for every view."""
    if minutes is None or not math.isfinite(minutes):
        return unreachable
    unit = "分钟" if lang == "zh" else "min"
    if minutes <= 0:
        return f"0 {unit}"
    return f"<1 {unit}" if minutes < 1 else f"{minutes:.0f} {unit}"
