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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from wuzhen_geo.model.rail_rule import rail_trip_problem
from wuzhen_geo.vocabulary import COACH_CLASSES, DATA_YEAR, DEPART_PERIODS, SERVICE_READINGS

__all__ = ["DEFAULT_CONFIG", "ModelConfig"]

log = logging.getLogger(__name__)


def _frozen(mapping: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(mapping))


# Typical operating speeds (km/h) outside the congested urban cores (see _CONGESTION), below the design
# speed to allow for tolls, ramps and speed cameras. China's legal limits: expressways 120 (100 on many
# older 4-lane sections), urban expressways 60-80, first-class highways 80-100 with towns and junctions,
# urban arterials 40-60.
_ROAD_SPEED = {
    # 120 limit; measured averages are near 90: Jiangsu's whole network 88.5-90.7 km/h on busy days
    # (provincial transport bureau via 现代快报, 2019 and 2021), the Shanghai-Nanjing expressway 88.6 over
    # 2011-16 (江苏省高速公路管理局, as reprinted), cars nationally 84 incl. service-area stops (Ministry of
    # Transport, Jun-Jul 2020); docs/sources/2026-12-road-speeds.md. Was 100, a figure no source gave.
    "expressway": 90.0,
    "urban_expressway": 65.0,  # 80 design, 60-80 limits, slower near the centres
    "highway": 55.0,  # national/provincial first-class roads (e.g. G320): 80 design, through towns
    "arterial": 45.0,  # urban and town arterials with signalised junctions
    "local": 30.0,  # village and town streets
    "connector": 35.0,  # short interchange and station approach roads
}

# Average running speed between two stops (km/h), excluding the dwell at stops and the start/stop time of
# each run (both counted separately, see _START_STOP). HSR: 300-350 line speed, but the delta's lines have
# speed-restricted hub approaches. Links whose notes cite a published time carry their own speed_kmh.
_RAIL_SPEED = {
    "hsr": 220.0,
    "conventional": 100.0,
    "intercity": 130.0,  # 160 design regional lines
    "suburban": 90.0,  # 120-160 design, frequent stops
    "metro": 45.0,  # 80-120 design (e.g. Hangzhou L19 at 120); 35-50 averages between stops
}

# Time lost accelerating from and braking to a stop, once per run between two stops (minutes). A run at the
# running speed alone would let a 25 km hop take 7 min; a train that stops spends minutes below line speed.
# HSR, 3 min: the loss of accelerating at a to speed v and braking at b is v/2a + v/2b; to 300 km/h at an
# average 0.3 m/s2 and braking at 0.5 m/s2 that is 2.3 + 1.4 = 3.7 min, less where the run is too short to
# reach line speed. Cross-check on published fastest times (calibration.csv, Dec 2024): Hongqiao-Songjiang
# 16 plus Songjiang-Suzhou South 15 against Hongqiao-Suzhou South 26 through puts the cost of the stop at
# Songjiang at 5 min, i.e. the 2 min dwell plus 3 min. Same physics for the other classes: conventional,
# loco-hauled to 120-160 km/h at ~0.3 / 0.5 m/s2: ~2 min; intercity and suburban EMUs to 120-160 km/h at
# ~0.6 / 0.8 m/s2: ~1 min; metro to 80-100 km/h at ~1.0 / 1.0 m/s2: ~0.5 min.
_START_STOP = {"hsr": 3.0, "conventional": 2.0, "intercity": 1.0, "suburban": 1.0, "metro": 0.5}

# Dwell at an intermediate stop (minutes), as in published timetables: HSR stops are 2 min, metro 30-45 s.
_DWELL = {"hsr": 2.0, "conventional": 4.0, "intercity": 1.5, "suburban": 1.0, "metro": 0.5}

# Time between entering a station from the street and the train (minutes): ticket and security check, walk
# to the platform. Operators ask passengers to be at HSR/conventional stations 15-30 min before departure and
# close ticket gates 3-5 min before; metro entry has a bag check and stairs.
_PROCESSING = {"hsr": 15.0, "conventional": 15.0, "intercity": 8.0, "suburban": 5.0, "metro": 3.0}

# Time from the train to the street (minutes): platform, stairs, exit gates. Large HSR stations take longer.
_EGRESS = {"hsr": 6.0, "conventional": 6.0, "intercity": 4.0, "suburban": 3.0, "metro": 3.0}


