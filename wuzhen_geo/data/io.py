"""The only module that reads and writes files.

``load_geodata`` reads a geodata folder (the shipped one by default) once, at the boundary, into a
:class:`GeoData` of GeoDataFrames. It checks only what it needs to read the files; the schema itself is
checked by :mod:`wuzhen_geo.data.validate`.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import yaml
from shapely.geometry import shape

from wuzhen_geo.data.atomic import write_bytes_atomic
from wuzhen_geo.data.problems import raise_for_problems
from wuzhen_geo.data.validate import validate_geodata
from wuzhen_geo.errors import DataError
from wuzhen_geo.vocabulary import (
    CRS,
    MAX_DATA_YAML_BYTES,
    MAX_QUOTED_CHARS,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    quoted,
)

__all__ = [
    "GeoData",
    "default_data_dir",
    "load_geodata",
    "read_feature_file",
    "read_yaml",
    "safe_yaml",
    "yaml_problem",
    "write_text_atomic",
    "feature_collection_text",
]

log = logging.getLogger(__name__)

#: Fields every feature must have (``open_year`` may be null but not left out); a feature that leaves one out
#: lists it in the ``_absent`` column, for validation.
REQUIRED_FIELDS = ("id", "status", "open_year")



def default_data_dir() -> Path:
    """The shipped ``geodata/`` folder (next to the package in a checkout or editable install)."""
    env = os.environ.get("WUZHEN_GEO_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "geodata"


@dataclass(frozen=True)
class GeoData:
    """Everything in a geodata folder. Treat as read-only: it is shared between callers."""

    root: Path
    places: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    zones: gpd.GeoDataFrame
    boundaries: gpd.GeoDataFrame
    context: gpd.GeoDataFrame
    projects: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    #: ``scenarios/plan-full.yaml`` as read (None if absent or unreadable), for the full-plan check
    full_plan: Any = None
    #: Optional: county-level units with population and GDP (``units.geojson``) and the published totals they
    #: are checked against (``unit_totals.yaml``); ``None`` / empty when the folder has none.
    units: gpd.GeoDataFrame | None = None
    unit_totals: list[dict[str, Any]] = field(default_factory=list)

    def place(self, place_id: str) -> pd.Series:
        return self.places.loc[place_id]

    def link(self, link_id: str) -> pd.Series:
        return self.links.loc[link_id]


def _read_features(path: Path) -> tuple[list[dict[str, Any]], list[Any]]:
    """Rows (properties + ``_file``) and shapely geometries of one GeoJSON FeatureCollection."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: not valid UTF-8 JSON ({exc}); fix the syntax") from None
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise DataError(f"{path}: expected a GeoJSON FeatureCollection at the top level")
    crs = doc.get("crs") or {}
    crs_props = (crs.get("properties") or {}) if isinstance(crs, dict) else {"name": crs}
    crs_name = crs_props.get("name") if isinstance(crs_props, dict) else crs_props
    if crs_name and not any(tag in str(crs_name) for tag in ("4326", "CRS84")):
        raise DataError(f"{path}: crs is {quoted(crs_name)}; geodata must be WGS-84 (EPSG:4326) - reproject the file")
    features = doc.get("features") or []
    if not isinstance(features, list):
        raise DataError(f"{path.name}: features is not a list; write \"features\": [{{...}}, ...]")
    rows, geoms = [], []
    for i, feat in enumerate(features):
        if not isinstance(feat, dict):
            raise DataError(f"{path.name}: feature #{i} is not a GeoJSON Feature object")
        props = feat.get("properties") or {}
        if not isinstance(props, dict):
            raise DataError(f"{path.name}: feature #{i}: properties is not an object; write key: value pairs")
        props = dict(props)
        if isinstance(props.get("id"), (list, dict)):  # unusable as an index: validation reports it as text
            props["id"] = json.dumps(props["id"], ensure_ascii=False)[:MAX_QUOTED_CHARS]
        # A field left out reads as NaN like a null one; remember which required ones were left out.
        absent = [name for name in REQUIRED_FIELDS if name not in props]
        if absent:
            props["_absent"] = absent
        label = quoted(props.get("id", f"feature #{i}"))
        try:
            geom = shape(feat["geometry"]) if feat.get("geometry") else None
        except Exception as exc:  # shapely raises several types for bad GeoJSON
            raise DataError(f"{path.name}: {label}: geometry cannot be read ({quoted(str(exc))}); "
                            "fix its coordinates") from None
        props["_file"] = path.name
        rows.append(props)
        geoms.append(geom)
    return rows, geoms


