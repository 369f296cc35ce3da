"""Checks of the county-level units (``units.geojson``) and their published totals (``unit_totals.yaml``), part of
:func:`wuzhen_geo.data.validate.validate_geodata`.

Every unit carries a population and a GDP, each with its year and source, or says that the figure was not
found (``population_note`` / ``gdp_note``): a missing figure without that note is an error, with it a warning
(the accessibility answers then count the unit's people or GDP as unknown). A number must be finite and not
negative, and agree with the unit's land: no more people per km² than the densest district of the region
holds, no GDP per resident outside what the region's districts show. The units of a province or prefecture
may not add up to more than the total the same sources publish, and must add up to it exactly where every
unit of that area is in the file (less the people the bulletin counts apart from any unit).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from wuzhen_geo.data.problems import Problem, is_missing, is_number, note_translation_problems
from wuzhen_geo.vocabulary import ACCURACIES, CONTEXT_AREA, DATA_YEAR, METRIC_CRS, quoted

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData

__all__ = ["UNIT_FIELDS", "check_units"]

FILE = "units.geojson"
TOTALS_FILE = "unit_totals.yaml"
#: Fields every unit must fill.
UNIT_FIELDS = ("id", "name_zh", "name_en", "source", "accuracy")
#: The census a unit's population refers to: the 7th national census (1 November 2020).
CENSUS_YEARS = (2020,)
#: GDP years accepted as "latest published": the last ten years up to the data year.
GDP_YEARS = (DATA_YEAR - 10, DATA_YEAR)
#: Residents per km² of land: the densest district of the region (Huangpu, Shanghai) holds about 32,000;
#: twice that is a typo or a unit slip (people instead of 万人, an area in hectares).
MAX_DENSITY_PER_KM2 = 65_000.0
#: GDP per resident in yuan: the region's districts range from about 50,000 to 510,000 (Huangpu); outside
#: 10,000-1,500,000 a figure is in the wrong unit (亿元 for billions) or joined to the wrong unit.
GDP_PER_PERSON_RANGE = (10_000.0, 1_500_000.0)


def _props(row: Any) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "geometry"}


def _check_figure(fid: str, p: dict[str, Any], value: str, year: str, source: str, note: str,
                  years: tuple[int, int]) -> Iterator[Problem]:
    """A figure, its year and its source; or a note that it was not found."""
    v = p.get(value)
    if is_missing(v):
        if is_missing(p.get(note)):
            yield Problem(FILE, fid, value, "missing, and no note says why",
                          f"give the {value} with its {year} and {source}, or say in {note} that it was not found")
        else:
            yield Problem(FILE, fid, value, f"not known ({p[note]})", "add the published figure when found",
                          severity="warning")
        return
    if not is_number(v) or v < 0:
        yield Problem(FILE, fid, value, f"{quoted(v)} is not a number of at least 0", f"give the {value} as a number")
    y = p.get(year)
    if not is_number(y) or not years[0] <= y <= years[1]:
        yield Problem(FILE, fid, year, f"{quoted(y)} is not a year from {years[0]} to {years[1]}",
                      f"give the year the {value} refers to")
    if is_missing(p.get(source)):
        yield Problem(FILE, fid, source, "missing", f"quote where the {value} was read (URL or document)")


def _check_consistency(fid: str, p: dict[str, Any], area_km2: float) -> Iterator[Problem]:
    pop, gdp = p.get("population"), p.get("gdp_cny_bn")
    if is_number(pop) and pop > 0 and area_km2 > 0 and pop / area_km2 > MAX_DENSITY_PER_KM2:
        yield Problem(FILE, fid, "population", f"{pop:,.0f} people on {area_km2:,.0f} km² of land is "
                      f"{pop / area_km2:,.0f} per km², more than {MAX_DENSITY_PER_KM2:,.0f}",
                      "check the unit (persons, not 万人) and the polygon")
    if is_number(pop) and pop > 0 and is_number(gdp) and gdp >= 0:
        per = gdp * 1e9 / pop
        lo, hi = GDP_PER_PERSON_RANGE
        if not lo <= per <= hi:
            yield Problem(FILE, fid, "gdp_cny_bn", f"{gdp:,} bn yuan for {pop:,.0f} people is {per:,.0f} yuan per "
                          f"person, outside {lo:,.0f}-{hi:,.0f}", "check the unit (billion yuan = 亿元 / 10)")


def _check_unit(fid: str, p: dict[str, Any], geom: Any, area_km2: float) -> Iterator[Problem]:
    for name in UNIT_FIELDS:
        if is_missing(p.get(name)):
            yield Problem(FILE, fid, name, "missing or empty", f"give the unit a {name}")
    if p.get("accuracy") not in ACCURACIES:
        yield Problem(FILE, fid, "accuracy", f"{quoted(p.get('accuracy'))} is not one of {', '.join(ACCURACIES)}",
                      "use one of those")
    if geom is None or geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        yield Problem(FILE, fid, "geometry", "not a (Multi)Polygon", "give the unit's land as a polygon")
    else:
        minx, miny, maxx, maxy = geom.bounds
        if minx < CONTEXT_AREA[0] or miny < CONTEXT_AREA[1] or maxx > CONTEXT_AREA[2] or maxy > CONTEXT_AREA[3]:
            yield Problem(FILE, fid, "geometry", "reaches outside the context area", "clip it (scripts/build_units.py)")
    yield from _check_figure(fid, p, "population", "population_year", "population_source", "population_note",
                             (min(CENSUS_YEARS), max(CENSUS_YEARS)))
    yield from _check_figure(fid, p, "gdp_cny_bn", "gdp_year", "gdp_source", "gdp_note", GDP_YEARS)
    yield from _check_consistency(fid, p, area_km2)
    yield from note_translation_problems(FILE, fid, p)


def _sum_of(units: list[tuple[str, dict[str, Any]]], prefix: str, value: str, year: Any = None
            ) -> tuple[float, int, int]:
    """Sum of ``value`` over the units whose id starts with ``prefix`` (of ``year`` when given): sum, how many
    units, how many of them lack the figure."""
    total, count, lacking = 0.0, 0, 0
    for fid, p in units:
        if not fid.startswith(prefix):
            continue
        count += 1
        v = p.get(value)
        if not is_number(v) or (year is not None and p.get("gdp_year") != year):
            lacking += 1
        else:
            total += float(v)
    return total, count, lacking


def _check_totals(data: GeoData, units: list[tuple[str, dict[str, Any]]]) -> Iterator[Problem]:
    for i, t in enumerate(data.unit_totals):
        if not isinstance(t, dict):
            yield Problem(TOTALS_FILE, f"entry #{i}", "-", "is not a mapping", "write each total as key: value pairs")
            continue
        tid = str(t.get("id") or f"entry #{i}")
        prefix = t.get("adcode_prefix")
        if not isinstance(prefix, str) or not prefix.isdigit():
            yield Problem(TOTALS_FILE, tid, "adcode_prefix", f"{quoted(prefix)} is not digits",
                          "give the first 2 (province) or 4 (prefecture) digits of the adcode, quoted")
            continue
        pop = t.get("population")
        if is_number(pop):
            if is_missing(t.get("population_source")):
                yield Problem(TOTALS_FILE, tid, "population_source", "missing", "quote the bulletin")
            got, count, lacking = _sum_of(units, prefix, "population")
            apart = t.get("not_in_units") or 0
            if got > pop:
                yield Problem(FILE, tid, "population", f"the {count} units add up to {got:,.0f}, more than the "
                              f"published total {pop:,.0f}", "check the unit figures against the bulletin")
            elif t.get("complete") is True and (lacking or got != pop - apart):
                yield Problem(FILE, tid, "population", f"the {count} units ({lacking} without a figure) add up to "
                              f"{got:,.0f}, not the published {pop:,.0f} less {apart:,.0f} counted apart",
                              "correct a unit figure, or set complete: false if units are missing")
        gdp, year = t.get("gdp_cny_bn"), t.get("gdp_year")
        if is_number(gdp):
            if is_missing(t.get("gdp_source")) or not is_number(year):
                yield Problem(TOTALS_FILE, tid, "gdp_source", "a GDP total needs gdp_year and gdp_source",
                              "give both")
            got, count, _ = _sum_of(units, prefix, "gdp_cny_bn", year)
            if got > gdp * 1.0005:  # totals are published rounded to 0.1 bn or coarser
                yield Problem(FILE, tid, "gdp_cny_bn", f"the units' {year} GDP adds up to {got:,.1f} bn yuan, more "
                              f"than the published total {gdp:,.1f}", "check the unit figures and their year")


def check_units(data: GeoData) -> Iterator[Problem]:
    """Problems of ``units.geojson`` and ``unit_totals.yaml`` (nothing when the folder has no units)."""
    frame = data.units
    if frame is None:
        return
    seen: set[str] = set()
    units: list[tuple[str, dict[str, Any]]] = []
    areas = frame.geometry.to_crs(METRIC_CRS).area / 1e6 if len(frame) else []
    for (_, row), area in zip(frame.iterrows(), areas):
        p = _props(row)
        fid = str(p.get("id"))
        if fid in seen:
            yield Problem(FILE, fid, "id", "used twice", "give every unit its own id (its adcode)")
            continue
        seen.add(fid)
        if not (fid.isdigit() and len(fid) == 6) or str(p.get("adcode")) != fid:
            yield Problem(FILE, fid, "id", "is not the unit's 6-digit adcode", "set id and adcode to the adcode")
        yield from _check_unit(fid, p, row.geometry, float(area) if area == area else 0.0)
        units.append((fid, p))
    yield from _check_totals(data, units)
