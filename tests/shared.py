"""What the shared fixtures in ``conftest.py`` are made of: the folders, and a fingerprint of their contents.

Test modules that need a folder while pytest collects them (``skipif``, ``parametrize``) import the paths from
here; everything else takes the fixtures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import shapely

__all__ = ["REPO_ROOT", "MINI_DIR", "SHIPPED_DIR", "SharedObjects", "fingerprint"]

REPO_ROOT = Path(__file__).resolve().parent.parent
MINI_DIR = REPO_ROOT / "tests" / "fixtures" / "mini"
SHIPPED_DIR = REPO_ROOT / "geodata"

# What a network may change about itself while it is shared: its caches and the locks that guard them.
_NETWORK_CACHES = {"_cache", "_key_locks", "_lock", "_tree"}


def _canon(obj: Any) -> Any:
    """A plain, ordered, comparable form of ``obj``: equal contents give equal forms."""
    if obj is None or isinstance(obj, (bool, int, str, bytes)):
        return obj
    if isinstance(obj, float):
        return "nan" if math.isnan(obj) else obj
    if isinstance(obj, np.generic):
        return _canon(obj.item())
    if isinstance(obj, np.ndarray):
        return ("ndarray", str(obj.dtype), obj.shape, obj.tobytes())
    if isinstance(obj, shapely.Geometry):
        return ("geometry", shapely.to_wkb(obj, hex=True))
    if isinstance(obj, pd.DataFrame):
        return ("frame", [str(c) for c in obj.columns], [_canon(i) for i in obj.index],
                [str(t) for t in obj.dtypes], [[_canon(v) for v in obj[c]] for c in obj.columns],
                str(getattr(obj, "crs", None)) if "geometry" in obj.columns else None)
    if isinstance(obj, pd.Series):
        return ("series", [_canon(i) for i in obj.index], [_canon(v) for v in obj])
    if isinstance(obj, nx.Graph):
        return ("graph", type(obj).__name__, _canon(obj.graph),
                sorted((repr(_canon(n)), repr(_canon(d))) for n, d in obj.nodes(data=True)),
                sorted((repr(_canon(u)), repr(_canon(v)), repr(_canon(d))) for u, v, d in obj.edges(data=True)))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return (type(obj).__name__, [(f.name, _canon(getattr(obj, f.name))) for f in dataclasses.fields(obj)
                                     if f.name not in _NETWORK_CACHES])
    if isinstance(obj, Mapping):
        return ("mapping", sorted((repr(_canon(k)), repr(_canon(v))) for k, v in obj.items()))
    if isinstance(obj, (set, frozenset)):
        return ("set", sorted(repr(_canon(v)) for v in obj))
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [_canon(v) for v in obj])
    if isinstance(obj, Path):
        return ("path", str(obj))
    return (type(obj).__name__, repr(obj))


def fingerprint(obj: Any) -> str:
    """SHA-256 of the contents of a GeoData, a Network (without its caches) or any plain value.

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

    def changed(self) -> list[str]:
        """Names of the shared objects whose contents differ from when they were shared."""
        return [name for name, (obj, print_) in self._prints.items() if fingerprint(obj) != print_]
