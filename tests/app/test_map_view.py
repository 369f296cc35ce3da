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
