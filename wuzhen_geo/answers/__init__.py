"""Answers: what users ask of a network, as tables and trips.

Owns the answers every view shows — the trip of each origin, destination and mode (``trip_answers``: by rail a
trip that passes the rail-trip rule, best the faster of car and that; every other answer reads it), airport
times (``airports``), travel-time tables (``matrices``), plan
indicators (``indicators``), scenario comparisons (``comparison``), rail trips that pass the rail-trip rule
(``railtrips``), travel-time surfaces and isochrones (``surfaces``, ``isochrones``), place lookup
(``places``), calibration, the words that describe a trip (``legs_text``, ``route_steps``), the airport
summary (``airport_table``), a planner's edits in words and links drawn on the map (``planning``) and the
people and GDP within reach of an origin (``access``, with the private ``_unit_grid`` and
``_access_everywhere``) — each
computed once here so that the app, the command line and the Python API show the same numbers. Reads networks, never changes them. May import the model, the data layer and the
top-level ``errors``, ``i18n`` and ``vocabulary``; never the maps or the command line.
"""

from wuzhen_geo.answers.access import (
    AccessSurface,
    access_change,
    access_everywhere,
    access_origins,
    compare_reach,
    reach,
    reach_area,
    unit_boundary,
    unit_reach,
)
from wuzhen_geo.answers.airports import AIRPORT_MODES, airport_ids, airport_times, car_minutes_by_period
from wuzhen_geo.answers.airport_table import (
    SUMMARY_COLUMNS,
    airport_summary,
    car_spread_text,
    missing_cell_text,
    not_in_network_text,
    origin_label,
    origin_text,
)
from wuzhen_geo.answers.comparison import MODE_COLUMNS, cause_summary, compare, compare_modes, link_changes, project_changes
from wuzhen_geo.answers.appraisal_indicators import indicator_change_text, indicator_value_text
from wuzhen_geo.answers.indicators import plan_indicators
from wuzhen_geo.answers.isochrones import isochrone_polygons, water_areas
from wuzhen_geo.answers.legs_text import legs_text
from wuzhen_geo.answers.matrices import default_destinations, time_table, zone_ids, zone_matrix
from wuzhen_geo.answers.place_search import (
    SEARCH_ORDER,
    NearestPlace,
    near_place_text,
    nearest_place,
    place_candidates,
    search_label,
    search_options,
)
from wuzhen_geo.answers.places import (
    AmbiguousPlaceError,
    looks_like_coordinate,
    place_label,
    place_name,
    resolve_origin,
    resolve_place_id,
    snap_to_place,
    unknown_place_message,
)
from wuzhen_geo.answers.plan_years import inferred_years_text, project_table, scenario_plan_years
from wuzhen_geo.answers.planning import (
    COMPARED_MODES,
    DIFFERENCE_BREAKS,
    cause_words,
    changes_first,
    changed_counts,
    comparison_destinations,
    describe_edit,
    difference_bands,
    drawn_link,
    edit_title,
    finite_minutes,
    shown_changes,
    link_between,
    link_speed,
    explained_changes,
    place_choices,
    unchanged_reason,
)
from wuzhen_geo.answers.coachtrips import NoSensibleCoachRoute
from wuzhen_geo.answers.railtrips import NO_SENSIBLE_RAIL, NoSensibleRailRoute, judge_rail_trip, sensible_rail_trip
from wuzhen_geo.answers.route_steps import rail_lines_text, route_steps, short_place_name, step_legs
from wuzhen_geo.answers.trip_answers import (
    ANSWER_COLUMNS,
    NO_RAIL_ROUTE,
    NO_SERVICE,
    NOT_IN_SCENARIO,
    REASONS,
    UNREACHABLE,
    answer_minutes,
    reason_of,
    trip_answer,
    trip_answers,
)
from wuzhen_geo.answers.surfaces import TravelTimeSurface, travel_time_surface
from wuzhen_geo.model import Origin, origin_id

__all__ = [
    "indicator_change_text",
    "indicator_value_text",
    "AIRPORT_MODES",
    "car_minutes_by_period",
    "car_spread_text",
    "missing_cell_text",
    "not_in_network_text",
    "NO_SENSIBLE_RAIL",
    "AmbiguousPlaceError",
    "SEARCH_ORDER",
    "NearestPlace",
    "near_place_text",
    "nearest_place",
    "place_candidates",
    "search_label",
    "search_options",
    "looks_like_coordinate",
    "unknown_place_message",
    "NoSensibleCoachRoute",
    "NoSensibleRailRoute",
    "Origin",
    "TravelTimeSurface",
    "airport_ids",
    "airport_times",
    "cause_summary",
    "compare",
    "default_destinations",
    "isochrone_polygons",
    "legs_text",
    "link_changes",
    "origin_id",
    "place_label",
    "place_name",
    "plan_indicators",
    "project_changes",
    "rail_lines_text",
    "resolve_origin",
    "resolve_place_id",
    "route_steps",
    "sensible_rail_trip",
    "short_place_name",
    "snap_to_place",
    "step_legs",
    "time_table",
    "travel_time_surface",
    "water_areas",
    "zone_ids",
    "zone_matrix",
    "SUMMARY_COLUMNS",
    "airport_summary",
    "origin_label",
    "origin_text",
    "COMPARED_MODES",
    "DIFFERENCE_BREAKS",
    "cause_words",
    "changes_first",
    "changed_counts",
    "comparison_destinations",
    "describe_edit",
    "difference_bands",
    "drawn_link",
    "edit_title",
    "finite_minutes",
    "shown_changes",
    "link_between",
    "link_speed",
    "inferred_years_text",
    "project_table",
    "scenario_plan_years",
    "explained_changes",
    "place_choices",
    "unchanged_reason",
    "ANSWER_COLUMNS",
    "MODE_COLUMNS",
    "NO_RAIL_ROUTE",
    "NO_SERVICE",
    "NOT_IN_SCENARIO",
    "REASONS",
    "UNREACHABLE",
    "answer_minutes",
    "compare_modes",
    "judge_rail_trip",
    "reason_of",
    "trip_answer",
    "trip_answers",
    "AccessSurface",
    "access_change",
    "access_everywhere",
    "access_origins",
    "compare_reach",
    "reach",
    "reach_area",
    "unit_boundary",
    "unit_reach",
]
