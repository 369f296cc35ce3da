"""``wuzhen-geo calibrate``: the calibration table and its fit from the command line."""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from tests.shared import SHIPPED_DIR
from wuzhen_geo.answers.calibration import calibrate, fit_summary, read_calibration
from wuzhen_geo.cli import main as cli_main


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(["calibrate", *argv])
    return code, out.getvalue(), err.getvalue()


def test_json_holds_every_row_and_the_summary_of_the_answer(shipped_net):
    code, out, _ = _run("--json")
    assert code == 0
    doc = json.loads(out)
    table = read_calibration(SHIPPED_DIR / "calibration.csv")
    assert [r["id"] for r in doc["rows"]] == list(table.index)
    expected = fit_summary(calibrate(shipped_net, table), independent_only=True)
    got = doc["summary"]["independent"]
    assert got["rows"] == expected["rows"] and got["within_aim"] == expected["within_aim"]
    assert got["median_abs_error"] == pytest.approx(expected["median_abs_error"])


def test_text_names_the_tolerance_the_aim_and_each_misfit():
    code, out, _ = _run()
    assert code == 0
    assert "within ±25%" in out and "within ±15%" in out and "aim for the independent rows" in out
    assert "cal_car_s12_xitang_puyuan" in out and "MISFIT" in out


def test_a_missing_table_is_one_line_naming_the_file(tmp_path):
    code, _, err = _run("--table", str(tmp_path / "none.csv"))
    assert code == 2 and "none.csv" in err and err.count("\n") == 1


@pytest.mark.parametrize("minutes, says", [("inf", "is inf"), ("1e9", "is 1e+09"), ("nan", "is nan"),
                                           ("abc", "is 'abc', not a number"), ("-16", "is -16")])
def test_validate_checks_the_calibration_table_too(tmp_path, mini_dir, capsys, minutes, says):
    """geodata/README says validate checks every file; a calibration row of inf, 1e9, nan, abc or -16 minutes
    passed it, and calibrate took 1e9 and inf as published times (a 'MISFIT' of -100 %)."""
    import shutil

    from wuzhen_geo.cli import main

    folder = tmp_path / "mini"
    shutil.copytree(mini_dir, folder)
    (folder / "calibration.csv").write_text(
        "id,from_id,to_id,mode,observed_minutes,observed_low,observed_high,kind,reliability,fitted_by,source,note,"
        f"period\ncal_x,city_tongxiang,apt_hgh,car,{minutes},,,published_drive,C,,https://example.org,,\n",
        encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "error: calibration.csv: cal_x: observed_minutes: " + says in out, out
