"""Flags at the boundary: every absurd value gets one ``wuzhen-geo: error:`` line naming the flag and the
allowed range, exit 2, quickly; JSON output never holds ``Infinity`` or ``NaN``."""

from __future__ import annotations

import json
import time

import pytest

from wuzhen_geo.cli import main
from wuzhen_geo.vocabulary import BREAKS_RANGE, CELLS_RANGE


def _error(capsys, argv, *, seconds: float = 5.0) -> str:
    started = time.perf_counter()
    code = main(argv)
    assert time.perf_counter() - started < seconds
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wuzhen-geo: error:"), err
    return lines[0]


@pytest.mark.parametrize("cells", ["0", "1", "-5", "1e8", "100000000", "99999999999999999999999", "nan", "x", ""])
def test_cells_outside_the_range_name_the_flag_and_the_range(capsys, mini_dir, cells):
    line = _error(capsys, ["--data", str(mini_dir), "isochrone", "--from", "zacc_hq", "--cells", cells])
    assert "--cells" in line and f"{CELLS_RANGE[1]:,}" in line


@pytest.mark.parametrize("breaks", ["inf", "30,inf", "nan", "-inf,30", "1e300", "0", "30,30", "60,30", ",",
                                    "30," * 40 + "31", "x"])
def test_breaks_outside_the_range_name_the_flag(capsys, mini_dir, breaks):
    line = _error(capsys, ["--data", str(mini_dir), "isochrone", "--from", "zacc_hq", "--cells", "400",
                           f"--breaks={breaks}"])
    assert "--breaks" in line


def test_breaks_json_is_strict_json(capsys, mini_dir):
    assert main(["--data", str(mini_dir), "isochrone", "--from", "zacc_hq", "--cells", "400",
                 "--breaks", f"30,{BREAKS_RANGE[1]:g}", "--json"]) == 0
    out = capsys.readouterr().out
    json.loads(out, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c} in the output"))


def test_an_empty_scenario_name_is_an_error(capsys, mini_dir):
    line = _error(capsys, ["--data", str(mini_dir), "route", "--from", "zacc_hq", "--to", "apt_hgh",
                           "--scenario", ""])
    assert "--scenario" in line


@pytest.mark.parametrize("year", ["0", "-5", "99999999999999999999", "3000"])
def test_a_year_outside_the_range_is_an_error(capsys, mini_dir, year):
    line = _error(capsys, ["--data", str(mini_dir), "isochrone", "--from", "zacc_hq", "--cells", "400",
                           "--year", year])
    assert "--year" in line


def test_a_reader_that_stops_early_is_not_an_error(repo_root):
    """``wuzhen-geo isochrone --json | head -c 10``: the reader closes the pipe after a few bytes; the command
    ends quietly with 0, as other command-line tools do, instead of 'error: [Errno 32] Broken pipe'."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "wuzhen_geo", "isochrone", "--from", "zone_hq", "--json"],
                            cwd=repo_root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.read(10)
    proc.stdout.close()  # the output (about 140 KB) is more than the pipe holds: the next write fails
    err = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 0, err
    assert "Broken pipe" not in err and "error" not in err, err


def test_ctrl_c_says_it_was_interrupted(capsys, mini_dir, monkeypatch):
    """Ctrl-C printed 'wuzhen-geo: error: ' and nothing else (the interrupt's own text is empty), exit 2."""
    import wuzhen_geo.cli.answer_commands as commands

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "load_data", interrupted)
    assert main(["--data", str(mini_dir), "matrix"]) == 130
    err = capsys.readouterr().err.strip()
    assert err.startswith("wuzhen-geo: interrupted;") and "half-written" in err, err


def test_an_export_that_cannot_be_written_names_the_file_not_a_temporary_one(capsys, tmp_path, mini_dir, monkeypatch):
    """'export --out /proc/x.png' said "[Errno 2] No such file or directory: '/proc/.x.png.2503.cfb63ac1.tmp'"."""
    import wuzhen_geo.cli.export_commands as export

    monkeypatch.setattr(export, "render_slide", lambda *a, **k: b"\x89PNG")
    line = _error(capsys, ["--data", str(mini_dir), "export", "--out", "/proc/x.png"])
    assert "--out /proc/x.png: cannot write" in line and ".tmp" not in line and "Errno" not in line


def test_a_cache_that_is_a_file_is_refused_as_such(capsys, tmp_path, mini_dir):
    """'appraise --cache /etc/passwd' said "[Errno 17] File exists: '/etc/passwd'"."""
    a_file = tmp_path / "records"
    a_file.write_text("not a folder")
    line = _error(capsys, ["--data", str(mini_dir), "appraise", "--cache", str(a_file)])
    assert f"--cache {a_file}: is a file; give a folder" in line


def test_an_empty_out_is_refused_not_taken_for_print(capsys, mini_dir):
    """'matrix --out ""' printed the table and exited 0, as if --out had not been given."""
    line = _error(capsys, ["--data", str(mini_dir), "matrix", "--out", ""])
    assert "--out is empty" in line


def test_a_nan_coordinate_is_a_data_problem_without_library_warnings(capsys, tmp_path, mini_dir):
    """A NaN in a link's line ended 'internal error: GEOSException' (mini data), or gave its error with a
    second, wrong one ('passes 2346 m from its node') and numpy's 'RuntimeWarning: invalid value encountered in
    linestrings' from inside shapely (shipped data)."""
    import json
    import shutil
    import warnings

    folder = tmp_path / "mini"
    shutil.copytree(mini_dir, folder)
    path = folder / "links" / "links.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    line = next(f for f in doc["features"] if f["geometry"]["type"] == "LineString")
    line["geometry"]["coordinates"][0][0] = float("nan")
    path.write_text(json.dumps(doc), encoding="utf-8")  # written as NaN, as a hand edit or a tool may
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        code = main(["--data", str(folder), "validate"])
    shown = capsys.readouterr()
    assert code == 1, shown  # "not valid", not an internal error (3): the NaN had crashed a distance check
    assert "geometry: a coordinate is not a number" in shown.out + shown.err
    assert not [w for w in seen if issubclass(w.category, RuntimeWarning)], [str(w.message) for w in seen]
