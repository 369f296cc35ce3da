"""The shared fixtures of ``conftest.py``: loaded once, shared as the same objects, and guarded against change."""

from __future__ import annotations

import dataclasses

from tests.shared import SharedObjects, fingerprint
from wuzhen_geo.data.io import load_geodata
from wuzhen_geo.model.network import build_network


def test_the_networks_are_built_from_the_shared_data(mini_data, mini_net, shipped_data, shipped_net):
    assert mini_net.data is mini_data and shipped_net.data is shipped_data
    assert mini_net.scenario.name == shipped_net.scenario.name == "today"
    assert mini_data.root.name == "mini" and shipped_data.root.name == "geodata"


def test_the_paths_point_into_the_repository(repo_root, mini_dir, shipped_dir):
    assert (repo_root / "pyproject.toml").is_file() and (repo_root / "streamlit_app.py").is_file()
    assert mini_dir == repo_root / "tests" / "fixtures" / "mini" and (mini_dir / "places").is_dir()
    assert shipped_dir == repo_root / "geodata" and (shipped_dir / "links").is_dir()


def test_equal_contents_have_equal_fingerprints_and_caches_do_not_count(mini_dir, mini_data, mini_net):
    again = load_geodata(mini_dir)
    assert again is not mini_data and fingerprint(again) == fingerprint(mini_data)
    fresh = build_network(again)
    before = fingerprint(fresh)
    fresh.fast()  # a network fills its caches while it is shared: that is not a change
    assert fingerprint(fresh) == before == fingerprint(build_network(mini_data))


def test_a_changed_copy_is_caught(mini_dir):
    shared = SharedObjects()
    data = shared.share("data", load_geodata(mini_dir))
    net = shared.share("net", build_network(load_geodata(mini_dir)))
    others = shared.share("others", dataclasses.replace(load_geodata(mini_dir)))
    assert shared.changed() == []
    data.places.loc[data.places.index[0], "name_en"] = "renamed"  # a value inside a frame
    u, v = next(iter(net.graph.edges))
    net.graph.edges[u, v]["minutes"] += 1.0  # an edge of the graph
    assert shared.changed() == ["data", "net"]
    others.projects.append({"id": "prj_new"})  # a list of the data
    assert shared.changed() == ["data", "net", "others"]
    assert shared.changed(["net", "others", "unknown"]) == ["net", "others"]  # only those asked about
    shared.accept(["data"])
    assert shared.changed() == ["net", "others"]
