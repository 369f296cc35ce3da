"""How the commands show a result: JSON conversion, text tables with a free-text column, the names and
titles in them, and ``--out`` files written atomically. Private to :mod:`wuzhen_geo.cli`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wuzhen_geo.answers import place_label, place_name
from wuzhen_geo.data import GeoData, write_bytes_atomic, write_text_atomic
from wuzhen_geo.errors import DataError, WuzhenGeoError

__all__ = ["emit", "header_name", "jsonable", "origin_heading", "records", "scenario_title", "table_text",
           "with_notes", "write_out"]


def jsonable(value: Any) -> Any:
    """Plain JSON types: dataclasses and named tuples become objects, non-finite floats ``null``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: jsonable(v) for k, v in value._asdict().items()}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, np.generic):
        return jsonable(value.item())
    if hasattr(value, "__geo_interface__"):
        return value.__geo_interface__
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as JSON objects."""
    return [jsonable(dict(zip(frame.columns, row))) for row in frame.itertuples(index=False, name=None)]


def write_out(path: str | Path, content: str | bytes) -> Path:
    """Text (UTF-8) or bytes written atomically, with a one-line error naming ``--out`` and the file: a target
    that is not a regular file, a missing folder or a failed write ends the command with a non-zero exit, never
    silently, and never names the temporary file."""
    if not str(path).strip():
        raise WuzhenGeoError("--out is empty; give a file name, or leave --out away to print the result")
    try:
        if isinstance(content, bytes):
            return write_bytes_atomic(path, content)
        return write_text_atomic(path, content)
    except DataError as exc:
        raise WuzhenGeoError(f"--out {exc}") from None
    except OSError as exc:
        raise WuzhenGeoError(f"--out {path}: cannot write ({exc.strerror or exc}); nothing was written; "
                             "choose a writable folder with free space") from None


def emit(args: argparse.Namespace, text: str, payload: Any, table: pd.DataFrame | None = None) -> None:
    """Print or write a result: JSON with ``--json``, CSV to ``--out FILE.csv``, else the text table."""
    out = getattr(args, "out", None)
    as_json = getattr(args, "json", False)
    if out is not None:  # an empty --out is refused by write_out, not taken for "print"
        path = Path(out)
        # ``out`` as typed: Path() would drop a trailing slash, which says "a folder" (refused)
        if as_json or path.suffix.lower() in (".json", ".geojson"):
            write_out(out, json.dumps(jsonable(payload), ensure_ascii=False, indent=1) + "\n")
        elif table is not None:
            write_out(out, table.to_csv(index=False))
        else:
            write_out(out, text + "\n")
        print(f"wrote {path}")
        return
    if as_json:
        print(json.dumps(jsonable(payload), ensure_ascii=False, indent=1))
    else:
        print(text)


def table_text(frame: pd.DataFrame) -> str:
    """A table as aligned text (Chinese counted double wide), ``(none)`` when empty."""
    with pd.option_context("display.max_rows", 500, "display.max_columns", 30, "display.width", 200,
                           "display.max_colwidth", 80, "display.unicode.east_asian_width", True):
        return frame.to_string(index=False) if not frame.empty else "(none)"


def with_notes(shown: pd.DataFrame, notes: list[str], header: str) -> str:
    """A table with one free-text column appended left-aligned (pandas right-aligns and pads it)."""
    body = table_text(shown).splitlines()
    if shown.empty:
        return "\n".join(body)
    return "\n".join(f"{row}  {note}" for row, note in zip(body, [header, *notes]))


def origin_heading(data: GeoData, origin: Any, lang: str = "en") -> str:
    """How a command names an origin in its heading: a place's bilingual label, or a point's coordinate."""
    if isinstance(origin, str):
        return place_label(data, origin)
    return f"{'坐标点' if lang == 'zh' else 'point'} {origin.lat:.6f}, {origin.lon:.6f} (WGS-84)"


def header_name(data: GeoData, key: str, lang: str = "en") -> str:
    """An airport's code, else the name in ``lang`` (the language of the table's headers), for narrow table
    headers; points keep their key."""
    if key in data.places.index and "iata" in data.places.columns:
        code = data.places.at[key, "iata"]
        if isinstance(code, str) and code:
            return code
    return place_name(data, key, lang)


def scenario_title(scenario: Any, net: Any, lang: str = "en") -> str:
    """``name (title, year)``, the title in ``lang``, without repeating what the name or title already says."""
    year = scenario.year if scenario.year is not None else getattr(net.config, "year", "")
    title = (scenario.title_zh if lang == "zh" else scenario.title_en) or scenario.name
    if title == scenario.name:
        return f"{scenario.name} ({year})"
    return f"{scenario.name} ({title})" if str(year) in title else f"{scenario.name} ({title}, {year})"
