"""Model: the travel-time model of a scenario.

Owns every assumption (:mod:`~wuzhen_geo.model.config`), coordinates, datums and origins
(:mod:`~wuzhen_geo.model.coords`, pasted text in :mod:`~wuzhen_geo.model.coordinate_text`), scenarios,
scenario files and validated typed edits (:mod:`~wuzhen_geo.model.editing`), a planner's work as a file
(:mod:`~wuzhen_geo.model.work_files`), the graph built from the data
(:mod:`~wuzhen_geo.model.network`, its node tuples in :mod:`~wuzhen_geo.model.nodes`), trips and their legs
(:mod:`~wuzhen_geo.model.trips`), routing on the graph (:mod:`~wuzhen_geo.model.routing`) and many times at
once (:mod:`~wuzhen_geo.model.matrices`). The graph builder, the CSR fast path and the contraction hierarchy (``_network_builder``, ``_fastpath``,
``_hierarchy``, ``_hierarchy_kernels``) are private: only the network and routing use them. May import the
data layer and the top-level ``errors`` and ``vocabulary``; never the answers, maps or command line.
"""

from wuzhen_geo.model.config import DEFAULT_CONFIG, ModelConfig
from wuzhen_geo.model.coords import Origin, Point, check_study_area, origin_id, to_wgs84
from wuzhen_geo.model.coordinate_text import coordinate_text_ascii, datum_label, format_coordinate, parse_coordinate
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
from wuzhen_geo.model.work_files import (WORK_ENV, Work, prune_work_files, read_work, read_work_and_draft, work_dir,
                                        write_work)
from wuzhen_geo.model.editing import (
    EditHistory,
    apply_edit,
    new_link_id,
    own_edits,
    rebased,
    remove_edit,
    scenario_from_bytes,
    with_titles,
    with_service_reading,
    with_projects,
    with_year,
    working_copy,
)
from wuzhen_geo.model.network import Network, build_network
from wuzhen_geo.model.running import features_as_run, service_reading_of
from wuzhen_geo.model.nodes import is_after_train, layer1, node_place
from wuzhen_geo.model.trips import Leg, Trip, trip_from_path
from wuzhen_geo.model.routing import route, routes, trip_ends
from wuzhen_geo.model.matrices import one_to_all, travel_time_matrix

__all__ = [
    "DEFAULT_CONFIG",
    "TODAY",
    "ActiveFeatures",
    "AddLink",
    "Edit",
    "Leg",
    "ModelConfig",
    "Network",
    "Origin",
    "Point",
    "RemoveLink",
    "Scenario",
    "SetHeadway",
    "SetSpeed",
    "Trip",
    "active_features",
    "features_as_run",
    "service_reading_of",
    "build_network",
    "coordinate_text_ascii",
    "datum_label",
    "check_study_area",
    "format_coordinate",
    "is_after_train",
    "layer1",
    "load_scenario",
    "node_place",
    "one_to_all",
    "origin_id",
    "parse_coordinate",
    "route",
    "routes",
    "scenario_to_yaml",
    "shipped_scenarios",
    "to_wgs84",
    "travel_time_matrix",
    "trip_ends",
    "trip_from_path",
    "validate_scenarios",
    "EditHistory",
    "apply_edit",
    "new_link_id",
    "own_edits",
    "rebased",
    "remove_edit",
    "scenario_from_bytes",
    "with_titles",
    "with_service_reading",
    "with_projects",
    "with_year",
    "working_copy",
    "WORK_ENV",
    "Work",
    "prune_work_files",
    "read_work",
    "read_work_and_draft",
    "work_dir",
    "write_work",
]
