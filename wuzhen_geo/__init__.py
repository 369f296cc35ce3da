"""wuzhen_geo: regional map and transport planner for Wuzhen and Tongxiang.

The main entry points, each documented where it lives:

>>> import wuzhen_geo as wz
>>> data = wz.load_geodata()                                  # the shipped geodata/, validated
>>> net = wz.build_network(data, wz.shipped_scenarios(data)["plan-2030"])
>>> wz.airport_times(net, "zone_hq")                          # car / rail / best to every airport, with legs
>>> wz.trip_answer(net, "zone_hq", "apt_pvg", mode="rail")    # the trip every view shows, with its legs
>>> wz.answer_minutes(net, ["zone_hq"], ["apt_pvg"], mode="best")  # many pairs: minutes and why not
>>> wz.zone_matrix(net, mode="car")                           # zones x airports and city centres
>>> wz.compare(wz.build_network(data), net, mode="rail")      # before / after, and why
>>> wz.compare_modes(wz.build_network(data), net)             # fastest, car and rail side by side
>>> wz.travel_time_surface(net, "zone_hq")                    # minutes over a grid (isochrone_polygons)
>>> wz.plan_indicators(net)                                   # the plan targets, met or not
>>> wz.appraise(data, samples=20).shares                      # each plan project's fair share (Dask sweep)
>>> wz.reach(net, "city_tongxiang", budgets=[60])             # people and GDP within 60 min (the 1-hour circle)
>>> wz.access_change(wz.build_network(data), net)             # people within 60 min per zone, before / after

"By rail" means one thing in every answer above, the app and the command line: the fastest trip that passes
the rail-trip rule (the train does most of the work; :func:`trip_answer`), and "best" (fastest) the faster of
that and the car. :func:`route` is the router underneath: its ``mode="rail"`` is the fastest trip that merely
rides a train (which can be a long drive to a station); isochrones and surfaces by rail use the answers.

The package is layered; each subpackage says what it owns and what it may import:
:mod:`wuzhen_geo.data` (files and validation) → :mod:`wuzhen_geo.model` (config, coordinates, scenarios,
the network and routing) → :mod:`wuzhen_geo.answers` (what users ask) → :mod:`wuzhen_geo.maps` (folium
maps) → :mod:`wuzhen_geo.cli` (``wuzhen-geo``). :mod:`wuzhen_geo.vocabulary`, :mod:`wuzhen_geo.errors` and
:mod:`wuzhen_geo.i18n` are shared by all. Maps are not imported here: ``import wuzhen_geo.maps`` for them.
"""

from wuzhen_geo._version import __version__
from wuzhen_geo.answers import (
    NoSensibleRailRoute,
    airport_times,
    answer_minutes,
    compare,
    compare_modes,
    isochrone_polygons,
    plan_indicators,
    resolve_origin,
    sensible_rail_trip,
    travel_time_surface,
    trip_answer,
    zone_matrix,
)
from wuzhen_geo.answers.access import (
    access_change,
    access_origins,
    access_everywhere,
    compare_reach,
    reach,
    reach_area,
    unit_boundary,
    unit_reach,
)
from wuzhen_geo.answers.appraisal import (
    APP_SAMPLES,
    APP_SAMPLES_MAX,
    SAMPLES_RANGE,
    Appraisal,
    appraise,
    default_projects,
)
from wuzhen_geo.answers.appraisal_indicators import Measure
from wuzhen_geo.data import GeoData, Problem, default_data_dir, load_geodata, validate_geodata
from wuzhen_geo.errors import (
    CoordinateError,
    DataError,
    DataValidationError,
    ScenarioError,
    UnknownPlaceError,
    UnreachableError,
    WuzhenGeoError,
)
from wuzhen_geo.model import (
    DEFAULT_CONFIG,
    ModelConfig,
    Network,
    Point,
    Scenario,
    Trip,
    build_network,
    load_scenario,
    one_to_all,
    route,
    shipped_scenarios,
    travel_time_matrix,
)

__all__ = [
    "__version__",
    # data
    "GeoData",
    "Problem",
    "default_data_dir",
    "load_geodata",
    "validate_geodata",
    # model
    "DEFAULT_CONFIG",
    "ModelConfig",
    "Network",
    "Point",
    "Scenario",
    "Trip",
    "build_network",
    "load_scenario",
    "one_to_all",
    "route",
    "shipped_scenarios",
    "travel_time_matrix",
    # answers
    "NoSensibleRailRoute",
    "airport_times",
    "answer_minutes",
    "compare",
    "compare_modes",
    "isochrone_polygons",
    "plan_indicators",
    "resolve_origin",
    "sensible_rail_trip",
    "travel_time_surface",
    "trip_answer",
    "zone_matrix",
    "access_change",
    "access_everywhere",
    "access_origins",
    "compare_reach",
    "reach",
    "reach_area",
    "unit_boundary",
    "unit_reach",
    "APP_SAMPLES",
    "APP_SAMPLES_MAX",
    "SAMPLES_RANGE",
    "Appraisal",
    "Measure",
    "appraise",
    "default_projects",
    # errors
    "WuzhenGeoError",
    "DataError",
    "DataValidationError",
    "ScenarioError",
    "UnknownPlaceError",
    "CoordinateError",
    "UnreachableError",
]
