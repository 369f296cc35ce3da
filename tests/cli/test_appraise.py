"""``wuzhen-geo appraise`` on the mini data: the table, JSON, CSV, the cache and one-line errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from wuzhen_geo.answers import sweep
from wuzhen_geo.answers.appraisal import appraise
from wuzhen_geo.cli import main


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("WUZHEN_GEO_CACHE", str(folder))
    return folder


def test_table_ranks_the_project_per_indicator(capsys, mini_dir, cache):
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial"]) == 0
    out = capsys.readouterr().out
    assert "Appraisal of 1 project(s) - Shapley shares exact" in out
    # The mini data's only project is the airport HSR, whose line adds rail km in Tongxiang.
    assert "Railway length [km:tgt_rail_km]" in out and "Hangzhou Airport HSR" in out
    assert "2 scenarios: 0 from the cache, 2 evaluated" in out
    assert len(list(cache.glob("*.json"))) == 2


def test_json_and_a_rerun_from_the_cache(capsys, mini_dir, mini_data, cache):
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial", "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["sweep"]["cached"] == again["sweep"]["scenarios"] == 2 and again["sweep"]["evaluated"] == 0
    assert first["shares"] == again["shares"]
    api = appraise(mini_data, scheduler="serial", use_cache=False)
    assert [r["shapley"] for r in first["shares"]] == pytest.approx(api.shares["shapley"].tolist())
    assert first["players"] == [{"id": "prj_airport_hsr", "name_zh": "杭州机场高铁", "name_en": "Hangzhou Airport HSR"}]


def test_out_csv_is_the_shares_table(tmp_path, capsys, mini_dir, cache):
    out = tmp_path / "shares.csv"
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial", "--indicators", "km:*",
                 "reachable", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table["indicator"].tolist() == ["km:tgt_rail_km", "reachable"]
    assert {"add_one", "drop_one", "shapley", "shapley_se", "gain", "rank"} <= set(table.columns)


@pytest.mark.parametrize("args, words", [
    (["--projects", "prj_nope"], "--projects 'prj_nope'"),
    (["--projects", "prj_water_town_line"], "not modelled"),
    (["--indicators", "nothing"], "--indicators nothing"),
    (["--samples", "1"], "--samples 1"),
    (["--year", "3000"], "--year 3000"),
    (["--scheduler", "not-an-address"], "--scheduler not-an-address: no Dask scheduler answers there"),
    (["--scheduler", None, "--workers", "0"], "--workers 0: give 1 to 64"),
])
def test_user_mistakes_are_one_line(capsys, mini_dir, cache, args, words):
    if args[:2] == ["--scheduler", None]:  # the local cluster's own options
        args = args[2:]
    else:
        args = ["--scheduler", "serial", *args]
    assert main(["--data", str(mini_dir), "appraise", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_no_cache_keeps_nothing(capsys, mini_dir, cache):
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial", "--no-cache"]) == 0
    assert not cache.exists()


def test_an_interrupted_run_says_what_is_kept_and_how_to_resume(capsys, mini_dir, cache, monkeypatch):
    real = sweep.evaluate_scenario
    calls = []

    def once_then_interrupt(*args, **kwargs):
        if calls:
            raise KeyboardInterrupt
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(sweep, "evaluate_scenario", once_then_interrupt)
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (f"wuzhen-geo: error: appraise interrupted: 1 of 2 scenarios are kept in {cache}; "
                   "run the same command again to resume")
    monkeypatch.setattr(sweep, "evaluate_scenario", real)
    assert main(["--data", str(mini_dir), "appraise", "--scheduler", "serial"]) == 0
    assert "2 scenarios: 1 from the cache, 1 evaluated" in capsys.readouterr().out
