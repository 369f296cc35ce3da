"""wuzhen_geo: regional map and transport planner for Wuzhen and Tongxiang.

The main entry points, each documented where it lives:

>>> import wuzhen_geo as wz
>>> data = wz.load_geodata()                                  # the shipped geodata/, validated
>>> net = wz.build_network(data, wz.shipped_scenarios(data)["plan-2030"])
>>> wz.airport_times(net, "zone_hq")                          # car / rail / best to every airport, with legs
>>> wz.route(net, "zone_hq", "apt_pvg", mode="rail")          # one trip and its legs
>>> wz.zone_matrix(net, mode="car")                           # zones x airports and city centres
>>> wz.compare(wz.build_network(data), net, mode="rail")      # before / after, and why
>>> wz.travel_time_surface(net, "zone_hq")                    # minutes over a grid (isochrone_polygons)
>>> wz.plan_indicators(net)                                   # the plan targets, met or not

The package is layered; each subpackage says what it owns and what it may import:
:mod:`wuzhen_geo.data` (files and validation) → :mod:`wuzhen_geo.model` (config, coordinates, scenarios,
the network and routing) → :mod:`wuzhen_geo.answers` (what users ask) → :mod:`wuzhen_geo.maps` (folium
maps) → :mod:`wuzhen_geo.cli` (``wuzhen-geo``). :mod:`wuzhen_geo.vocabulary`, :mod:`wuzhen_geo.errors` and
:mod:`wuzhen_geo.i18n` are shared by all. Maps are not imported here: ``import wuzhen_geo.maps`` for them.
"""

from wuzhen_geo._version import __version__
from wuzhen_geo.answers import (
    airport_times,
    compare,
    isochrone_polygons,
    plan_indicators,
    resolve_origin,
    sensible_rail_trip,
    travel_time_surface,
    zone_matrix,
)
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
    "airport_times",
    "compare",
    "isochrone_polygons",
    "plan_indicators",
    "resolve_origin",
    "sensible_rail_trip",
    "travel_time_surface",
    "zone_matrix",
    # errors
    "WuzhenGeoError",
    "DataError",
    "DataValidationError",
    "ScenarioError",
    "UnknownPlaceError",
    "CoordinateError",
    "UnreachableError",
]
