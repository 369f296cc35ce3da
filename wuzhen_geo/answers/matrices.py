"""Travel-time tables: :func:`time_table` (origins × destinations, long) and :func:`zone_matrix` (zones × places).

Both read the model's matrix fast path (:func:`wuzhen_geo.model.matrices.travel_time_matrix`) and key rows by
:func:`~wuzhen_geo.model.coords.origin_id`; unreachable is ``inf``, and a destination absent from the network
is unreachable rather than an error. :func:`zone_ids` and :func:`default_destinations` are the default rows
and columns every table (and the comparison) uses.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from wuzhen_geo.data import GeoData
from wuzhen_geo.model import Network, Origin, origin_id, travel_time_matrix

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
    """``from_id``, ``to_id``, ``minutes`` (inf when unreachable) using the router's matrix fast path.

    ``from_id`` is :func:`~wuzhen_geo.model.coords.origin_id` of each origin; destinations absent from the network
    are unreachable rather than an error.
    """
    present = net.feature_ids
    dests = [d for d in destinations if d in present or d in net.data.zones.index]
    keys = [origin_id(o) for o in origins]
    full = pd.MultiIndex.from_product([keys, list(destinations)], names=["from_id", "to_id"])
    if not dests or not origins:
        return pd.Series(math.inf, index=full, name="minutes").reset_index()
    table = travel_time_matrix(net, list(origins), dests, mode=mode)
    if len(table) != len(keys) * len(dests):  # the relabelling below relies on one row per pair, in order
        raise RuntimeError(f"travel_time_matrix returned {len(table)} rows for {len(keys)} x {len(dests)} pairs")
    # The router gives len(dests) rows per origin, in origin order: label them with the asked ids.
    table = table.assign(from_id=np.repeat(keys, len(dests)), to_id=dests * len(keys))
    minutes = table.set_index(["from_id", "to_id"])["minutes"].astype(float)
    minutes = minutes[~minutes.index.duplicated()].reindex(full).fillna(math.inf)
    return minutes.rename("minutes").reset_index()


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

    Returns
    -------
    DataFrame
        Index = origin ids, columns = destination ids, values = minutes.
    """
    data = net.data
    if destinations is None:
        destinations = default_destinations(data, net)
    origins = list(origins) if origins is not None else zone_ids(data)
    table = time_table(net, origins, list(destinations), mode)
    wide = table.pivot(index="from_id", columns="to_id", values="minutes")
    return wide.reindex(index=[origin_id(o) for o in origins], columns=list(destinations))
