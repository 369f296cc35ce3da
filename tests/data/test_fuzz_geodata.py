"""Fuzzing corrupted geodata folders: a mutation of the mini fixture (copied to a temporary folder) gets a
clear answer from ``validate`` (a list of problems, or one ``wuzhen-geo: error:`` line), never an internal
error, within a time bound; a folder that passes ``validate`` also answers ``airports``.

Each example is one or a few mutations: broken JSON, a non-UTF-8 byte, another CRS, an invalid or empty
geometry, a duplicate or integer id, a dangling reference, a missing or odd field value."""

from __future__ import annotations

import json
import math
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from wuzhen_geo.cli import main

FEATURE_FILES = ("places/places.geojson", "links/links.geojson", "zones.geojson", "boundaries.geojson",
                 "context.geojson")
YAML_FILES = ("projects.yaml", "targets.yaml")
FIELDS = ("id", "status", "open_year", "mode", "class", "nodes", "kind", "speed_kmh", "design_speed_kmh",
          "headway_min", "minutes", "oneway", "access", "station_class", "length_km", "replaces", "name_zh",
          "name_en", "accuracy", "source", "iata", "members", "modelled", "to", "max_minutes", "within",
          "target_km", "description_en")
SECONDS = 20.0  # validate and airports on the mini data take well under a second each

