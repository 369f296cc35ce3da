"""Which rail service patterns run: the promised or conservative reading, and the patterns of one track.

Private to the model; the network builder (:mod:`wuzhen_geo.model._network_builder`) is its only user, so one
place decides which patterns run. A rail link may carry:

``service_reading``
    ``promised`` or ``conservative`` (:data:`~wuzhen_geo.vocabulary.SERVICE_READINGS`): the link runs only under
    that reading (the scenario's ``service_reading``, else ``ModelConfig.service_reading``); without it, under
    both. Used where the sources on a planned line's service differ.
``pattern_of``
    the id of another rail link on the same track (its main stopping pattern): the link runs exactly when that
    one is active, so a project that switches the track on or off switches every pattern on it.
``approach_min``
    ``{station id: minutes}``: a slow approach (speed-restricted throat, connecting line) added to every run
    of the link that starts or ends at the station, derived in the link's note from a published time.
``stop_km``
    the published distance from the first stop to each stop (``[0, 59, 68.6]``): the stretches between stops
    take these lengths, not shares of ``length_km`` in proportion to the drawn chords (a line extended beyond
    an open section keeps the section's published length).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import numpy as np

from wuzhen_geo.data.io import GeoData
from wuzhen_geo.errors import DataError, ScenarioError
from wuzhen_geo.model.scenarios import ActiveFeatures
from wuzhen_geo.vocabulary import SERVICE_READINGS, quoted

__all__ = ["approach_minutes", "services_as_run", "stop_kilometres"]


def services_as_run(data: GeoData, active: ActiveFeatures, reading: str,
                    removed: frozenset[str] = frozenset()) -> ActiveFeatures:
    """``active`` with the rail patterns that do not run under ``reading`` taken out, and each pattern with a
    ``pattern_of`` on exactly when that link is (so a project switching the track on or off switches all its
    patterns) unless a scenario edit ``removed`` it. Raises ``DataError`` naming the feature and field for an
    unknown reading or link."""
    links = data.links
    if reading not in SERVICE_READINGS:
        raise ScenarioError(f"service reading {quoted(reading)}: use one of {', '.join(SERVICE_READINGS)}")
    on = set(active.links)
    for col in ("service_reading", "pattern_of"):
        if col not in links.columns:
            continue
        for lid, value in links[col].items():
            if not isinstance(value, str):
                if value is not None and not (isinstance(value, float) and np.isnan(value)):
                    raise _bad(links, lid, col, value)
                continue
            if col == "service_reading" and value not in SERVICE_READINGS:
                raise _bad(links, lid, col, value)
            if col == "pattern_of" and (value not in links.index or value == lid):
                raise _bad(links, lid, col, value)
    if "pattern_of" in links.columns:
        for lid, parent in links["pattern_of"].items():
            if isinstance(parent, str):
                (on.add if parent in active.links and lid not in removed else on.discard)(lid)
    if "service_reading" in links.columns:
        on -= {lid for lid, r in links["service_reading"].items() if isinstance(r, str) and r != reading}
    places = set(active.places) | {n for lid in on - set(active.links) for n in links.at[lid, "nodes"]
                                   if n in data.places.index}
    return dataclasses.replace(active, links=frozenset(on), places=frozenset(places))


def _bad(links: Any, lid: str, field: str, value: Any) -> DataError:
    return _bad_value(str(links.at[lid, "_file"]) if "_file" in links.columns else "links", lid, field, value)


def _bad_value(file: str, lid: str, field: str, value: Any) -> DataError:
    fix = {"service_reading": f"use one of {', '.join(SERVICE_READINGS)} or leave it out",
           "pattern_of": "name another rail link on the same track, or leave it out",
           "approach_min": "give {station id of this link: minutes >= 0}",
           "stop_km": "give the published km from the first stop to each stop, rising from 0, e.g. [0, 59, 68.6]",
           }[field]
    return DataError(f"{file}: {lid}: field {field!r} is {quoted(value)}; {fix}")


def approach_minutes(row: Any, nodes: Sequence[str]) -> dict[str, float]:
    """A rail link's ``approach_min``: extra minutes of every run starting or ending at each named stop."""
    value = row.get("approach_min")
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return {}
    ok = isinstance(value, dict) and all(
        k in nodes and isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v < 60
        for k, v in value.items())
    if not ok:
        raise _bad_value(str(row.get("_file", "links")), str(row.name), "approach_min", value)
    return {str(k): float(v) for k, v in value.items()}


def stop_kilometres(row: Any, nodes: Sequence[str]) -> list[float] | None:
    """A rail link's ``stop_km`` as the kilometres of each stretch between consecutive stops, or None."""
    value = row.get("stop_km")
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    ok = (isinstance(value, (list, tuple)) and len(value) == len(nodes) and value and value[0] == 0
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
          and all(b > a for a, b in zip(value, value[1:])))
    if not ok:
        raise _bad_value(str(row.get("_file", "links")), str(row.name), "stop_km", value)
    return [float(b - a) for a, b in zip(value, value[1:])]