# Length factor of a road segment drawn as a bare chord between two nodes, by road class. Network distance
# between points is ~1.2 x the straight line in urban road networks (Newell 1980; O'Sullivan 1996: 1.21-1.23
# around transit stations; summarised at en.wikibooks.org/wiki/Transportation_Geography_and_Network_Science/
# Circuity); a chord between two adjacent nodes of one road is the straight line of a short stretch of it,
# so the low end of the typical 1.2-1.3 is used. Expressways are built with large curve radii between
# interchanges; the data's own published lengths show no excess over their drawn lines (S12 Xitang-Puyuan:
# 41 km published, 41.0 km along the chords; S1 Yingbin 14.47 km against 14.46 drawn; S13 and the Qianjiang
# tunnel approach 1.04-1.05 over lines that already have vertices), so expressway chords are not lengthened.
_CHORD_CIRCUITY = {"expressway": 1.0, "urban_expressway": 1.2, "highway": 1.2, "arterial": 1.2, "local": 1.2,
                   "connector": 1.2}

# Urban cores where daytime traffic slows every road: (centre place id, radius km, travel-time factor).
# Factor 1.4: TomTom's Traffic Index measures the average extra travel time over free flow across all hours
# and roads of a city; for the most congested Chinese cities it reported 33-41 % (2019 range of the eight
# worst, statista.com/chart/16998) and Hangzhou 47 % (2013, autoblog.com/2014/07/05); +40 % is taken as
# typical daytime. Radii stand for the ring expressways that bound the congested cores, as the radius of a
# circle of the same length: Shanghai's Outer Ring S20, 99 km (en.wikipedia.org/wiki/S20_Outer_Ring_Expressway)
# => 15.8, 16 km around People's Square; Hangzhou's Ring Expressway, 123 km when completed in 2003
# (163.com/dy/article/KEQ58LM80552C5PL.html) => 19.6, 20 km around Wulin Square. Outside them the class
# speeds apply unchanged. Other cities (Suzhou, Jiaxing, Huzhou...) are left free-flow: no comparable figure.
_CONGESTION = (("city_shanghai", 16.0, 1.4), ("city_hangzhou", 20.0, 1.4))

# The time of day scales each core's excess time over free flow (factor - 1 above) by the ratio of the extra
# time at that period to the all-hours average extra time of the same index (TomTom's congestion level is
# averaged over all hours and roads; its morning and evening peak levels are the same measure at the peaks).
# Published pairs (peak %, all-hours %): Chongqing 2020 morning 87 / 42, evening 86 / 42 (statista.com/chart/
# 16998); Shenyang 2014 morning 56 / 34, evening 65 / 34 (TomTom 2014 index, china.org.cn top-10 list, mirrored
# at m.formacion-profesional-a-distancia.com/top10/2015-04/14/content_35314976.htm); Tianjin 2013 evening 95 / 56
# (autoblog.com/2014/07/05). Morning: (87/42 + 56/34) / 2 = (2.071 + 1.647) / 2 = 1.86; evening: (86/42 +
# 65/34 + 95/56) / 3 = (2.048 + 1.912 + 1.696) / 3 = 1.89. So a +40 % core is +74 % at the morning peak
# (1 + 0.4 x 1.86 = 1.744) and +76 % at the evening peak (1.756). Off-peak keeps the all-hours figure the
# shipped answers and the calibration use (x 1). Night is free flow (x 0): the index's base is the travel time
# in uncongested (night-time) conditions. Amap's peak-hour delay index (07-09 h, 17-19 h) averaged 1.609 over
# 50 Chinese cities in 2020 (3c.cqnews.net, 18 Jan 2021), the same order as these peaks. Baidu's 2020 annual
# city report gives the commuting-peak ratio of actual to free-flow time per city (copy of its tables at
# ziboxinyan.com/bgdown/28198.html): Hangzhou 1.756 at 27.68 km/h, as modelled (1.744 / 1.756); Shanghai 1.932
# at 24.94 km/h, so Shanghai's peaks are likely about 10 % slower than modelled. Both are 2020 figures (a year of
# lighter traffic) from a copy, so they check the rule rather than replace it. Outside the cores no
# period figure is published for the delta's expressways, so their speeds are the same at every hour.
_PERIOD_EXCESS = {"offpeak": 1.0, "am_peak": 1.86, "pm_peak": 1.89, "night": 0.0}