odd_values = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 3000), st.integers(min_value=10 ** 20, max_value=10 ** 30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["yes", "no", "open", "planned", "road", "rail", "walk", "station", "zone_access", "hsr",
                     "local", "stn_tongxiang", "zacc_hq", "nowhere", "2028", "2028.0", "", " ", "x" * 5000]),
    st.lists(st.sampled_from(["stn_tongxiang", "ic_wuzhen", "nowhere", 3, None]), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
odd_geometries = st.one_of(
    st.none(), st.just({}), st.just("POINT (1 2)"), st.just({"type": "Point", "coordinates": []}),
    st.just({"type": "Point", "coordinates": [120.5]}), st.just({"type": "Point", "coordinates": [30.6, 120.5]}),
    st.just({"type": "Point", "coordinates": [1e300, 1e300]}),
    st.just({"type": "LineString", "coordinates": [[120.5, 30.6]]}),
    st.just({"type": "LineString", "coordinates": [[120.5, 30.6], [120.5, 30.6]]}),
    st.just({"type": "Polygon", "coordinates": [[[120.4, 30.6], [120.6, 30.8], [120.6, 30.6], [120.4, 30.8],
                                                 [120.4, 30.6]]]}),  # a bow tie: invalid
    st.just({"type": "Polygon", "coordinates": []}), st.just({"type": "GeometryCollection", "geometries": []}),
    st.just({"type": "Nonsense", "coordinates": [1, 2]}),
)


@st.composite
def mutations(draw):
    kind = draw(st.sampled_from(["field", "field", "field", "drop_field", "geometry", "duplicate", "file",
                                 "yaml_field", "yaml_file", "crs", "bytes"]))
    return (kind, draw(st.sampled_from(FEATURE_FILES)), draw(st.sampled_from(YAML_FILES)),
            draw(st.integers(0, 40)), draw(st.sampled_from(FIELDS)), draw(odd_values), draw(odd_geometries),
            draw(st.integers(0, 10_000)))


def _apply(folder: Path, mutation) -> None:
    kind, ffile, yfile, index, field, value, geometry, cut = mutation
    path = folder / ffile
    if kind in ("yaml_field", "yaml_file"):
        ypath = folder / yfile
        if kind == "yaml_file":
            ypath.write_text(["- a\n-", "x: [", "42\n", "[1, 2]\n", "{}\n", "- 1\n- [2]\n", "&a [*a]\n",
                              "a: &a [1]\nb: *a\n"][cut % 8], encoding="utf-8")
            return
        doc = yaml.safe_load(ypath.read_text(encoding="utf-8")) or []
        if doc and isinstance(doc[index % len(doc)], dict):
            entry = doc[index % len(doc)]
            entry[field] = value if not isinstance(value, float) or math.isfinite(value) else str(value)
        ypath.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    if kind == "bytes":
        raw = text.encode("utf-8")
        pos = cut % max(len(raw), 1)
        path.write_bytes(raw[:pos] + b"\xff\xfe" + raw[pos:])
        return
    if kind == "file":
        choices = [text[: cut % max(len(text), 1)], "", "null", "[]", "{}", '{"type": "FeatureCollection", "features": 5}',
                   '{"type": "FeatureCollection", "features": [5, null]}', '{"type": "Feature"}']
        path.write_text(choices[cut % len(choices)], encoding="utf-8")
        return
    doc = json.loads(text)
    features = doc["features"]
    feature = features[index % len(features)]
    if kind == "crs":
        doc["crs"] = {"type": "name", "properties": {"name": ["EPSG:3857", "urn:ogc:def:crs:EPSG::32651", 5][cut % 3]}}
    elif kind == "field":
        feature["properties"][field] = value
    elif kind == "drop_field":
        feature["properties"].pop(field, None)
    elif kind == "geometry":
        feature["geometry"] = geometry
    elif kind == "duplicate":
        features.append(json.loads(json.dumps(feature)))
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _run(capsys, argv) -> tuple[int, str]:
    """Exit code and standard output of ``wuzhen-geo argv``, checked for a clear answer in time."""
    started = time.perf_counter()
    code = main(argv)
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code != 3 and "internal error" not in err, (argv, err)
    assert elapsed < SECONDS, (argv, elapsed)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("wuzhen-geo: error:"), err
        assert len(lines[0]) < 2_000, lines[0][:300]
    return code, out


@fuzz_settings(15)
@given(changes=st.lists(mutations(), min_size=1, max_size=3))
def test_a_corrupted_folder_gets_a_clear_answer(capsys, tmp_path_factory, mini_dir, changes):
    folder = tmp_path_factory.mktemp("fuzz") / "mini"
    shutil.copytree(mini_dir, folder)
    for change in changes:
        try:
            _apply(folder, change)
        except (KeyError, IndexError, TypeError, AttributeError, ValueError, yaml.YAMLError):
            pass  # this mutation does not fit the file as earlier mutations left it
    code, out = _run(capsys, ["validate", str(folder)])
    for line in out.splitlines():
        assert len(line) < 1_000, line[:300]
    if code == 0:
        _run(capsys, ["--data", str(folder), "airports", "--from", "zone_hq"])
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.mark.parametrize(("file", "field", "value", "message"), [
    ("places/places.geojson", "id", 42, "id"),
    ("links/links.geojson", "id", 42, "id"),
    ("links/links.geojson", "oneway", "yes", "oneway"),
    ("links/links.geojson", "oneway", 1, "oneway"),
])
def test_odd_field_types_are_problems_not_crashes(capsys, tmp_path, mini_dir, file, field, value, message):
    folder = tmp_path / "mini"
    shutil.copytree(mini_dir, folder)
    path = folder / file
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["properties"][field] = value
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out = _run(capsys, ["validate", str(folder)])
    assert code == 1 and f": {message}: " in out, out


def test_a_planned_feature_without_open_year_is_a_problem(capsys, tmp_path, mini_dir):
    folder = tmp_path / "mini"
    shutil.copytree(mini_dir, folder)
    path = folder / "links" / "links.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    planned = next(f for f in doc["features"] if f["properties"]["status"] == "planned")
    del planned["properties"]["open_year"]  # left out, not null (null means "year unknown", which is allowed)
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out = _run(capsys, ["validate", str(folder)])
    assert code == 1 and f"{planned['properties']['id']}: open_year" in out, out


def test_years_in_messages_read_as_years(capsys, tmp_path, mini_dir):
    folder = tmp_path / "mini"
    shutil.copytree(mini_dir, folder)
    path = folder / "places" / "places.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["open_year"] = 2028.0  # an open place opening after the data year
    doc["features"][1]["properties"]["open_year"] = 2028.5
    path.write_text(json.dumps(doc), encoding="utf-8")
    _, out = _run(capsys, ["validate", str(folder)])
    assert "2028.0" not in out and "nan" not in out.lower().replace("nanjing", ""), out
