"""The data commands of the CLI: exit codes, one-line errors, what info lists."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from wuzhen_geo.cli import main

def test_validate_passes_on_a_valid_folder(capsys, mini_dir):
    assert main(["validate", str(mini_dir)]) == 0
    assert "valid - 0 error(s)" in capsys.readouterr().out


def test_validate_fails_and_names_the_problem(tmp_path, capsys, mini_dir):
    broken = tmp_path / "mini"
    shutil.copytree(mini_dir, broken)
    path = broken / "places" / "places.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"][0]["properties"]["status"] = "done"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    first_id = doc["features"][0]["properties"]["id"]
    assert f"places.geojson: {first_id}: status" in out
    assert "NOT valid - 1 error(s)" in out


def test_validate_json_lists_problems(tmp_path, capsys, mini_dir):
    assert main(["validate", "--json", str(mini_dir)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_missing_folder_is_one_clear_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "wuzhen_geo", "validate", str(tmp_path / "nope")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a folder" in lines[0]
    assert "Traceback" not in proc.stderr


def test_info_lists_systems_of_the_folder(capsys, mini_dir):
    assert main(["info", str(mini_dir)]) == 0
    out = capsys.readouterr().out
    for name in ("Hangzhou Airport HSR", "Fixture expressway", "Hangzhou Xiaoshan Airport", "prj_water_town_line"):
        assert name in out
    assert "network extent" in out


def test_info_refuses_invalid_data_in_one_line(tmp_path, capsys, mini_dir):
    broken = tmp_path / "mini"
    shutil.copytree(mini_dir, broken)
    (broken / "zones.geojson").write_text("not json", encoding="utf-8")
    assert main(["info", str(broken)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "zones.geojson" in err[0]


def test_info_says_what_each_plan_year_rests_on(shipped_data):
    from wuzhen_geo.cli.data_commands import info_tables

    projects = info_tables(shipped_data)["Plan projects"]
    for p in shipped_data.projects:
        assert projects.at[p["id"], "year_basis"] == (p.get("year_basis") or "")
    assert set(projects["year_basis"]) >= {"announced", "inferred"}
