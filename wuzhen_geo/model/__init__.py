"""Model: the travel-time model of a scenario.

Owns every assumption (:mod:`~wuzhen_geo.model.config`), coordinates and datums
(:mod:`~wuzhen_geo.model.coords`), scenarios and scenario files, the graph built from the data
(:mod:`~wuzhen_geo.model.network`) and routing on it (:mod:`~wuzhen_geo.model.routing`). The CSR fast
path and the contraction hierarchy (``_fastpath``, ``_hierarchy``, ``_hierarchy_kernels``) are private:
only the network and routing use them. May import the data layer and the top-level ``errors`` and
``vocabulary``; never the answers, maps or command line.
"""

from wuzhen_geo.model.config import DEFAULT_CONFIG, ModelConfig
from wuzhen_geo.model.coords import Point, format_coordinate, parse_coordinate, to_wgs84
from wuzhen_geo.model.scenarios import (
    TODAY,
    ActiveFeatures,
    AddLink,
    Edit,
    RemoveLink,
    Scenario,
    SetHeadway,
    SetSpeed,
    active_features,
)
from wuzhen_geo.model.scenario_files import load_scenario, scenario_to_yaml, shipped_scenarios, validate_scenarios
from wuzhen_geo.model.editing import (
    apply_edit,
    new_link_id,
    remove_edit,
    scenario_from_bytes,
    with_projects,
    with_year,
    working_copy,
)
from wuzhen_geo.model.network import Network, build_network
from wuzhen_geo.model.routing import Leg, Trip, one_to_all, route, routes, travel_time_matrix

__all__ = [
    "DEFAULT_CONFIG",
    "TODAY",
    "ActiveFeatures",
    "AddLink",
    "Edit",
    "Leg",
    "ModelConfig",
    "Network",
    "Point",
    "RemoveLink",
    "Scenario",
    "SetHeadway",
    "SetSpeed",
    "Trip",
    "active_features",
    "build_network",
    "format_coordinate",
    "load_scenario",
    "one_to_all",
    "parse_coordinate",
    "route",
    "routes",
    "scenario_to_yaml",
    "shipped_scenarios",
    "to_wgs84",
    "travel_time_matrix",
    "validate_scenarios",
    "apply_edit",
    "new_link_id",
    "remove_edit",
    "scenario_from_bytes",
    "with_projects",
    "with_year",
    "working_copy",
]