def _frame(rows: list[dict[str, Any]], geoms: list[Any]) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs=CRS)
    if "_file" not in frame.columns:
        frame["_file"] = pd.Series(dtype=object)
    return frame


def read_feature_file(path: str | Path) -> gpd.GeoDataFrame:
    """Read one GeoJSON FeatureCollection with the ``json`` module (lists in properties stay lists).

    Adds ``_file`` (the file name) to each row so that problems can name it. Raises ``DataError`` naming the
    file and the feature when the file is not a readable FeatureCollection. A property that some features lack
    is NaN/None in those rows.
    """
    return _frame(*_read_features(Path(path)))


#: The fastest safe loader available (libyaml's, else PyYAML's own); both build only plain types.
_SAFE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_yaml_events(text: str, max_nodes: int) -> None:
    """Refuse, before anything is built, what would make loading slow or deep: an alias (``*name``; a few
    hundred bytes of aliases expand to gigabytes, the "billion laughs"; no file of this project needs one),
    nesting deeper than :data:`MAX_YAML_DEPTH` (``RecursionError``) and more than ``max_nodes`` values.
    Raises ``yaml.MarkedYAMLError`` with the line and column, so callers handle it like a syntax error."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"alias *{event.anchor} is not allowed; write the value out in full", event.start_mark)
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > max_nodes:
                raise yaml.composer.ComposerError(
                    None, None, f"more than {max_nodes:,} values; shorten the document", event.start_mark)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"nested too deep (more than {MAX_YAML_DEPTH} levels); flatten the document",
                    event.start_mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def safe_yaml(text: str, *, max_nodes: int = MAX_YAML_NODES) -> Any:
    """Safe-load YAML text: no aliases, nesting at most :data:`MAX_YAML_DEPTH`, at most ``max_nodes`` values
    (:data:`MAX_YAML_NODES` by default), checked on the parser's events before anything is built.

    Raises ``yaml.YAMLError``; :func:`yaml_problem` turns it into one line.
    """
    _check_yaml_events(text, max_nodes)
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def yaml_problem(exc: yaml.YAMLError) -> str:
    """A YAML error as one line: ``line 3, column 5: <problem>`` (PyYAML's own text spans several lines)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    text = " ".join(str(problem).split())
    return f"line {mark.line + 1}, column {mark.column + 1}: {text}" if mark is not None else text


def read_yaml(path: Path, *, max_bytes: int = MAX_DATA_YAML_BYTES, max_nodes: int = MAX_YAML_NODES) -> Any:
    """Safe-load a YAML file (:func:`safe_yaml`: no aliases, bounded depth and size).

    A missing or unreadable file, one larger than ``max_bytes``, text that is not UTF-8 and a syntax error
    each raise a one-line ``DataError`` naming the file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DataError(f"{path}: {size:,} bytes, more than the {max_bytes:,} bytes allowed; "
                            "split or shorten the file")
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    except OSError as exc:
        raise DataError(f"{path}: cannot be read ({exc.strerror or exc}); give a readable file") from None
    try:
        return safe_yaml(text, max_nodes=max_nodes)
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({yaml_problem(exc)}); fix the syntax") from None


def _read_folder(folder: Path) -> gpd.GeoDataFrame:
    files = sorted(folder.glob("*.geojson"))
    if not files:
        raise DataError(f"{folder}: no .geojson files found; the folder must hold at least one")
    rows: list[dict[str, Any]] = []
    geoms: list[Any] = []
    for f in files:  # one frame from all rows: concatenating frames with differing columns is lossy
        r, g = _read_features(f)
        rows += r
        geoms += g
    return _frame(rows, geoms)


def _indexed(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    if "id" not in frame.columns:
        frame = frame.assign(id=pd.Series(dtype=object))
    return frame.set_index("id", drop=False).rename_axis(None)


def _yaml_list(path: Path) -> list[Any]:
    """A YAML file holding a list (or nothing); anything else is a ``DataError`` naming the file."""
    doc = read_yaml(path, max_nodes=MAX_DATA_YAML_BYTES // 10)  # the plan files are read once, at start
    if doc is None:
        return []
    if not isinstance(doc, list):
        raise DataError(f"{path}: the top level is a {type(doc).__name__}, not a list; "
                        "write one '- id: ...' entry per item")
    return doc


def _optional_yaml(path: Path) -> Any:
    """A YAML file's content, or None when it is absent or cannot be read (its own check reports why)."""
    try:
        return read_yaml(path) if path.is_file() else None
    except DataError:
        return None


def load_geodata(root: str | Path | None = None, *, validate: bool = True) -> GeoData:
    """Load a geodata folder into a :class:`GeoData`.

    Parameters
    ----------
    root
        Folder with the layout described in ``geodata/README.md``; the shipped data when omitted.
    validate
        Run :func:`wuzhen_geo.data.validate.validate_geodata` and raise ``DataValidationError`` on any error.
    """
    root = Path(root) if root is not None else default_data_dir()
    if not root.is_dir():
        raise DataError(f"{root}: not a folder; pass a geodata folder with places/ and links/")
    data = GeoData(
        root=root,
        places=_indexed(_read_folder(root / "places")),
        links=_indexed(_read_folder(root / "links")),
        zones=_indexed(read_feature_file(root / "zones.geojson")),
        boundaries=_indexed(read_feature_file(root / "boundaries.geojson")),
        context=_indexed(read_feature_file(root / "context.geojson")),
        projects=_yaml_list(root / "projects.yaml"),
        targets=_yaml_list(root / "targets.yaml"),
        full_plan=_optional_yaml(root / "scenarios" / "plan-full.yaml"),
        units=_indexed(read_feature_file(root / "units.geojson")) if (root / "units.geojson").is_file() else None,
        unit_totals=_yaml_list(root / "unit_totals.yaml") if (root / "unit_totals.yaml").is_file() else [],
    )
    if validate:
        raise_for_problems(validate_geodata(data))
    log.debug("loaded %d places, %d links from %s", len(data.places), len(data.links), root)
    return data


def write_text_atomic(path: str | Path, text: str, *, follow_symlinks: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, by :func:`~wuzhen_geo.data.atomic.write_bytes_atomic`
    (its rules, refusals and errors)."""
    return write_bytes_atomic(path, text.encode("utf-8"), follow_symlinks=follow_symlinks)


def _round_coordinates(obj: Any, digits: int) -> Any:
    if isinstance(obj, float):
        return round(obj, digits)
    if isinstance(obj, (list, tuple)):
        return [_round_coordinates(o, digits) for o in obj]
    if isinstance(obj, dict):
        return {k: _round_coordinates(v, digits) for k, v in obj.items()}
    return obj


def feature_collection_text(features: list[dict[str, Any]], *, digits: int = 6) -> str:
    """GeoJSON text in the dataset's style: one feature per line (readable diffs), numbers rounded to
    ``digits`` decimals (6 = about 0.1 m)."""
    lines = [json.dumps(_round_coordinates(f, digits), ensure_ascii=False, separators=(",", ":")) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
