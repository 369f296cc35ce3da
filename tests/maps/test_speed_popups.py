"""A link's popup gives the speed the model runs it at, the one the planner's speed box shows, and its design
speed beside it when that differs: popups had shown the design speed (350 km/h for the Hangzhou airport HSR,
80 km/h for the G320 rebuild) where the model ran the class default (220, 55)."""

from __future__ import annotations

import re

from shapely.geometry import LineString

from wuzhen_geo.answers.planning import link_speed
from wuzhen_geo.maps._data_features import link_features
from wuzhen_geo.model import DEFAULT_CONFIG, build_network, shipped_scenarios
from wuzhen_geo.model.config import ModelConfig


def _popup(data, lid: str, lang: str = "en") -> str:
    row = dict(data.links.loc[lid].drop("geometry"), id=lid)
    geom = LineString(data.links.geometry[lid].coords)
    return link_features([(row, geom)], lang)[0]["properties"]["popup"]


def _speed(popup: str, label: str) -> float | None:
    found = re.search(re.escape(label) + r"</b></td>\s*<td>(\d+) km/h", popup)
    return float(found.group(1)) if found else None


def test_every_link_popup_gives_the_speed_the_model_runs(shipped_data):
    checked = 0
    for lid in shipped_data.links.index:
        want = link_speed(shipped_data, lid)
        if want is None:
            continue
        popup = _popup(shipped_data, lid)
        assert _speed(popup, "Speed in the model") == round(want), (lid, want)
        checked += 1
    assert checked > 100


def test_a_different_design_speed_is_named_as_such(shipped_data):
    popup = _popup(shipped_data, "rl_airport_hsr")
    assert _speed(popup, "Speed in the model") == 220 and _speed(popup, "Design speed") == 350
    assert "设计速度" in _popup(shipped_data, "rl_airport_hsr", "zh")


def test_no_link_runs_above_its_design_speed(shipped_data):
    """The 13 km airport HSR link, built for 160 km/h, ran at the HSR class default of 220."""
    assert DEFAULT_CONFIG.class_speed("rail", "hsr", 160.0) == 160.0
    assert DEFAULT_CONFIG.class_speed("rail", "hsr", 350.0) == DEFAULT_CONFIG.rail_speed("hsr")
    assert DEFAULT_CONFIG.class_speed("road", "highway") == DEFAULT_CONFIG.road_speed("highway")
    assert isinstance(DEFAULT_CONFIG, ModelConfig)
    for lid, row in shipped_data.links.iterrows():
        speed, design = link_speed(shipped_data, lid), row.get("design_speed_kmh")
        if speed is not None and design == design and design is not None and row.get("speed_kmh") != row.get(
                "speed_kmh"):
            assert speed <= design, lid
    # and the network runs it so: 13 km at 160 km/h, not 220
    net = build_network(shipped_data, shipped_scenarios(shipped_data)["plan-full"])
    rides = [d for _, _, d in net.graph.edges(data=True) if d.get("link_id") == "rl_airport_hsr_link"
             and d.get("mode") == "rail" and d.get("km")]
    start_stop = DEFAULT_CONFIG.start_stop("hsr")  # each run's acceleration and braking, added to the running time
    assert rides and all(abs(d["km"] / 160.0 * 60.0 + start_stop - d["minutes"]) < 0.01 for d in rides), rides[:2]
