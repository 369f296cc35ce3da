"""Calibration: the reader's checks, the comparable quantity, and the fit of the model to published times."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from wuzhen_geo.calibration import (
    CALIBRATION_COLUMNS,
    DEFAULT_TOLERANCE,
    MEDIAN_ERROR_BOUND,
    calibrate,
    calibration_markdown,
    comparable_minutes,
    fit_summary,
    read_calibration,
)
from wuzhen_geo.errors import DataError, UnreachableError

HEADER = ",".join(CALIBRATION_COLUMNS)
GOOD = "cal_a,stn_a,stn_b,rail,40,,,timetable_fastest,A,,https://example.org/a,\n"


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "calibration.csv"
    path.write_text(header + "\n" + body, encoding="utf-8")
    return path


def test_reader_fills_a_missing_range_with_the_central_value(tmp_path):
    body = GOOD + "cal_b,x,y,car,30,25,40,published_drive,C,,https://example.org/b,range\n"
    table = read_calibration(_write(tmp_path, body))
    assert list(table.index) == ["cal_a", "cal_b"]
    assert table.loc["cal_a", ["observed_low", "observed_high"]].tolist() == [40.0, 40.0]
    assert table.loc["cal_b", ["observed_low", "observed_high"]].tolist() == [25.0, 40.0]


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("cal_x,stn_a,stn_b,bus,40,,,timetable_fastest,A,,https://e.org,", "mode"),
        ("cal_x,stn_a,stn_b,rail,40,,,guess,A,,https://e.org,", "kind"),
        ("cal_x,stn_a,stn_b,rail,40,,,timetable_fastest,Z,,https://e.org,", "reliability"),
        ("cal_x,stn_a,stn_b,rail,-3,,,timetable_fastest,A,,https://e.org,", "observed_minutes"),
        ("cal_x,stn_a,stn_b,rail,forty,,,timetable_fastest,A,,https://e.org,", "observed_minutes"),
        ("cal_x,stn_a,stn_b,rail,40,30,,timetable_fastest,A,,https://e.org,", "observed_low/observed_high"),
        ("cal_x,stn_a,stn_b,rail,50,30,45,timetable_fastest,A,,https://e.org,", "observed_minutes"),
        ("cal_x,stn_a,stn_b,rail,40,,,timetable_fastest,A,, ,", "source"),
        ("cal_a,stn_a,stn_b,rail,40,,,timetable_fastest,A,,https://e.org,", "id"),
    ],
)
def test_reader_names_file_row_field_and_fix(tmp_path, row, field):
    with pytest.raises(DataError) as err:
        read_calibration(_write(tmp_path, GOOD + row + "\n"))
    msg = str(err.value)
    assert msg.startswith("calibration.csv: row ") and f"field {field!r}" in msg and ";" in msg


def test_reader_checks_place_ids_and_columns(tmp_path):
    with pytest.raises(DataError, match="unknown place 'stn_b'"):
        read_calibration(_write(tmp_path, GOOD), places=pd.Index(["stn_a"]))
    with pytest.raises(DataError, match="missing column"):
        read_calibration(_write(tmp_path, "a,b\n", header="id,from_id"))


@dataclass
class _Leg:
    mode: str
    minutes: float
    line_name: str | None = None


@dataclass
class _Trip:
    legs: list[_Leg] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        return sum(leg.minutes for leg in self.legs)


def test_comparable_quantity_keeps_only_the_legs_a_published_time_measures():
    trip = _Trip([
        _Leg("car", 12), _Leg("processing", 15), _Leg("wait", 5), _Leg("rail", 30, "HSR"),
        _Leg("walk", 4), _Leg("rail", 20, "Metro"), _Leg("car", 3),
    ])
    assert comparable_minutes(trip, "rail") == 50
    assert comparable_minutes(trip, "car") == 15


def test_calibrate_applies_the_tolerance_to_the_published_range(tmp_path):
    body = (
        "r_in,a,b,rail,40,,,timetable_fastest,A,,https://e.org,\n"  # model 49 = +22.5 %: fits
        "r_out,a,c,rail,40,,,timetable_fastest,A,rl_x,https://e.org,\n"  # model 51 = +27.5 %: misfit
        "r_rng,a,d,car,30,20,40,published_drive,C,,https://e.org,\n"  # model 15 >= 20 * 0.75: fits
        "r_low,a,e,car,30,25,40,published_drive,C,,https://e.org,\n"  # model 15 < 25 * 0.75: misfit
        "r_none,a,f,car,30,,,published_drive,C,,https://e.org,\n"  # unreachable
    )
    table = read_calibration(_write(tmp_path, body))
    model = {"b": 49.0, "c": 51.0, "d": 15.0, "e": 15.0}

    def router(net, origin, destination, *, mode):
        if destination not in model:
            raise UnreachableError(f"no path {origin} -> {destination}")
        return _Trip([_Leg("processing", 15), _Leg(mode if mode == "rail" else "car", model[destination])])

    result = calibrate(None, table, router=router)
    assert result["within_tolerance"].to_dict() == {
        "r_in": True, "r_out": False, "r_rng": True, "r_low": False, "r_none": False,
    }
    assert result.loc["r_in", "model_total_minutes"] == 64
    assert result.loc["r_in", "error_pct"] == pytest.approx(100 * 9 / 40)
    assert math.isnan(result.loc["r_none", "model_minutes"])
    s = fit_summary(result)
    assert s["rows"] == 5 and s["routed"] == 4 and s["within_tolerance"] == 2
    errors = sorted(abs(m - 40) / 40 for m in (49, 51)) + sorted(abs(15 - 30) / 30 for _ in range(2))
    assert s["median_abs_error"] == pytest.approx(pd.Series(errors).median())
    ind = fit_summary(result, independent_only=True)  # r_out was used to fit rl_x: left out
    assert ind["rows"] == 4 and ind["routed"] == 3 and ind["within_tolerance"] == 2
    assert ind["median_abs_error"] == pytest.approx(0.5)  # errors 22.5 %, 50 %, 50 %
    text = calibration_markdown(result)
    assert text.count("MISFIT") == 3 and "| r_rng |" in text and "20–40" in text and "| rl_x |" in text
