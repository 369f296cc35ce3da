"""Answers: what users ask of a network, as tables and trips.

Owns the answers every view shows — airport times, matrices, plan indicators, scenario comparisons, rail
trips that pass the rail-trip rule, travel-time surfaces and isochrones, place lookup, calibration and the
words that describe a trip — each computed once here so that the app, the command line and the Python API
show the same numbers. Reads networks, never changes them. May import the model, the data layer and the
top-level ``errors``, ``i18n`` and ``vocabulary``; never the maps or the command line.
"""

from wuzhen_geo.answers.analysis import airport_times, plan_indicators, zone_matrix
from wuzhen_geo.answers.comparison import cause_summary, compare, link_changes, project_changes
from wuzhen_geo.answers.places import (
    AmbiguousPlaceError,
    Origin,
    origin_id,
    place_label,
    place_name,
    resolve_origin,
    resolve_place_id,
    snap_to_place,
)
from wuzhen_geo.answers.railtrips import NO_SENSIBLE_RAIL, NoSensibleRailRoute, sensible_rail_trip
from wuzhen_geo.answers.route_steps import rail_lines_text, route_steps, short_place_name, step_legs
from wuzhen_geo.answers.surfaces import TravelTimeSurface, isochrone_polygons, travel_time_surface
from wuzhen_geo.answers.trips import default_destinations, legs_text, time_table, zone_ids

__all__ = [
    "NO_SENSIBLE_RAIL",
    "AmbiguousPlaceError",
    "NoSensibleRailRoute",
    "Origin",
    "TravelTimeSurface",
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
    "zone_ids",
    "zone_matrix",
]
