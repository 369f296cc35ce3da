"""The county-level units: every number with its year and source, and the checks that catch a missing or
inconsistent one."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from wuzhen_geo.data._unit_checks import check_units
from wuzhen_geo.data.io import load_geodata


def _errors(problems):
    return [p for p in problems if p.severity == "error"]


def _with(data, uid, **changes):
    """A copy of ``data`` whose unit ``uid`` has ``changes`` (the shared data stay as they are)."""
    units = data.units.copy()
    for k, v in changes.items():
        units[k] = units[k].astype(object) if k in units.columns else None
        units.at[uid, k] = v
    return dataclasses.replace(data, units=units)


def test_the_shipped_units_pass_with_warnings_only_for_figures_not_found(shipped_data):
    problems = list(check_units(shipped_data))
    assert _errors(problems) == []
    assert all("not known" in p.message for p in problems)
    assert len(shipped_data.units) >= 80


def test_every_unit_has_a_population_or_says_it_was_not_found(shipped_data):
    units = shipped_data.units
    for uid, row in units.iterrows():
        if row["population"] == row["population"] and row["population"] is not None:
            assert row["population_year"] == 2020 and row["population_source"], uid
        else:
            assert row["population_note"], uid
        assert row["source"] and row["accuracy"] == "approximate"


def test_a_missing_population_without_a_note_fails(shipped_data):
    bad = _with(shipped_data, "330483", population=None, population_note=None)
    errs = _errors(check_units(bad))
    assert [(e.feature, e.field) for e in errs if "no note" in e.message] == [("330483", "population")]
    assert any(e.feature == "tot_jiaxing" for e in errs)  # Jiaxing's units no longer add up to its total


def test_a_negative_population_fails(shipped_data):
    errs = _errors(check_units(_with(shipped_data, "330483", population=-5)))
    assert any(e.field == "population" and "at least 0" in e.message for e in errs)


def test_a_population_without_year_or_source_fails(shipped_data):
    errs = _errors(check_units(_with(shipped_data, "330483", population_year=None, population_source="")))
    assert {e.field for e in errs} == {"population_year", "population_source"}


def test_a_gdp_in_the_wrong_unit_is_inconsistent(shipped_data):
    huangpu = shipped_data.units.loc["310101"]
    errs = _errors(check_units(_with(shipped_data, "310101", gdp_cny_bn=huangpu["gdp_cny_bn"] * 10)))
    assert any(e.field == "gdp_cny_bn" and "per person" in e.message for e in errs)


def test_a_population_in_wan_ren_is_caught_by_density_or_totals(shipped_data):
    errs = _errors(check_units(_with(shipped_data, "310101", population=66203000)))
    assert any("per km²" in e.message for e in errs)
    assert any(e.feature == "tot_shanghai" for e in errs)


def test_units_must_add_up_to_a_complete_total(shipped_data):
    # Huzhou's five units add up to the bulletin's total exactly; one figure off by 1,000 breaks that
    nanxun = shipped_data.units.loc["330503", "population"]
    errs = _errors(check_units(_with(shipped_data, "330503", population=nanxun - 1000)))
    assert [(e.feature, e.field) for e in errs] == [("tot_huzhou", "population")]


def test_units_may_not_exceed_a_partial_total(shipped_data):
    errs = _errors(check_units(_with(shipped_data, "320205", population=8_000_000)))  # Xishan; Wuxi has 7,462,135
    assert any(e.feature == "tot_wuxi" and "more than" in e.message for e in errs)


def test_a_folder_without_units_has_no_unit_problems(mini_data):
    assert mini_data.units is None
    assert list(check_units(mini_data)) == []


def test_a_broken_units_file_stops_loading(tmp_path, shipped_dir):
    folder = tmp_path / "geodata"
    shutil.copytree(shipped_dir, folder)
    text = (folder / "units.geojson").read_text(encoding="utf-8")
    (folder / "units.geojson").write_text(text.replace('"population_source":"', '"population_source":"x', 1)
                                          .replace('"population_year":2020', '"population_year":2021', 1),
                                          encoding="utf-8")
    with pytest.raises(ValueError, match="population_year"):
        load_geodata(folder)


def test_county_outlines_are_the_traced_units_and_the_town_and_zones_lie_inside_tongxiang(shipped_data):
    """The boundaries of the counties are the units' traced polygons (not outlines drawn by hand, which were
    kilometres off), and what was drawn by hand inside Tongxiang stays inside it."""
    from wuzhen_geo.vocabulary import METRIC_CRS

    units = shipped_data.units.set_index("name_zh")
    counties = shipped_data.boundaries[shipped_data.boundaries["kind"].isin(["city", "county", "district"])]
    assert len(counties) >= 7
    for bid, row in counties.iterrows():
        unit = units.loc[row["name_zh"]]
        assert row.geometry.equals_exact(unit.geometry, 1e-5), bid
        assert row["accuracy"] == "approximate" and str(row["adcode"]) == str(unit["adcode"]), bid
    metric = shipped_data.boundaries.to_crs(METRIC_CRS).geometry
    county = metric.loc["bnd_tongxiang"]
    drawn = [("bnd_wuzhen", metric.loc["bnd_wuzhen"])] + list(shipped_data.zones.to_crs(METRIC_CRS).geometry.items())
    for fid, geom in drawn:
        assert geom.difference(county).area < 0.001 * geom.area, f"{fid} reaches outside Tongxiang"


def test_a_units_chinese_note_must_keep_the_notes_numbers(shipped_data):
    # the shipped notes are translated whole; a translation that loses a figure is flagged on its unit
    assert all(isinstance(v, str) for v in shipped_data.units["note_zh"].dropna())
    bad = _with(shipped_data, "330483", note="population 1,051,000 (2020)", note_zh="人口（年份不详）")
    flagged = [p for p in check_units(bad) if p.field == "note_zh"]
    assert [(p.feature, p.severity) for p in flagged] == [("330483", "warning")]
    assert "2020" in flagged[0].message
