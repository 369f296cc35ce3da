"""``app_pages.map_view`` sends the browser component exactly what ``st_folium`` sends, and renders a map only
once per key."""

from __future__ import annotations

import folium
import pytest
import streamlit_folium

from app_pages import map_view
from wuzhen_geo.maps import draw_control, network_layers, overview_map, point_marker


@pytest.fixture
def captured(monkeypatch):
    """The arguments each call hands to the browser component."""
    calls: list[dict] = []

    def component(**kwargs):
        calls.append(kwargs)
        return kwargs.get("default")

    monkeypatch.setattr(streamlit_folium, "_component_func", component)
    return calls


def _comparable(args: dict) -> dict:
    return {k: v for k, v in args.items() if k != "on_change"}


@pytest.mark.parametrize("with_group", [False, True])
def test_the_component_receives_what_st_folium_would_send(captured, mini_data, with_group):
    def base():
        m = overview_map(mini_data, lang="en", legend=False, network=False)
        draw_control(m, lang="en")
        return m

    def group():
        layers = network_layers(mini_data, lang="en")
        point_marker(120.49, 30.74, m=layers, text="<b>here</b>")
        return layers

    kwargs = dict(height=480, returned_objects=["last_active_drawing"], center=(30.7, 120.5), zoom=9)
    streamlit_folium.st_folium(base(), key="m", use_container_width=True,
                               feature_group_to_add=group() if with_group else None, **kwargs)
    map_view.show_map("m", ("test", with_group, id(mini_data)), base, group_key=("test", id(mini_data)),
                      group=group if with_group else None, **kwargs)
    expected, got = captured
    assert _comparable(got) == _comparable(expected)


def test_a_map_is_built_once_per_key(captured, mini_data):
    built: list[int] = []

    def base():
        built.append(1)
        return folium.Map(tiles=None, location=[30.7, 120.5], zoom_start=9)

    for _ in range(3):
        map_view.show_map("once", ("once", id(mini_data)), base, height=300)
    assert len(built) == 1
    map_view.show_map("once", ("once", id(mini_data), "other"), base, height=300)
    assert len(built) == 2
    assert len({c["script"] for c in captured}) == 1  # the same map renders to the same script


def test_a_group_is_rebuilt_when_its_key_changes(captured, mini_data):
    made: list[str] = []

    def group_for(name):
        def group():
            made.append(name)
            layers = folium.FeatureGroup(name=name)
            point_marker(120.49, 30.74, m=layers, text=name)
            return layers
        return group

    base = lambda: folium.Map(tiles=None, location=[30.7, 120.5], zoom_start=9)  # noqa: E731
    for name in ("a", "a", "b"):
        map_view.show_map("g", ("g", id(mini_data)), base, group_key=("g", name), group=group_for(name), height=300)
    assert made == ["a", "b"]
    assert "a" in captured[0]["feature_group"] and "b" in captured[2]["feature_group"]
    assert captured[0]["key"] == captured[2]["key"]  # a new group does not remount the map component


def test_a_map_drawn_before_controls_that_then_differ_is_drawn_again_after_them(repo_root):
    """A new view draws the overview's map with the shared year; when the page's own year slider says another
    year (here: the shared year was changed behind it), the run starts again and the map and its line show
    the slider's year, once."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(repo_root / "streamlit_app.py"), default_timeout=120)
    at.query_params.update(page="overview", lang="en", year="2030")
    at.run()
    assert [c.value for c in at.caption if "2030" in c.value], [c.value for c in at.caption]
    at.session_state["wz_year"] = 2035  # a shared year the page's slider (still 2030) does not show
    at.session_state["_wz_view"] = None  # as if the page were opened anew
    at.run()
    assert not at.exception
    assert at.sidebar.slider[0].value == 2030
    assert len([c for c in at.caption if "2030" in c.value]) == 1, [c.value for c in at.caption]
    assert not [c for c in at.caption if "2035" in c.value]
    assert at.session_state["wz_year"] == 2030
