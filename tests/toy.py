"""Tiny in-memory GeoData for engine tests, with lengths fixed by ``length_km`` so answers are hand-checkable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

from wuzhen_geo.data.io import GeoData

__all__ = ["toy_data", "place", "road", "rail", "walk"]

SRC = "test toy"


def place(pid: str, lon: float, lat: float, kind: str = "junction", **extra: Any) -> dict[str, Any]:
    return {"id": pid, "name_zh": pid, "name_en": pid.upper(), "status": "open", "open_year": None,
            "source": SRC, "accuracy": "schematic", "kind": kind, "geometry": Point(lon, lat), **extra}


def _link(lid: str, mode: str, cls: str, nodes: list[str], pos: dict[str, tuple[float, float]],
          **extra: Any) -> dict[str, Any]:
    row = {"id": lid, "name_zh": lid, "name_en": lid.upper(), "status": "open", "open_year": None,
           "source": SRC, "accuracy": "schematic", "mode": mode, "class": cls, "nodes": list(nodes),
           "speed_kmh": None, "length_km": None, "geometry": LineString([pos[n] for n in nodes])}
    row.update(extra)
    return row


def road(lid, nodes, pos, cls="arterial", **extra):
    return _link(lid, "road", cls, nodes, pos, **extra)


def rail(lid, nodes, pos, cls="hsr", headway=20, **extra):
    return _link(lid, "rail", cls, nodes, pos, headway_min=headway, **extra)


def walk(lid, nodes, pos, minutes=5, **extra):
    return _link(lid, "walk", "transfer", nodes, pos, minutes=minutes, **extra)


def _frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    if not rows:
        return gpd.GeoDataFrame({"id": []}, geometry=[], crs="EPSG:4326")
    df = pd.DataFrame(rows)
    frame = gpd.GeoDataFrame(df.drop(columns="geometry"), geometry=list(df["geometry"]), crs="EPSG:4326")
    frame["_file"] = "toy.geojson"
    return frame.set_index("id", drop=False).rename_axis(None)


def toy_data(places: list[dict], links: list[dict], projects: list[dict] | None = None,
             zones: list[dict] | None = None) -> GeoData:
    """A GeoData built in memory (not validated: tests build only what they need)."""
    return GeoData(
        root=Path("/nonexistent-toy"),
        places=_frame(places),
        links=_frame(links),
        zones=_frame(zones or []),
        boundaries=_frame([]),
        context=_frame([]),
        projects=list(projects or []),
        targets=[],
    )
