"""Fuzzing the command line: random argument vectors over the mini data get an answer (exit 0 or 1) or a
clear error (exit 2, one ``wuzhen-geo: error:`` line, or argparse's usage error), never an internal error,
within a time bound. ``--out`` only ever names a file in a temporary folder."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import fuzz_settings
from wuzhen_geo.cli import main

SECONDS = 10.0
COMMANDS = ("airports", "route", "matrix", "compare", "isochrone", "indicators", "validate", "info")
places = st.sampled_from(["zone_hq", "zacc_hq", "apt_hgh", "stn_tongxiang", "city_wuzhen", "Hangzhou", "乌镇",
                          "HGH", "30.7459, 120.4888", "３０．７４５９，１２０．４８８８", "120.4888,30.7459",
                          "pt:30.7459,120.4888", "0,0", "91,181", "nowhere", "", " ", "-", "1e308,1e308"])
odd = st.one_of(st.text(max_size=12), st.sampled_from(
    ["0", "1", "-5", "100", "400", "1e8", "nan", "inf", "-inf", "9" * 300, "", "30,60", "60,30", "30,inf",
     "today", "plan-2030", "nope.yaml", "car", "rail", "best", "all", "zh", "en", "gcj02", "bd09", "2030",
     "1900", "99999"]))
option = st.one_of(
    st.tuples(st.sampled_from(["--from", "--to"]), places),
    st.tuples(st.sampled_from(["--breaks", "--cells", "--scenario", "--year"]), odd),
    st.tuples(st.just("--mode"), st.sampled_from(["car", "rail", "best", "all", "walk"])),
    st.tuples(st.just("--coords"), st.sampled_from(["wgs84", "gcj02", "bd09", "utm"])),
    st.tuples(st.just("--lang"), st.sampled_from(["en", "zh", "fr"])),
    st.tuples(st.sampled_from(["--json", "--all"])),
)


@fuzz_settings(25)
@given(command=st.sampled_from(COMMANDS), options=st.lists(option, max_size=4), positional=st.lists(odd, max_size=2),
       out=st.sampled_from([None, "r.json", "r.csv", "r.geojson", "r.txt", "sub/", "missing/r.json"]))
def test_a_random_command_line_gets_an_answer_or_a_clear_error(capsys, tmp_path_factory, mini_dir, command,
                                                                 options, positional, out):
    argv = ["--data", str(mini_dir), command]
    if command in ("validate", "info"):
        argv += [str(mini_dir)]
    elif command == "compare":
        argv += (positional + ["today", "today"])[:2]
    for opt in options:
        argv += [f"{opt[0]}={opt[1]}"] if len(opt) == 2 else [opt[0]]
    if command in ("airports", "route", "isochrone") and not any(a.startswith("--from") for a in argv):
        argv += ["--from", "zone_hq"]  # required: without it argparse stops before the command runs
    if command == "route" and not any(a.startswith("--to") for a in argv):
        argv += ["--to", "apt_hgh"]
    if command == "isochrone" and not any(a.startswith("--cells") for a in argv):
        argv += ["--cells", "400"]  # the default grid is fine but slower than a fuzz example should be
    if out is not None:
        folder = tmp_path_factory.mktemp("out")
        argv += ["--out", f"{folder}/{out}"]
    started = time.perf_counter()
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse: usage and one error line, exit 2
        code = stop.code
        assert code == 2, argv
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code in (0, 1, 2), (argv, err)
    assert "internal error" not in err and "Traceback" not in err, (argv, err)
    assert elapsed < SECONDS, (argv, elapsed)
    if code == 2 and err.startswith("wuzhen-geo: error:"):
        assert len(err.strip().splitlines()) == 1, err
