"""The reference both consistency tests compare every view with: ``trip_answer`` for every shipped scenario,
zone, airport and mode."""

from __future__ import annotations

import math

from wuzhen_geo.answers import airport_ids, reason_of, trip_answer, zone_ids
from wuzhen_geo.errors import UnreachableError

SCENARIOS = ("today", "plan-2030", "plan-full", "example-wuzhen-tongxiang-rail")
MODES = ("car", "rail", "best")
#: The airport table's public-transport modes (not in the planner's comparison).
TRANSIT_MODES = ("coach", "transit")


def reference_answers(data, nets, modes=MODES) -> dict[tuple[str, str, str, str], tuple[float, str]]:
    """``(scenario, zone, airport, mode) -> (minutes, reason)``; ``nets`` maps scenario names to networks."""
    out = {}
    for name, net in nets.items():
        for zone in zone_ids(data):
            for apt in airport_ids(data):
                for mode in modes:
                    try:
                        out[name, zone, apt, mode] = (trip_answer(net, zone, apt, mode=mode).minutes, "")
                    except UnreachableError as exc:
                        out[name, zone, apt, mode] = (math.inf, reason_of(exc))
    return out
