"""What the shared fixtures in ``conftest.py`` are made of: the folders, and a fingerprint of their contents.

Test modules that need a folder at import time (a ``parametrize`` list read from a file, a command line, the
app's path) import the paths from here; tests take the fixtures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import shapely

from wuzhen_geo.model.network import Network

__all__ = ["REPO_ROOT", "MINI_DIR", "SHIPPED_DIR", "SharedObjects", "fingerprint"]

REPO_ROOT = Path(__file__).resolve().parent.parent
MINI_DIR = REPO_ROOT / "tests" / "fixtures" / "mini"
SHIPPED_DIR = REPO_ROOT / "geodata"

# What a network may change about itself while it is shared: its caches and the locks that guard them.
_NETWORK_CACHES = {"_cache", "_key_locks", "_lock", "_tree"}
_PLAIN = {str, int, bool, bytes, type(None)}


def _canon(obj: Any) -> Any:
    """A plain, ordered form of ``obj`` (nested tuples of plain values): equal contents give equal forms."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if kind is float:
        return "nan" if math.isnan(obj) else obj
    if isinstance(obj, np.generic):
        return _canon(obj.item())
    if isinstance(obj, np.ndarray):
        return ("ndarray", str(obj.dtype), obj.shape, obj.tobytes())
    if isinstance(obj, shapely.Geometry):
        return ("geometry", shapely.to_wkb(obj, hex=True))
    if isinstance(obj, pd.DataFrame):
        return ("frame", tuple(map(str, obj.columns)), tuple(map(_canon, obj.index)), tuple(map(str, obj.dtypes)),
                tuple(tuple(map(_canon, obj[c])) for c in obj.columns),
                str(getattr(obj, "crs", None)) if "geometry" in obj.columns else None)
    if isinstance(obj, pd.Series):
        return ("series", tuple(map(_canon, obj.index)), tuple(map(_canon, obj)))
    if isinstance(obj, nx.Graph):
        return ("graph", kind.__name__, _canon(obj.graph),
                _sorted((repr(n), _canon(d)) for n, d in obj.nodes(data=True)),
                _sorted(((repr(u), repr(v)), _canon(d)) for u, v, d in obj.edges(data=True)))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (kind.__name__, tuple((f.name, _field(obj, f.name)) for f in dataclasses.fields(obj)
                                     if f.name not in _NETWORK_CACHES))
    if isinstance(obj, Mapping):
        return ("mapping", _sorted((repr(k), _canon(v)) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", tuple(sorted(repr(_canon(v)) for v in obj)))
    if isinstance(obj, (list, tuple)):
        return (kind.__name__, tuple(map(_canon, obj)))
    if isinstance(obj, Path):
        return ("path", str(obj))
    return (kind.__name__, repr(obj))


def _sorted(pairs: Any) -> tuple:
    """Key-value pairs in the order of their keys (keys are already plain and unique)."""
    return tuple(sorted(pairs, key=lambda kv: kv[0]))


def _field(obj: Any, name: str) -> Any:
    value = getattr(obj, name)
    if name == "data" and isinstance(obj, Network):  # the data are shared (and fingerprinted) on their own
        return ("data from", str(value.root))
    return _canon(value)


def fingerprint(obj: Any) -> str:
    """SHA-256 of the contents of a GeoData, a Network (without its caches, and naming its data only by their
    folder) or any plain value.

    Two objects with the same contents have the same fingerprint; changing a value anywhere inside (a place's
    name, an edge's minutes, a scenario field) changes it.
    """
    return hashlib.sha256(repr(_canon(obj)).encode("utf-8")).hexdigest()


class SharedObjects:
    """Objects shared between tests, each with the fingerprint it had when it was shared."""

    def __init__(self) -> None:
        self._prints: dict[str, tuple[Any, str]] = {}

    def share(self, name: str, obj: Any) -> Any:
        self._prints[name] = (obj, fingerprint(obj))
        return obj

    def changed(self, names: Iterable[str] | None = None) -> list[str]:
        """Names of the shared objects (of ``names``, when given) whose contents differ from when they were
        shared."""
        wanted = None if names is None else set(names)
        return [name for name, (obj, print_) in self._prints.items()
                if (wanted is None or name in wanted) and fingerprint(obj) != print_]

    def accept(self, names: Iterable[str]) -> None:
        """Take the present contents of these objects as their fingerprints (a change is reported once)."""
        for name in names:
            self.share(name, self._prints[name][0])