# When scheduled trains and coaches run: not at night (leaving 00:00-05:00). High-speed lines close from
# midnight to 06:00 ("the essential time for the maintenance of the high-speed rails", a Shanghai railway
# worker to Xinhua, 11 Jan 2019, c_137736997, mirrored at nsh-em.com/english); the airport link runs 06:00-22:00
# (shine.cn/news/metro/2412253501, Dec 2024), Hangzhou's metro 06:00-22:30 (en.hangzhou.com.cn, Apr 2021), the
# Hangzhou-Haining line 06:30-22:30 (ezhejiang.gov.cn, Jun 2021); the coaches' published first departures are
# 05:30 or later (links/coach.geojson; a test checks it). Sleeper and holiday night trains are not modelled.
_SERVICE_PERIODS = ("offpeak", "am_peak", "pm_peak")

# Coaches (links/coach.geojson) run their timetable times (a link's ``minutes``) when they run. From the
# street to the coach: long-distance bus stations check ID and bags at the entrance and again at the gate, and
# tickets name the gate (alicetravelstory.blogspot.com/2017/05, Hangzhou passenger transport centre); 10 min
# is a stated judgement, below the 15 min of a large HSR station. From the coach to the street (or the
# terminal, where an airport coach stops at the door): 2 min, stated judgement.
_COACH_PROCESSING = {cls: 10.0 for cls in COACH_CLASSES}
_COACH_EGRESS_MIN = 2.0


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
    start_stop_min
        Acceleration and braking time added to every run between two stops, by rail class: a link's speed is
        the running speed between stops without it.
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
    road_chord_circuity
        Length factor by road class for a segment drawn as a straight chord between its two nodes (no
        intermediate shape vertex and no published ``length_km``): the road is longer than the chord. A class
        without an entry is not lengthened.
    congestion
        ``((place_id, radius_km, factor), ...)``: road time inside each radius of the place is multiplied
        by ``factor`` (the part of a segment inside the circle; the place's position is read from the data).
    rail_max_final_drive_min, rail_min_train_share
        When a "by rail" answer counts as a rail trip (:meth:`rail_trip_problem`): the drive after the last
        train must not exceed ``rail_max_final_drive_min``, and the minutes on trains must be at least
        ``rail_min_train_share`` of the minutes moving (trains plus driving). Otherwise the answer is "no
        sensible rail route".
    rail_max_car_ratio
        Nor is a rail trip that takes more than this many times the car trip between the same places
        (checked by :func:`wuzhen_geo.answers.railtrips.sensible_rail_trip`, which knows the car trip).
    rail_max_circuity
        Nor is one whose trains ride more than this many times the straight line between its first boarding
        and last alighting station (out to a hub and back).
    rail_max_away_km
        Nor is one whose last train leaves it more than this much farther from the destination than where it
        boarded that train (riding past the destination to lift the share of minutes on trains), nor one whose
        first train brings it more than this much nearer the origin than where it boarded (a drive past a
        station to ride back to it); ``inf``: no such check.
    access_speed_kmh, access_detour_factor, access_k
        How an arbitrary point joins the road network: straight-line distance to each of the ``access_k``
        nearest road nodes, times the detour factor, at the access speed.
    year
        Network year when a scenario gives none.
    depart
        When the trip sets off (:data:`~wuzhen_geo.vocabulary.DEPART_PERIODS`): the network builder multiplies
        each congestion core's excess (factor - 1) by ``period_excess[depart]``; nothing else touches speeds.
    period_excess
        Peak or off-peak time over the all-hours average, as a multiple of a core's excess time (sourced above).
    service_periods
        When scheduled trains and coaches run (not at night, sourced above); else only roads and walks.
    coach_processing_min, coach_egress_min
        Street to coach (ticket, ID and bag check, gate) by coach class; coach to street or terminal.
    service_reading
        Which reading of a planned line's service runs where sources differ (``promised`` or ``conservative``,
        :data:`~wuzhen_geo.vocabulary.SERVICE_READINGS`) when the scenario does not choose one: rail links whose
        ``service_reading`` names the other reading are left out of the network (by the network builder only).
    """

    road_speed_kmh: Mapping[str, float] = field(default_factory=lambda: _frozen(_ROAD_SPEED))
    rail_speed_kmh: Mapping[str, float] = field(default_factory=lambda: _frozen(_RAIL_SPEED))
    dwell_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_DWELL))
    start_stop_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_START_STOP))
    # Half the headway assumes random arrivals; 15 min cap: with hourly trains people plan to the timetable.
    max_wait_min: float = 15.0
    processing_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_PROCESSING))
    # Cross-platform to a different concourse level at a hub; no second security check inside the station.
    transfer_penalty_min: float = 5.0
    egress_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_EGRESS))
    # Kerbside drop-off takes ~5 min, short-stay car park plus walk ~15; 10 is the middle.
    airport_car_min: float = 10.0
    road_chord_circuity: Mapping[str, float] = field(default_factory=lambda: _frozen(_CHORD_CIRCUITY))
    congestion: tuple[tuple[str, float, float], ...] = _CONGESTION
    # A resident asking "by rail" expects the train to do most of the work. A taxi from the last station of
    # more than 30 min (about 30-40 km) means the railway does not serve the destination: the ride then is a
    # detour to a station, not a rail trip. And a trip whose drives exceed 1.5 x its time on trains (less than
    # 40 % of the moving time on trains, e.g. a 3 min intercity hop between two long drives) is a car trip
    # with a train in it. 40 %, not 50 %: from Wuzhen every rail trip starts with a ~30 min drive to Tongxiang
    # station, as long as a short HSR ride (33 min drive + 26 min by the planned airport HSR = 44 %), and that
    # is a rail trip. Stated judgements.
    rail_max_final_drive_min: float = 30.0
    rail_min_train_share: float = 0.4
    # And a rail trip that takes more than three times the drive is a detour nobody would choose (e.g. to
    # Jiaxing airport: out to Songjiang by HSR and back to Jiaxing South). Stated judgement.
    rail_max_car_ratio: float = 3.0
    # Nor is one that rides away and back: the track ridden between the first boarding station and the last
    # alighting station may be at most 2.5 times the straight line between them. A change at a hub on the way
    # stays in (Tongxiang - Hongqiao - Suzhou, 2.05); riding from Suzhou South to Hongqiao and back to Suzhou
    # (4.1) does not. Route directness guides for public transport keep a line under about 1.5-2; 2.5 leaves
    # room for one change. Stated judgement.
    rail_max_circuity: float = 2.5
    # A rail trip that rides its last train past the destination and drives back (zone_hq to Jiaxing centre in
    # the full plan: on to Jiashan South and 26 min back, to lift the share on trains) is no rail answer; 1 km
    # leaves a station just beyond the destination on the line. The same bound keeps a first train from riding
    # back toward the start (zone_industry to the Lushan hub in the full plan: a 26 min drive south to Tongxiang
    # station and the intercity back north to Wuzhen station, to lift the share on trains). Stated judgement.
    rail_max_away_km: float = 1.0
    # Local streets and lanes around a point, with turns: 25 km/h over 1.3 x the straight-line distance (a
    # common circuity factor for road networks is 1.2-1.4).
    access_speed_kmh: float = 25.0
    access_detour_factor: float = 1.3
    # Several candidates so that a point beside an expressway is not forced onto a node it cannot enter.
    access_k: int = 4
    # The data describe the network as of Nov 2026.
    year: int = DATA_YEAR
    # "promised" by default: the plan scenarios exist to show what the plans claim, and a plan is judged on its
    # own promise first (the complaint was the flagship line shown at half its promised effect); the
    # conservative reading is one switch away (scenario key, --service-reading) for a sober comparison. Open
    # lines carry no reading, so today's network is the same under both.
    service_reading: str = "promised"
    # Off-peak by default: the all-hours figure the shipped answers and the calibration have always used.
    depart: str = "offpeak"
    period_excess: Mapping[str, float] = field(default_factory=lambda: _frozen(_PERIOD_EXCESS))
    service_periods: tuple[str, ...] = _SERVICE_PERIODS
    coach_processing_min: Mapping[str, float] = field(default_factory=lambda: _frozen(_COACH_PROCESSING))
    coach_egress_min: float = _COACH_EGRESS_MIN

    def __post_init__(self) -> None:
        for name in ("road_speed_kmh", "rail_speed_kmh", "dwell_min", "start_stop_min", "processing_min",
                     "egress_min", "road_chord_circuity", "period_excess", "coach_processing_min"):
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
        for key, number in self.road_chord_circuity.items():
            if number < 1:
                raise ValueError(f"ModelConfig.road_chord_circuity[{key!r}] = {number}: a road is never shorter "
                                 "than its chord; give a factor >= 1")
        areas = tuple(tuple(a) for a in self.congestion)
        for area in areas:
            ok = len(area) == 3 and isinstance(area[0], str) and all(isinstance(x, (int, float)) for x in area[1:])
            if not ok or area[1] <= 0 or area[2] < 1:
                raise ValueError(f"ModelConfig.congestion entry {area!r}: give (place_id, radius_km > 0, factor >= 1)")
        object.__setattr__(self, "congestion", areas)
        if self.service_reading not in SERVICE_READINGS:
            raise ValueError(f"ModelConfig.service_reading = {self.service_reading!r}; use one of "
                             f"{', '.join(SERVICE_READINGS)}")
        if self.depart not in DEPART_PERIODS or self.depart not in self.period_excess:
            raise ValueError(f"ModelConfig.depart = {self.depart!r}; use one of {', '.join(DEPART_PERIODS)}")
        if not set(self.service_periods) <= set(DEPART_PERIODS):
            raise ValueError(f"ModelConfig.service_periods = {self.service_periods!r}; use {DEPART_PERIODS}")
        if self.coach_egress_min < 0:
            raise ValueError("ModelConfig.coach_egress_min must be >= 0")
        if self.rail_max_car_ratio < 1:
            raise ValueError("ModelConfig.rail_max_car_ratio must be >= 1")
        if not self.rail_max_circuity >= 1:
            raise ValueError("ModelConfig.rail_max_circuity must be >= 1")
        if not self.rail_max_away_km >= 0:
            raise ValueError("ModelConfig.rail_max_away_km must be >= 0 (inf: no check)")
        if self.rail_max_final_drive_min < 0 or not 0 <= self.rail_min_train_share <= 1:
            raise ValueError("ModelConfig: rail_max_final_drive_min must be >= 0 and rail_min_train_share in [0, 1]")

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

    def class_speed(self, mode: str, cls: str, design_kmh: float | None = None) -> float:
        """The speed of a road or rail link with no ``speed_kmh`` of its own: its class's default, but never
        above its published design speed (a 13 km link built for 160 km/h had run at the 220 of HSR)."""
        base = self.rail_speed(cls) if mode == "rail" else self.road_speed(cls)
        return min(base, float(design_kmh)) if design_kmh and design_kmh > 0 else base

    def dwell(self, cls: str) -> float:
        return _lookup(self.dwell_min, cls, "dwell_min")

    def chord_circuity(self, cls: str) -> float:
        return float(self.road_chord_circuity.get(cls, 1.0))

    def start_stop(self, cls: str) -> float:
        return _lookup(self.start_stop_min, cls, "start_stop_min")

    def processing(self, cls: str) -> float:
        return _lookup(self.processing_min, cls, "processing_min")

    def egress(self, cls: str) -> float:
        return _lookup(self.egress_min, cls, "egress_min")

    def coach_processing(self, cls: str) -> float:
        return _lookup(self.coach_processing_min, cls, "coach_processing_min")

    @property
    def services_run(self) -> bool:
        """Whether scheduled trains and coaches run at the departure period (:attr:`service_periods`)."""
        return self.depart in self.service_periods

    def congestion_factor(self, factor: float) -> float:
        """A congestion core's all-hours time ``factor`` at the departure period ``depart``."""
        return 1.0 + (float(factor) - 1.0) * float(self.period_excess[self.depart])

    def wait(self, headway_min: float) -> float:
        """Expected boarding wait: half the headway, capped at ``max_wait_min``."""
        return min(float(headway_min) / 2.0, self.max_wait_min)


    def rail_trip_problem(self, legs: Sequence[Any], lang: str = "en") -> str | None:
        """Why a trip's legs are not a sensible rail trip (in ``lang``), or None when they are
        (:func:`wuzhen_geo.model.rail_rule.rail_trip_problem`)."""
        return rail_trip_problem(self, legs, lang)


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
