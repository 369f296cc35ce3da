"""Airport times: how long from an origin to each airport by car, by rail and the best of both.

:func:`airport_times` gives one row per airport × mode with the trip's legs; a rail row is a trip that
passes the rail-trip rule (:mod:`wuzhen_geo.answers.railtrips`). :func:`airport_ids` lists the airports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.answers.places import place_name
from wuzhen_geo.answers.railtrips import NoSensibleRailRoute, sensible_rail_trip
from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.model import Network, Origin, origin_id, route
from wuzhen_geo.vocabulary import TRAVEL_MODES

__all__ = ["airport_ids", "airport_times"]


def airport_ids(data: GeoData, net: Network | None = None) -> list[str]:
    """Airport place ids, in data order; only those in ``net`` when given."""
    ids = [str(i) for i in data.places.index[data.places["kind"] == "airport"]]
    if net is not None:
        present = net.feature_ids
        ids = [i for i in ids if i in present]
    return ids


def airport_times(
    net: Network,
    origin: Origin,
    *,
    airports: Sequence[str] | None = None,
    modes: Sequence[str] = TRAVEL_MODES,
) -> pd.DataFrame:
    """Time from ``origin`` to each airport by car, by rail and the best of both, with the legs.

    Parameters
    ----------
    net
        A built network (read only).
    origin
        Place id, zone id or WGS-84 point (see :func:`wuzhen_geo.answers.places.resolve_origin`).
    airports
        Airport place ids; every airport of the data by default (those absent from the scenario get a row
        saying so).
    modes
        Any of ``"car"``, ``"rail"``, ``"best"``.

    Returns
    -------
    DataFrame
        One row per airport × mode: ``from_id``, ``airport_id``, ``iata``, ``name_zh``, ``name_en``,
        ``mode``, ``reachable`` (bool), ``minutes``, ``km`` (NaN when unreachable), ``trip_mode`` (the mode
        of the best trip), ``legs_text`` (or the reason it is unreachable) and ``legs`` (list of ``Leg``).

    Notes
    -----
    A rail row is the fastest trip that passes the rail-trip rule
    (:func:`wuzhen_geo.answers.railtrips.sensible_rail_trip`: a short drive after the last train, and most of
    the moving time on trains), which may be slower than the router's fastest trip that merely rides a train.
    When no trip passes, the row is not reachable and its ``legs_text`` starts with
    ``"no sensible rail route:"``, gives the reason and describes the fastest trip using a train; ``best`` is
    then the car trip.
    The rule applies to these trip answers only: matrices, comparisons and isochrones report the fastest
    time of any trip that rides a train.
    """
    data = net.data
    ids = list(airports) if airports is not None else airport_ids(data)
    present = net.feature_ids
    rows = []
    for apt in ids:
        base = {
            "from_id": origin_id(origin),
            "airport_id": apt,
            "iata": _iata(data, apt),
            "name_zh": place_name(data, apt, "zh"),
            "name_en": place_name(data, apt, "en"),
        }
        trips: dict[str, Any] = {}  # car and rail trips, reused for "best" (the faster of the two)
        for mode in modes:
            row = dict(base, mode=mode, reachable=False, minutes=math.nan, km=math.nan, trip_mode=None,
                       legs_text="", legs=[])
            if apt not in present:
                row["legs_text"] = "unreachable: the airport is not in this scenario's network"
            else:
                try:
                    if mode == "best" and "car" in trips and "rail" in trips:
                        found = [t for t in (trips["car"], trips["rail"]) if not isinstance(t, Exception)]
                        if not found:
                            raise UnreachableError(f"{origin_id(origin)} -> {apt}: unreachable by car and by rail "
                                                   f"in scenario {getattr(net.scenario, 'name', '')!r}")
                        trip = min(found, key=lambda t: t.minutes)
                    else:
                        try:
                            if mode == "rail":
                                trip = sensible_rail_trip(net, origin, apt)
                            else:
                                trip = route(net, origin, apt, mode=mode)
                        except UnreachableError as exc:
                            trips[mode] = exc
                            raise
                        trips[mode] = trip
                except NoSensibleRailRoute as exc:
                    row["legs_text"] = str(exc)
                except UnreachableError as exc:
                    row["legs_text"] = f"unreachable: {exc}"
                else:
                    row.update(reachable=True, minutes=float(trip.minutes), km=float(trip.km),
                               trip_mode=getattr(trip, "mode", mode), legs_text=legs_text(trip, data),
                               legs=list(trip.legs))
            rows.append(row)
    return pd.DataFrame(rows, columns=["from_id", "airport_id", "iata", "name_zh", "name_en", "mode", "reachable",
                                       "minutes", "km", "trip_mode", "legs_text", "legs"])


def _iata(data: GeoData, place_id: str) -> str | None:
    if "iata" in data.places.columns and place_id in data.places.index:
        value = data.places.at[place_id, "iata"]
        return str(value) if isinstance(value, str) and value else None
    return None
