"""Record the JSON answers of the command line for every shipped scenario, or check them against a record.

Used while moving code: answers must not change when the package is reorganised. Run once before a change
(``record``), once after (``check``); ``check`` exits 1 and names every command whose output differs.

    python scripts/answers_snapshot.py record /tmp/answers
    python scripts/answers_snapshot.py check /tmp/answers

The commands run in-process through ``wuzhen_geo.cli.main`` (``--json``), so one run takes about a minute.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

from wuzhen_geo.cli import main as cli_main

SCENARIOS = ("today", "plan-2030", "plan-full", "example-wuzhen-tongxiang-rail")
ORIGINS = ("zone_hq", "zone_culture", "桐乡市中心", "30.745900,120.488800")
ROUTES = (("zone_hq", "PVG"), ("zone_hq", "HGH"), ("桐乡市中心", "上海虹桥站"), ("30.745900,120.488800", "SHA"))


def commands() -> dict[str, list[str]]:
    """Every command recorded, by a file-safe name."""
    out: dict[str, list[str]] = {}
    for s in SCENARIOS:
        for i, origin in enumerate(ORIGINS):
            out[f"airports-{s}-{i}"] = ["airports", "--from", origin, "--scenario", s]
        for i, (a, b) in enumerate(ROUTES):
            for mode in ("car", "rail", "best"):
                out[f"route-{s}-{i}-{mode}"] = ["route", "--from", a, "--to", b, "--mode", mode, "--scenario", s]
        for mode in ("car", "rail", "best"):
            out[f"matrix-{s}-{mode}"] = ["matrix", "--scenario", s, "--mode", mode]
        out[f"isochrone-{s}"] = ["isochrone", "--from", "zone_hq", "--scenario", s, "--cells", "10000"]
        out[f"indicators-{s}"] = ["indicators", "--scenario", s]
        if s != "today":
            out[f"compare-today-{s}"] = ["compare", "today", s, "--mode", "all", "--all"]
    return out


def run(argv: list[str]) -> str:
    """stdout and exit code of one command (errors are part of the answer too)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main([*argv, "--json"])
    text = out.getvalue()
    try:  # normalise the layout so that only the content is compared
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True)
    except json.JSONDecodeError:
        pass
    return f"exit {code}\n{text}\n{err.getvalue()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "check"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    differ = []
    for name, argv in commands().items():
        got = run(argv)
        path = args.folder / f"{name}.txt"
        if args.action == "record":
            path.write_text(got, encoding="utf-8")
        elif not path.is_file() or path.read_text(encoding="utf-8") != got:
            differ.append(name)
            path.with_suffix(".now.txt").write_text(got, encoding="utf-8")
    if args.action == "check":
        print(f"{len(commands()) - len(differ)} of {len(commands())} answers identical")
        for name in differ:
            print(f"  differs: {name} (see {args.folder / name}.now.txt)")
        return 1 if differ else 0
    print(f"recorded {len(commands())} answers in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
