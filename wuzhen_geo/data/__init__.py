"""Data: reading, writing and validating a ``geodata/`` folder.

Owns all file access (:mod:`~wuzhen_geo.data.io`: GeoJSON and YAML in, atomic text out) and the schema
check (:mod:`~wuzhen_geo.data.validate`, the plan files in ``_plan_checks``, the county-level units and their
published totals in ``_unit_checks``: every
:class:`~wuzhen_geo.data.problems.Problem` names file, feature, field and fix). The rest of the
package is pure and receives a :class:`GeoData`. May import only the top-level ``errors`` and
``vocabulary``.
"""

from wuzhen_geo.data.atomic import write_bytes_atomic
from wuzhen_geo.data.io import (
    GeoData,
    default_data_dir,
    feature_collection_text,
    load_geodata,
    read_feature_file,
    read_yaml,
    safe_yaml,
    write_text_atomic,
    yaml_problem,
)
from wuzhen_geo.data.problems import Problem, raise_for_problems
from wuzhen_geo.data.validate import validate_geodata

__all__ = [
    "GeoData",
    "Problem",
    "default_data_dir",
    "feature_collection_text",
    "load_geodata",
    "raise_for_problems",
    "read_feature_file",
    "read_yaml",
    "safe_yaml",
    "validate_geodata",
    "write_bytes_atomic",
    "write_text_atomic",
    "yaml_problem",
]
