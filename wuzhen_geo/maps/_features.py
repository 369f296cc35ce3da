"""GeoJSON features for the maps, and the escaped HTML of their tooltips and popups.

Every string that reaches the page goes through :func:`esc` (HTML) or :func:`script_json` (inside
``<script>``). Private to :mod:`wuzhen_geo.maps`.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping

from wuzhen_geo.answers.plan_years import year_text
from wuzhen_geo.i18n import bilingual, label, t

#: What could end a ``<script>`` element or open markup in it: only ``</`` (``</script``) and ``<!`` (``<!--``);
#: plus the line separators older engines reject in string literals. Escaping every ``<``, ``>``, ``&`` and
#: ``'`` (as ``tojson`` does) is safe too but made a quarter of the overview's script escapes (popups are HTML).
_SCRIPT_UNSAFE = {"</": "<\\/", "<!": "\\u003c!", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON (and a JavaScript literal) that cannot end a ``<script>`` element or open markup in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for unsafe, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(unsafe, escaped)
    return text


def esc(text: Any) -> str:
    """HTML-escaped text; ``None`` and NaN are empty."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    return html.escape(str(text), quote=True)


def value(row: Mapping[str, Any], key: str) -> Any:
    """``row[key]``, with a missing value or NaN as ``None``."""
    found = row.get(key)
    if isinstance(found, float) and math.isnan(found):
        return None
    return found


#: An address inside a source's text: brackets and punctuation around it stay text, a bracketed part inside it
#: ("wiki/S20_(Shanghai)") and a comma followed by more of it ("?ids=1,2") belong to it, a final full stop not.
_URL = re.compile(r"(https?://(?:[^\s;,()<>\"']|,(?=[^\s,;])|\([^\s()<>]*\))+(?<!\.))")  # a full stop ends it


def _source_html(source: Any) -> str:
    """A source as escaped HTML, one part (``" ; "``-separated) a line, every web address in it a link."""
    out = []
    for part in (p.strip() for p in str(source or "").split(" ; ")):
        if part:
            out.append("".join(  # split() puts the addresses at the odd places
                f'<a href="{esc(piece)}" target="_blank" rel="noopener noreferrer">{esc(piece)}</a>'
                if i % 2 else esc(piece) for i, piece in enumerate(_URL.split(part))))
    return "<br>".join(out)


def _year_text(row: Mapping[str, Any], lang: str) -> str:
    """The year, and for a feature not yet open what it rests on: ``2030 (inferred)``."""
    basis = value(row, "year_basis") if value(row, "status") != "open" else None
    return year_text(value(row, "open_year"), basis, lang)


def popup_html(row: Mapping[str, Any], lang: str, kind_text: str, extra: Iterable[tuple[str, str]] = (), *,
               transport: bool = True) -> str:
    """Escaped popup HTML: names, kind, status and year (``transport`` features only: a boundary or a lake is
    not "open"), accuracy, extras, source, note (in Chinese where the data translate it), id."""
    rows = [
        (t("f_kind", lang), esc(kind_text)),
        *([(t("f_status", lang), esc(label("status", value(row, "status"), lang))),
           (t("f_year", lang), esc(_year_text(row, lang)))] if transport else []),
        (t("f_accuracy", lang), esc(label("accuracy", value(row, "accuracy"), lang))),
        *[(k, esc(v)) for k, v in extra],
        (t("f_source", lang), _source_html(value(row, "source"))),
    ]
    if lang == "zh" and value(row, "note_zh"):  # the data's translation; the English note is the original
        rows.append((t("f_note_zh", lang), esc(row.get("note_zh"))))
    elif value(row, "note"):
        rows.append((t("f_note", lang), esc(row.get("note"))))
    body = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{v}</td></tr>" for k, v in rows if v)
    title = f"<b>{esc(value(row, 'name_zh'))}</b><br>{esc(value(row, 'name_en'))}"
    return f'<div class="wz-popup">{title}<table>{body}</table><span class="wz-id">{esc(value(row, "id"))}</span></div>'


def tip_html(row: Mapping[str, Any], lang: str, kind_text: str, *, transport: bool = True) -> str:
    """Escaped tooltip HTML: name, kind, status (``transport`` features only), and whether the geometry is
    schematic."""
    status = label("status", value(row, "status"), lang) if transport else ""
    bits = [f"<b>{esc(bilingual(row, lang))}</b>", esc(kind_text), esc(status)]
    if value(row, "accuracy") == "schematic":
        bits.append(f"<i>{esc(label('accuracy', 'schematic', lang))}</i>")
    return " · ".join(b for b in bits if b)


def geometry_json(geometry: Any, digits: int = 5) -> dict | None:
    """GeoJSON geometry with coordinates rounded (5 decimals ≈ 1 m) to keep pages small."""
    if geometry is None or geometry.is_empty:
        return None

    def rnd(c: Any) -> Any:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(v), digits) for v in c[:2]]
        return [rnd(v) for v in c]

    g = mapping(geometry)
    if g["type"] == "GeometryCollection":
        return {"type": g["type"], "geometries": [geometry_json(part, digits) for part in geometry.geoms]}
    return {"type": g["type"], "coordinates": rnd(g["coordinates"])}


def feature(geometry: Any, **props: Any) -> dict | None:
    """A GeoJSON feature with these properties, or ``None`` for an empty geometry."""
    g = geometry_json(geometry)
    return None if g is None else {"type": "Feature", "geometry": g, "properties": props}


def frame_rows(frame: gpd.GeoDataFrame | None) -> Iterable[tuple[dict, Any]]:
    """``(properties, geometry)`` of every row of a frame (none for ``None`` or an empty frame)."""
    if frame is None or len(frame) == 0:
        return []
    cols = [c for c in frame.columns if c != frame.geometry.name]
    return ((dict(zip(cols, vals)), geom) for *vals, geom in frame[cols + [frame.geometry.name]].itertuples(index=False))
