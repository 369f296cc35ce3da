"""Every assumption of the travel-time model, in one frozen, documented object.

:class:`ModelConfig` is immutable and hashable, so a Streamlit server can share it between users and cache
on it. Change an assumption per call with :meth:`ModelConfig.replace` (``dataclasses.replace``)::

    fast_hsr = DEFAULT_CONFIG.replace(hsr_processing_min=10)

Speeds by class are read-only mappings; pass a whole mapping to override one::

    cfg = DEFAULT_CONFIG.replace(road_speed_kmh={**DEFAULT_CONFIG.road_speed_kmh, "arterial": 40})

The numbers are planning assumptions, not measurements. Each field says where it comes from: a legal or
design limit, a published operating practice, or a stated judgement. A link's own ``speed_kmh`` in the data
always wins over the class default.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["DEFAULT_CONFIG", "ModelConfig"]

log = logging.getLogger(__name__)


def _frozen(mapping: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(mapping))


# Typical free-flow operating speeds (km/h), below the design speed to allow for tolls, ramps, congestion
# near cities and speed cameras. China's legal limits: expressways 120 (100 on many older 4-lane sections),
# urban expressways 60-80, first-class highways 80-100 with towns and junctions, urban arterials 40-60.
_ROAD_SPEED = {
    "expressway": 100.0,  # 120 limit, 100-120 design; ~100 average incl. ramps and tolls
    "urban_expressway": 65.0,  # 80 design, 60-80 limits, slower near the centres
    "highway": 55.0,  # national/provincial first-class roads (e.g. G320): 80 design, through towns
    "arterial": 45.0,  # urban and town arterials with signalised junctions
    "local": 30.0,  # village and town streets
    "connector": 35.0,  # short interchange and station approach roads
}

# Average running speed between two stops (km/h), excluding the dwell at stops (counted separately), and
# including acceleration and braking. HSR: 300-350 line speed, but short hops in the delta average far less.
_RAIL_SPEED = {
    "hsr": 220.0,
    "conventional": 100.0,
    "intercity": 130.0,  # 160 design regional lines
    "suburban": 90.0,  # 120-160 design, frequent stops
    "metro": 45.0,  # 80-120 design (e.g. Hangzhou L19 at 120); 35-50 averages between stops
}

# Dwell at an intermediate stop (minutes), as in published timetables: HSR stops are 2 min, metro 30-45 s.
_DWELL = {"hsr": 2.0, "conventional": 4.0, "intercity": 1.5, "suburban": 1.0, "metro": 0.5}

# Time between entering a station from the street and the train (minutes): ticket and security check, walk
# to the platform. Operators ask passengers to be at HSR/conventional stations 15-30 min before departure and
# close ticket gates 3-5 min before; metro entry has a bag check and stairs.
_PROCESSING = {"hsr": 15.0, "conventional": 15.0, "intercity": 8.0, "suburban": 5.0, "metro": 3.0}

# Time from the train to the street (minutes): platform, stairs, exit gates. Large HSR stations take longer.
_EGRESS = {"hsr": 6.0, "conventional": 6.0, "intercity": 4.0, "suburban": 3.0, "metro": 3.0}


@dataclass(frozen=True)
class ModelConfig:
    """Frozen model assumptions. Every field is documented where it is declared.

    Attributes
    ----------
    road_speed_kmh
        Default speed by road ``class`` when a link has no ``speed_kmh``.
    rail_speed_kmh
        Default average running speed between stops by rail ``class`` when a link has no ``speed_kmh``.
    dwell_min
        Dwell at each intermediate stop by rail class.
    max_wait_min
        Cap on the boarding wait, which is half the headway: beyond it, riders consult the timetable.
    processing_min
        Time from the street to the train by rail class (ticket and security checks, walk to the platform).
        Paid once per entry from the street; a transfer inside a station pays only ``transfer_penalty_min``.
    transfer_penalty_min
        Walking and uncertainty added to the wait when changing trains inside a station.
    egress_min
        Time from the train to the street at a station, by the rail class of the service left.
    airport_car_min
        Drop-off or car park plus walk to the terminal when a car trip starts or ends at an airport.
    access_speed_kmh, access_detour_factor, access_k
        How an arbitrary point joins the road network: straight-line distance to each of the ``access_k``
        nearest road nodes, times the detour factor, at the access speed.
    year
        Network year when a scenario gives none.
    """

    road_speed_kmh: Mapping[str, float] = field(default_factory=lambda: _frozen(_ROAD_SPEED))
    rail_speed_kmh: Mapping[str, float] = field(default_factory=lambda: _frozen(_RAIL_SPEED))
    dwell_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_DWELL))
    # Half the headway assumes random arrivals; 15 min cap: with hourly trains people plan to the timetable.
    max_wait_min: float = 15.0
    processing_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_PROCESSING))
    # Cross-platform to a different concourse level at a hub; no second security check inside the station.
    transfer_penalty_min: float = 5.0
    egress_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_EGRESS))
    # Kerbside drop-off takes ~5 min, short-stay car park plus walk ~15; 10 is the middle.
    airport_car_min: float = 10.0
    # Local streets and lanes around a point, with turns: 25 km/h over 1.3 x the straight-line distance (a
    # common circuity factor for road networks is 1.2-1.4).
    access_speed_kmh: float = 25.0
    access_detour_factor: float = 1.3
    # Several candidates so that a point beside an expressway is not forced onto a node it cannot enter.
    access_k: int = 4
    # The data describe the network as of Nov 2026.
    year: int = 2026

    def __post_init__(self) -> None:
        for name in ("road_speed_kmh", "rail_speed_kmh", "dwell_min", "processing_min", "egress_min"):
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, _frozen(value))
            for key, number in getattr(self, name).items():
                if not isinstance(number, (int, float)) or number < 0:
                    raise ValueError(f"ModelConfig.{name}[{key!r}] = {number!r}; give a number >= 0")
        for name in ("road_speed_kmh", "rail_speed_kmh"):
            for key, number in getattr(self, name).items():
                if number <= 0:
                    raise ValueError(f"ModelConfig.{name}[{key!r}] must be > 0 km/h")
        if self.access_speed_kmh <= 0 or self.access_detour_factor < 1:
            raise ValueError("ModelConfig: access_speed_kmh must be > 0 and access_detour_factor >= 1")
        if int(self.access_k) < 1:
            raise ValueError("ModelConfig.access_k must be at least 1")

    def __hash__(self) -> int:
        values = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            values.append(tuple(sorted(value.items())) if isinstance(value, Mapping) else value)
        return hash(tuple(values))

    def __reduce__(self) -> Any:  # mappingproxy cannot be pickled; Streamlit caches pickle arguments
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        kwargs = {k: dict(v) if isinstance(v, Mapping) else v for k, v in values.items()}
        return (_rebuild, (kwargs,))

    def replace(self, **overrides: Any) -> ModelConfig:
        """A copy with some fields changed (``dataclasses.replace``); unknown names raise ``TypeError``."""
        return dataclasses.replace(self, **overrides)

    # Lookups with a clear error for a class the configuration does not know.
    def road_speed(self, cls: str) -> float:
        return _lookup(self.road_speed_kmh, cls, "road_speed_kmh")

    def rail_speed(self, cls: str) -> float:
        return _lookup(self.rail_speed_kmh, cls, "rail_speed_kmh")

    def dwell(self, cls: str) -> float:
        return _lookup(self.dwell_min, cls, "dwell_min")

    def processing(self, cls: str) -> float:
        return _lookup(self.processing_min, cls, "processing_min")

    def egress(self, cls: str) -> float:
        return _lookup(self.egress_min, cls, "egress_min")

    def wait(self, headway_min: float) -> float:
        """Expected boarding wait: half the headway, capped at ``max_wait_min``."""
        return min(float(headway_min) / 2.0, self.max_wait_min)


def _rebuild(kwargs: dict[str, Any]) -> ModelConfig:
    return ModelConfig(**kwargs)


def _lookup(mapping: Mapping[str, float], key: str, name: str) -> float:
    try:
        return float(mapping[key])
    except KeyError:
        raise ValueError(
            f"class {key!r} has no entry in ModelConfig.{name} (known: {', '.join(sorted(mapping))}); "
            "fix the link's class or add the class to the configuration"
        ) from None


DEFAULT_CONFIG = ModelConfig()
