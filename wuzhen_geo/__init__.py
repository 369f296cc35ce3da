"""wuzhen_geo: regional map and transport planner for Wuzhen and Tongxiang.

Load the shipped data with :func:`load_geodata`; check a folder with :func:`validate_geodata`. The engine
(``network``, ``routing``, ``scenarios``, ``analysis``, ``isochrones``) and map builders (``maps``) are
imported from their modules so that importing the package stays light.
"""

from wuzhen_geo._version import __version__
from wuzhen_geo.errors import (
    CoordinateError,
    DataError,
    DataValidationError,
    ScenarioError,
    UnknownPlaceError,
    UnreachableError,
    WuzhenGeoError,
)
from wuzhen_geo.data.io import GeoData, default_data_dir, load_geodata
from wuzhen_geo.data.validate import Problem, validate_geodata


__all__ = [
    "__version__",
    "GeoData",
    "Problem",
    "default_data_dir",
    "load_geodata",
    "validate_geodata",
    "WuzhenGeoError",
    "DataError",
    "DataValidationError",
    "ScenarioError",
    "UnknownPlaceError",
    "CoordinateError",
    "UnreachableError",
]
