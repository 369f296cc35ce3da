"""The message for a place the scenario leaves out: no raw ``nan`` or float year, a later year suggested only
when the place has one (and it is later than the network's), its project named when the data give one; the
same facts on the error for a translated sentence."""

from __future__ import annotations

import dataclasses

import pytest

from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import build_network, route, with_year

PLACE = "stn_hgh_hsr"  # planned in the mini data, opening 2028, a member of prj_airport_hsr


def _variant(data, *, open_year, in_project: bool):
    """The mini data with the place's opening year set (None: no year) and, without ``in_project``, no
    project listing it."""
    places = data.places.copy()
    places.loc[PLACE, "open_year"] = float("nan") if open_year is None else float(open_year)
    projects = [p if in_project else {**p, "members": [m for m in p.get("members") or [] if m != PLACE]}
                for p in data.projects]
    return dataclasses.replace(data, places=places, projects=projects)


def _error(data, year=None) -> UnreachableError:
    net = build_network(data, with_year(None, year))
    with pytest.raises(UnreachableError) as info:
        route(net, "city_wuzhen", PLACE)
    return info.value


def test_a_place_with_no_opening_year_says_so_and_points_to_its_project(mini_data):
    exc = _error(_variant(mini_data, open_year=None, in_project=True))
    text = str(exc)
    assert "nan" not in text.lower() and "open_year" not in text
    assert "no opening year" in text
    assert "later" not in text and "pick year" not in text  # no year would bring it in
    assert "prj_airport_hsr" in text
    assert exc.facts["open_year"] is None and exc.facts["status"] == "planned"
    assert [p["id"] for p in exc.facts["projects"]] == ["prj_airport_hsr"]


def test_no_year_and_no_project_says_how_it_can_come_in(mini_data):
    exc = _error(_variant(mini_data, open_year=None, in_project=False))
    text = str(exc)
    assert "nan" not in text.lower() and "later" not in text and "switch on" not in text
    assert "no opening year" in text and "edits" in text
    assert exc.facts["projects"] == ()


def test_a_later_opening_year_is_a_whole_year_and_is_suggested(mini_data):
    data = _variant(mini_data, open_year=2028, in_project=True)
    text = str(_error(data, 2026))
    assert "opening year 2028" in text and "pick year 2028 or later" in text
    assert "2028.0" not in text and "nan" not in text.lower()


def test_a_year_already_reached_is_not_suggested_again(mini_data):
    """Switched off by its project in a year after its opening: a later year cannot help, the project can."""
    data = _variant(mini_data, open_year=2028, in_project=True)
    net = build_network(data, dataclasses.replace(with_year(None, 2030), projects_off=("prj_airport_hsr",)))
    with pytest.raises(UnreachableError) as info:
        route(net, "city_wuzhen", PLACE)
    text = str(info.value)
    assert "opening year 2028" in text and "pick year" not in text and "prj_airport_hsr" in text
    assert info.value.facts["year"] == 2030
