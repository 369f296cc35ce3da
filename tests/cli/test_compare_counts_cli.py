"""``compare`` counts a pair as changed by one rule everywhere: its change as shown (whole minutes shown after
minus those shown before). It had said "4 of 78 pairs change" by best and then "5 pair(s) faster" under a
cause: the fifth changed by 0.1 min and showed as 0, and a pair changing by 0.8 min could show 0 too."""

from __future__ import annotations

import json
import re

from wuzhen_geo.cli import main
from wuzhen_geo.vocabulary import shown_change


def test_the_header_the_rows_and_the_causes_count_the_same_pairs(capsys):
    assert main(["compare", "today", "plan-full", "--mode", "best", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    rows = rows["rows"] if isinstance(rows, dict) else rows
    shown = [shown_change(r["before"] if r["before"] is not None else float("inf"),
                          r["after"] if r["after"] is not None else float("inf")) for r in rows]
    changed = sum(1 for s in shown if s != 0)
    faster = sum(1 for s in shown if s < 0)
    assert main(["compare", "today", "plan-full", "--mode", "best"]) == 0
    out = capsys.readouterr().out
    header = re.search(r"== by fastest: (\d+) of (\d+) pairs change ==", out)
    assert header and int(header.group(1)) == changed and int(header.group(2)) == len(rows)
    for n in re.findall(r"(\d+) pair\(s\) faster", out):  # no cause helps more pairs than got faster
        assert int(n) <= faster
    listed = out.split("== by fastest:")[1].split("Which zones gain")[0]
    assert " same " not in listed and "+0 min" not in listed and "-0 min" not in listed
