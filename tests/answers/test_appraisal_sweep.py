"""The appraisal sweep: Dask gives the serial answers, the cache is keyed by content, an interrupted sweep
resumes from what it kept."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import pytest

from tests.answers.test_appraisal import FOUR, PAIRS, toy
from wuzhen_geo.answers import sweep
from wuzhen_geo.answers.appraisal import appraise
from wuzhen_geo.answers.appraisal_indicators import indicator_spec
from wuzhen_geo.answers.sweep import ResultCache, dask_client, data_fingerprint, run_sweep, scenario_key
from wuzhen_geo.model import DEFAULT_CONFIG, Scenario


class Stop(Exception):
    """Raised by a progress callback to cut a sweep short, as a kill would."""


def _stop_after(k: int):
    def progress(done: int, total: int) -> None:
        if done >= k:
            raise Stop(f"stopped after {done} of {total}")
    return progress


@pytest.fixture(scope="module")
def two_processes():
    """A local Dask cluster of two single-threaded worker processes, as the default sweep starts one."""
    with dask_client(None, workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client


def test_dask_on_two_local_processes_gives_the_serial_results(tmp_path, two_processes):
    serial = appraise(toy(), projects=FOUR, indicators=["*"], scheduler="serial", use_cache=False, **PAIRS)
    seen: list[tuple[int, int]] = []
    parallel = appraise(toy(), projects=FOUR, indicators=["*"], scheduler=two_processes,
                        cache_dir=tmp_path, progress=lambda d, n: seen.append((d, n)), **PAIRS)
    assert parallel.stats.runner.startswith("dask client") and parallel.stats.evaluated == parallel.stats.scenarios
    pd.testing.assert_frame_equal(serial.shares, parallel.shares, check_exact=True)
    pd.testing.assert_frame_equal(serial.interactions, parallel.interactions, check_exact=True)
    total = parallel.stats.scenarios
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert len(list(tmp_path.glob("*.json"))) == total


def test_a_scheduler_address_runs_on_that_cluster(tmp_path, two_processes):
    address = two_processes.scheduler.address  # as --scheduler tcp://host:port gives it
    serial = appraise(toy(), projects=FOUR, indicators=["*"], scheduler="serial", use_cache=False, **PAIRS)
    remote = appraise(toy(), projects=FOUR, indicators=["*"], scheduler=address, use_cache=False, **PAIRS)
    assert remote.stats.runner == f"dask {address}" and address.startswith("tcp://")
    pd.testing.assert_frame_equal(serial.shares, remote.shares, check_exact=True)


def test_an_interrupted_sweep_resumes_from_its_cache(tmp_path):
    whole = appraise(toy(), projects=FOUR, indicators=["*"], scheduler="serial", use_cache=False, **PAIRS)
    with pytest.raises(Stop):
        appraise(toy(), projects=FOUR, indicators=["*"], scheduler="serial", cache_dir=tmp_path,
                 progress=_stop_after(5), **PAIRS)
    kept = len(list(tmp_path.glob("*.json")))
    assert kept == 5
    resumed = appraise(toy(), projects=FOUR, indicators=["*"], scheduler="serial", cache_dir=tmp_path, **PAIRS)
    assert resumed.stats.cached == 5 and resumed.stats.evaluated == resumed.stats.scenarios - 5
    pd.testing.assert_frame_equal(whole.shares, resumed.shares, check_exact=True)


def test_an_interrupted_dask_sweep_keeps_what_finished(tmp_path, two_processes):
    with pytest.raises(Stop):
        appraise(toy(), projects=FOUR, indicators=["*"], scheduler=two_processes, cache_dir=tmp_path,
                 progress=_stop_after(3), **PAIRS)
    kept = len(list(tmp_path.glob("*.json")))
    assert kept >= 3
    resumed = appraise(toy(), projects=FOUR, indicators=["*"], scheduler="serial", cache_dir=tmp_path, **PAIRS)
    assert resumed.stats.cached == kept


def test_the_key_follows_the_network_not_the_names(tmp_path):
    data = toy()
    spec = indicator_spec(data, origins=("o",), destinations=("d",), mode="car")
    fp = data_fingerprint(data)
    a = scenario_key(fp, data, Scenario(name="a", projects_on=("prj_a",)), DEFAULT_CONFIG, spec)
    same = scenario_key(fp, data, Scenario(name="other", title_en="x", projects_on=("prj_a",)), DEFAULT_CONFIG, spec)
    other = scenario_key(fp, data, Scenario(name="a", projects_on=("prj_b",)), DEFAULT_CONFIG, spec)
    slower = scenario_key(fp, data, Scenario(name="a", projects_on=("prj_a",)),
                          DEFAULT_CONFIG.replace(access_speed_kmh=DEFAULT_CONFIG.access_speed_kmh / 2), spec)
    assert a == same and len({a, other, slower}) == 3
    car_only = indicator_spec(data, origins=("o",), destinations=("d",), mode="rail")
    assert scenario_key(fp, data, Scenario(name="a", projects_on=("prj_a",)), DEFAULT_CONFIG, car_only) != a


def test_an_unreadable_cache_file_is_evaluated_again(tmp_path):
    data = toy()
    spec = indicator_spec(data, origins=("o",), destinations=("d",), mode="car")
    scenario = Scenario(name="a", projects_on=("prj_d",))
    key = scenario_key(data_fingerprint(data), data, scenario, DEFAULT_CONFIG, spec)
    (tmp_path / f"{key}.json").write_text("{not json", encoding="utf-8")
    records, stats = run_sweep(data, {key: scenario}, spec=spec, cache=ResultCache(tmp_path), scheduler="serial")
    assert stats.cached == 0 and stats.evaluated == 1
    assert json.loads((tmp_path / f"{key}.json").read_text(encoding="utf-8"))["record"] == records[key]
    assert records[key]["min:o:d"] == pytest.approx(20)


def test_workers_leave_the_data_unchanged():
    data = toy()
    before = data_fingerprint(data)
    appraise(data, projects=FOUR, scheduler="serial", use_cache=False, indicators=["*"], **PAIRS)
    assert data_fingerprint(data) == before


def test_the_key_changes_with_the_data_and_the_code(monkeypatch):
    data = toy()
    spec = indicator_spec(data, origins=("o",), destinations=("d",), mode="car")
    scenario = Scenario(name="a", projects_on=("prj_a",))
    key = scenario_key(data_fingerprint(data), data, scenario, DEFAULT_CONFIG, spec)
    moved = dataclasses.replace(data, places=data.places.assign(name_en=data.places["name_en"] + "!"))
    assert scenario_key(data_fingerprint(moved), moved, scenario, DEFAULT_CONFIG, spec) != key
    monkeypatch.setattr(sweep, "code_fingerprint", lambda: "other code")
    assert scenario_key(data_fingerprint(data), data, scenario, DEFAULT_CONFIG, spec) != key
