"""Travel-time tables: :func:`time_table` (origins × destinations, long) and :func:`zone_matrix` (zones × places).

Both give the minutes of :func:`wuzhen_geo.answers.trip_answers.trip_answer`, the answer every view shows (by
rail: a trip that passes the rail-trip rule; best: the faster of car and that), and key rows by
:func:`~wuzhen_geo.model.coords.origin_id`; unreachable is ``inf``, and a destination absent from the network
is unreachable rather than an error. :func:`zone_ids` and :func:`default_destinations` are the default rows
and columns every table (and the comparison) uses.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from wuzhen_geo.data import GeoData
from wuzhen_geo.answers.trip_answers import answer_minutes
from wuzhen_geo.model import Network, Origin, origin_id

__all__ = ["default_destinations", "time_table", "zone_ids", "zone_matrix"]


def zone_ids(data: GeoData) -> list[str]:
    """The zone ids, in data order."""
    return [str(i) for i in data.zones.index]


def default_destinations(data: GeoData, *nets: Network) -> list[str]:
    """The airports and city centres present in any of ``nets``, in data order."""
    present: set[str] = set()
    for net in nets:
        present |= net.feature_ids
    kinds = data.places["kind"]
    return [str(i) for i in data.places.index[kinds.isin(["airport", "city_centre"])] if i in present]


def time_table(net: Network, origins: Sequence[Origin], destinations: Sequence[str], mode: str) -> pd.DataFrame:
    """``from_id``, ``to_id``, ``minutes`` (inf when unreachable) and ``reason`` for every origin × destination.

    The minutes of :func:`~wuzhen_geo.answers.trip_answers.trip_answer` (by rail: a trip that passes the
    rail-trip rule), from :func:`~wuzhen_geo.answers.trip_answers.answer_minutes`; ``reason`` is ``""`` or why
    a pair has no trip (``"no_rail_route"``, ``"not_in_scenario"`` — e.g. a destination absent from this
    scenario — or ``"unreachable"``).
    """
    return answer_minutes(net, list(origins), list(destinations), mode=mode)


def zone_matrix(
    net: Network,
    destinations: Sequence[str] | None = None,
    *,
    mode: str = "best",
    origins: Sequence[Origin] | None = None,
) -> pd.DataFrame:
    """Zones × destinations table of minutes (``inf`` = unreachable).

    Parameters
    ----------
    destinations
        Place ids; by default the airports and the city centres present in the network.
    origins
        Defaults to the zone ids.
    mode
        ``"car"``, ``"rail"`` (trips that pass the rail-trip rule) or ``"best"``.

    Returns
    -------
    DataFrame
        Index = origin ids, columns = destination ids, values = minutes of
        :func:`~wuzhen_geo.answers.trip_answers.trip_answer`. Why a cell is ``inf``: :func:`time_table`.
    """
    data = net.data
    if destinations is None:
        destinations = default_destinations(data, net)
    origins = list(origins) if origins is not None else zone_ids(data)
    table = time_table(net, origins, list(destinations), mode)
    wide = table.pivot(index="from_id", columns="to_id", values="minutes")
    return wide.reindex(index=[origin_id(o) for o in origins], columns=list(destinations))
