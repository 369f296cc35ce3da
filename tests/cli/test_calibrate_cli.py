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
