"""The project's vocabulary: the words and bounds every layer shares, defined once.

Statuses, accuracies, modes and classes are the values the data files, scenario files, the model and the
app use; the boxes bound the study area; the ranges are what a plausible value looks like (a value outside
is a typo, a unit slip or another datum). Everything here is a plain constant: this module imports nothing
from the package, so any layer may import it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

__all__ = [
    "ACCURACIES",
    "BOUNDARY_KINDS",
    "BREAKS_RANGE",
    "CELLS_RANGE",
    "COACH_CLASSES",
    "CONTEXT_AREA",
    "CONTEXT_KINDS",
    "CRS",
    "DATA_YEAR",
    "DEPART_PERIODS",
    "HEADWAY_RANGE",
    "LINK_CLASSES",
    "LINK_MODES",
    "MAX_BREAKS",
    "MAX_DATA_YAML_BYTES",
    "MAX_EDITS",
    "MAX_GEOMETRY_VERTICES",
    "MAX_QUOTED_CHARS",
    "HIDDEN_CHARACTERS",
    "NOT_IN_FILE_NAMES",
    "MAX_SCENARIO_BYTES",
    "MAX_STOPS",
    "MAX_TEXT_CHARS",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "METRIC_CRS",
    "PLACE_KINDS",
    "RAIL_CLASSES",
    "ROUTE_MODES",
    "ROAD_CLASSES",
    "SERVICE_READINGS",
    "SPEED_RANGE",
    "SPEED_RANGE_BY_CLASS",
    "STATION_CLASSES",
    "STATUSES",
    "STUDY_AREA",
    "COORDINATE_SYSTEMS",
    "TRAVEL_MODES",
    "WALK_MINUTES_RANGE",
    "YEAR_BASES",
    "YEAR_RANGE",
    "format_km",
    "format_minutes",
    "format_people",
    "format_people_change",
    "people_change_text",
    "format_gdp_change",
    "gdp_change_text",
    "format_parts",
    "quoted",
    "changed_as_shown",
    "shown_change",
    "whole_parts",
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
#: What an expected ``open_year`` (of a project, or of a feature not yet open) rests on: ``announced`` (a date
#: an official or published source states, cited in ``source``), ``inferred`` (our estimate, reasoned in
#: ``note``) or ``unknown`` (no year: ``open_year`` is null). Planners must see which plan years are guesses.
YEAR_BASES: tuple[str, ...] = ("announced", "inferred", "unknown")

#: Which reading of a planned line's promised service the model runs where sources differ: ``promised`` (the
#: times the plans and their promoters publish) or ``conservative`` (the speeds the existing lines of the same
#: corridor achieve in timetables). A rail link's ``service_reading`` names the reading it belongs to; a link
#: without one runs in both. The first is the default (ModelConfig.service_reading says why).
SERVICE_READINGS: tuple[str, ...] = ("promised", "conservative")

PLACE_KINDS: tuple[str, ...] = ("airport", "station", "interchange", "junction", "city_centre", "poi",
                                "zone_access")
BOUNDARY_KINDS: tuple[str, ...] = ("city", "county", "district", "town", "province")
CONTEXT_KINDS: tuple[str, ...] = ("coast", "sea", "lake", "river", "canal", "land")

ROAD_CLASSES: tuple[str, ...] = ("expressway", "urban_expressway", "highway", "arterial", "local", "connector")
RAIL_CLASSES: tuple[str, ...] = ("hsr", "conventional", "intercity", "suburban", "metro")
STATION_CLASSES = RAIL_CLASSES
#: Scheduled coach services (``links/coach.geojson``): coaches to an airport, and intercity and tourist coaches.
COACH_CLASSES: tuple[str, ...] = ("airport_coach", "intercity_coach")
#: What a link a scenario edit may draw is (its ``mode``); coach services come from the data only.
LINK_MODES: tuple[str, ...] = ("road", "rail", "walk")
#: The classes each link mode of the data allows.
LINK_CLASSES: dict[str, tuple[str, ...]] = {"road": ROAD_CLASSES, "rail": RAIL_CLASSES, "walk": ("transfer",),
                                            "coach": COACH_CLASSES}

#: How a traveller goes: by car, by rail (at least one train), or the faster of the two. Matrices, comparisons,
#: access and appraisal answer these.
TRAVEL_MODES: tuple[str, ...] = ("car", "rail", "best")
#: What a single trip (a route, the airport table) may also ask for: ``coach`` (at least one scheduled coach,
#: no train) and ``transit`` (public transport: the faster of the rail and the coach trip).
ROUTE_MODES: tuple[str, ...] = (*TRAVEL_MODES, "coach", "transit")
#: When a trip sets off (ModelConfig.depart): daytime off-peak, weekday morning peak, evening peak, and night
#: (leaving 00:00-05:00: free-flow roads, no train or coach; ModelConfig.service_periods).
DEPART_PERIODS: tuple[str, ...] = ("offpeak", "am_peak", "pm_peak", "night")

# Plausible ranges (km/h, minutes): a value outside is almost surely a typo or a unit slip.
SPEED_RANGE: dict[str, tuple[float, float]] = {"road": (5.0, 130.0), "rail": (20.0, 400.0)}
#: What a scenario edit may set a link of each class to (km/h), inside its mode's :data:`SPEED_RANGE`: the
#: fastest is a little above China's legal or design maximum of the class (120 km/h on expressways, 350 km/h
#: on HSR, 80 km/h on metros), the slowest a congested crawl.
SPEED_RANGE_BY_CLASS: dict[str, tuple[float, float]] = {
    "expressway": (30.0, 130.0), "urban_expressway": (20.0, 110.0), "highway": (20.0, 120.0),
    "arterial": (10.0, 90.0), "local": (5.0, 70.0), "connector": (5.0, 70.0),
    "hsr": (80.0, 400.0), "conventional": (30.0, 200.0), "intercity": (40.0, 360.0), "suburban": (30.0, 200.0),
    "metro": (20.0, 120.0),
}
HEADWAY_RANGE = (1.0, 240.0)
WALK_MINUTES_RANGE = (0.5, 60.0)

# Limits at the boundary: an input beyond them is refused with a clear error before any work starts, so no
# file, upload or flag can make a command run for minutes or take gigabytes.
#: Grid cells of a travel-time surface (``--cells``): fewer than 100 draws no useful contour; 250,000 (about
#: 400 m cells over the shipped region) is computed in a few seconds and about 100 MB.
CELLS_RANGE = (100, 250_000)
#: Contour breaks in minutes (``--breaks``): no trip in the study area takes longer than 10 hours.
BREAKS_RANGE = (1.0, 600.0)
#: At most this many contour breaks.
MAX_BREAKS = 24
#: A scenario file or upload larger than this is refused before it is parsed (the shipped ones are ~1 KB;
#: 256 KB holds a thousand edits, or a few long drawn lines, and reads in well under a second).
MAX_SCENARIO_BYTES = 256_000
#: A YAML file of the geodata folder (projects, targets) larger than this is refused before it is parsed.
MAX_DATA_YAML_BYTES = 10_000_000
#: Nesting depth of a YAML document (a scenario needs 4: edits, edit, geometry, coordinate).
MAX_YAML_DEPTH = 32
#: Values (scalars, lists and mappings) in a scenario document: building 30,000 takes about half a second.
MAX_YAML_NODES = 30_000
#: Edits in one scenario, stops of one added link, and vertices of one drawn geometry.
MAX_EDITS = 1_000
MAX_STOPS = 100
MAX_GEOMETRY_VERTICES = 5_000
#: Characters of a name or title in a scenario (a line of a legend, not a document).
MAX_TEXT_CHARS = 200
#: Quoted input in an error message is cut to this many characters (a message is one readable line).
MAX_QUOTED_CHARS = 80
#: Characters a name or title never needs: control characters, and the text-direction overrides that make a
#: terminal or a file list show text in another order than it has.
HIDDEN_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: What a file name cannot hold on one system or another (a scenario's name names its file).
# '%' too: a browser reads '%20' in a downloaded file's name as a space, so the file would not bear the name
NOT_IN_FILE_NAMES = re.compile(r'[/\\<>:"|?*%]')


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


def format_km(km: float | None, lang: str = "en") -> str:
    """A distance as every view writes it: whole kilometres from 10 km (``"113 km"`` / ``"113 公里"``), one
    decimal below (``"8.4 km"``); ``"–"`` for no value. The command line had said 112.9 km where the app said
    113 km for the same trip."""
    if km is None or not math.isfinite(km):
        return "–"
    number = f"{km:,.0f}" if abs(km) >= 10 else f"{km:.1f}"
    return f"{number} 公里" if lang == "zh" else f"{number} km"


#: Below this many people a count is written in full; from it on, in millions (en) or 万 (zh). The two
#: languages then show the same resolution: 0.01 million = 1 万 = 10,000 people.
PEOPLE_IN_FULL_BELOW = 10_000


def format_people(people: float | None, lang: str = "en") -> str:
    """A head count as people say it, the one formatter of people counts in every view: ``"7.79 million"`` /
    ``"779 万"``, ``"0.51 million"`` / ``"51 万"`` (one unit down a column, and no more digits than the
    evenly-spread census counts carry), and counts under 10,000 in full (``"8,512"``); ``"–"`` for no value."""
    if people is None or not math.isfinite(people):
        return "–"
    if abs(people) < PEOPLE_IN_FULL_BELOW:
        return f"{people:,.0f}"
    return f"{people / 1e4:,.0f} 万" if lang == "zh" else f"{people / 1e6:,.2f} million"


def format_people_change(change: float | None, lang: str = "en") -> str:
    """A change of a head count as :func:`format_people` writes counts, with its sign: ``"+0.01 million"``,
    ``"−4 万"``, ``"+3,120"``; ``"0"`` when it shows no change at that resolution."""
    if change is None or not math.isfinite(change):
        return "–"
    shown = format_people(abs(change), lang)
    if not any(ch in "123456789" for ch in shown):
        return "0"
    return ("+" if change > 0 else "−") + shown


def shown_people(people: float) -> float:
    """A head count as :func:`format_people` shows it: in full under 10,000, else to the nearest 10,000."""
    return people if abs(people) < PEOPLE_IN_FULL_BELOW else round(people / 1e4) * 1e4


def people_change_text(before: float | None, after: float | None, lang: str = "en") -> str:
    """The change between two head counts as a reader subtracts the counts shown (:func:`shown_people`), as
    :func:`shown_change` does for minutes: 6.50 → 6.52 million reads +0.02 million, not the exact +0.03."""
    if before is None or after is None or not (math.isfinite(before) and math.isfinite(after)):
        return "–"
    return format_people_change(shown_people(after) - shown_people(before), lang)


def format_gdp_change(change_cny_bn: float | None, lang: str = "en") -> str:
    """A change of GDP given in billion yuan, signed, in billion yuan (en, ``"+0.98"``) or 亿元 (zh, ``"+9.8"``):
    the same resolution in both languages (0.01 billion = 0.1 亿); ``"0"`` when it shows no change."""
    if change_cny_bn is None or not math.isfinite(change_cny_bn):
        return "–"
    shown = f"{abs(change_cny_bn) * 10:,.1f}" if lang == "zh" else f"{abs(change_cny_bn):,.2f}"
    if not any(ch in "123456789" for ch in shown):
        return "0"
    return ("+" if change_cny_bn > 0 else "−") + shown


def gdp_change_text(before_cny_bn: float, after_cny_bn: float, lang: str = "en") -> str:
    """The change between two GDP sums shown in whole billion yuan (en) or whole 亿元 (zh), as a reader
    subtracts them: ``"+36"`` / ``"+362"``; ``"0"`` when the two read the same."""
    if not (math.isfinite(before_cny_bn) and math.isfinite(after_cny_bn)):
        return "–"
    scale = 10.0 if lang == "zh" else 1.0
    change = round(after_cny_bn * scale) - round(before_cny_bn * scale)
    return f"{change:+,.0f}".replace("-", "−") if change else "0"


def whole_parts(parts: Sequence[float], total: float | None = None) -> list[int]:
    """Whole minutes for the parts of a trip (its legs or steps) that add up to the total as shown.

    Each part rounded on its own can miss the rounded total by a minute or more (legs 33 + 30 + 21 + 22 + 22
    + 9 = 137 under a total of 138), and a reader adds them up. So the parts are rounded by largest
    remainder: each is rounded down, and the minutes still missing from the rounded ``total`` (the sum of
    the parts when not given) go one each to the parts with the largest fractions, the earlier part first
    on a tie. A total below the parts' sum takes its minutes back from the parts with the smallest fractions.
    A part or total that is not finite leaves every part rounded on its own.
    """
    values = [float(p) for p in parts]
    whole_total = sum(values) if total is None else float(total)
    if not values or not all(math.isfinite(v) for v in values) or not math.isfinite(whole_total):
        return [round(v) if math.isfinite(v) else 0 for v in values]
    shown = [math.floor(v) for v in values]
    missing = round(whole_total) - sum(shown)
    # fractions equal but for float noise (33.3 - 33 against 22.3 - 22) tie, and the earlier part goes first
    by_fraction = sorted(range(len(values)), key=lambda i: (-round(values[i] - shown[i], 9), i))
    while missing > 0:
        for i in by_fraction[:missing]:
            shown[i] += 1
        missing = round(whole_total) - sum(shown)
    while missing < 0:
        takers = [i for i in reversed(by_fraction) if shown[i] > 0][:-missing]
        if not takers:
            break
        for i in takers:
            shown[i] -= 1
        missing = round(whole_total) - sum(shown)
    return shown


def format_parts(parts: Sequence[float], lang: str = "en", total: float | None = None) -> list[str]:
    """The parts of a trip as :func:`format_minutes` writes them, rounded by :func:`whole_parts` so that the
    minutes shown add up to the total shown; a part that keeps no whole minute reads ``"<1 min"`` (or
    ``"0 min"`` when it takes no time)."""
    out = []
    for part, whole in zip(parts, whole_parts(parts, total)):
        out.append(format_minutes(whole if whole >= 1 else min(float(part), 0.5), lang))
    return out


def shown_change(before: float, after: float) -> float:
    """The change of a time as people read it: the whole minutes shown after minus those shown before.

    Rounding the exact difference on its own can differ by a minute from what a reader subtracts
    (180 -> 100 shown as -79). Not finite on either side: the exact difference (``inf``, ``-inf`` or NaN),
    which a view shows in words."""
    before, after = float(before), float(after)
    if not (math.isfinite(before) and math.isfinite(after)):
        return after - before if not (math.isinf(before) and math.isinf(after)) else 0.0
    return float(round(after) - round(before))


def changed_as_shown(before: Iterable[float], after: Iterable[float]) -> list[bool]:
    """Whether each time changed as a reader sees it: its :func:`shown_change` is not zero (a time newly
    reachable or lost counts). The one rule for "changed" in every count, list and summary, so that a pair
    counted as changed never shows 0 min and one that shows -1 min is counted."""
    return [shown_change(b, a) != 0 for b, a in zip(before, after)]


def quoted(value: object, limit: int = MAX_QUOTED_CHARS) -> str:
    """``repr(value)`` cut to ``limit`` characters with ``…``: input echoed in a one-line error message."""
    try:
        text = repr(value)
    except Exception:  # a value whose repr fails (or recurses) is still named by its type
        text = f"<{type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
