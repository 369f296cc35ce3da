"""How the maps look: colours, weights and dash patterns by class and status, the styles of places, zones,
boundaries and background, label priorities, the basemap tiles, and the legend that explains them.

Plain values and two functions (:func:`link_style`, :func:`legend_html`); the Leaflet elements that carry
them onto the page are in :mod:`wuzhen_geo.maps._elements`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wuzhen_geo.i18n import label, t
from wuzhen_geo.maps._features import esc, value
from wuzhen_geo.maps.marks import mark_svg

__all__ = [
    "AIRPORT_ICON",
    "BOUNDARY_STYLE",
    "CLASS_COLORS",
    "CLASS_ORDER",
    "CLASS_WEIGHT",
    "CONTEXT_STYLE",
    "DEFAULT_LOCATION",
    "KEY_PLACE_IDS",
    "KEY_PLACE_KINDS",
    "LABEL_KINDS",
    "LABEL_PRIORITY",
    "OSM_TILES",
    "PLACE_LAYERS",
    "PLACE_STYLE",
    "SCHEMATIC_OVERLAY",
    "STATUS_DASH",
    "STATUS_OPACITY",
    "ZONE_COLORS",
    "ZONE_LABEL_MIN_ZOOM",
    "NETWORK_LEGEND_FOLD_BELOW_PX",
    "FIT_PADDING_PX",
    "legend_html",
    "link_style",
]

#: The network legend (about 250 x 420 px) starts folded on a map narrower than this: open, it would cover a
#: quarter of the map and the cities on its east side; a click on its title opens it.
NETWORK_LEGEND_FOLD_BELOW_PX = 1000
#: Margin (px) left around the study area when a map is fitted to it: a place on the edge keeps room for its
#: mark and its label.
FIT_PADDING_PX = 30
#: Centre of the default view (between Wuzhen and the airports), lat, lon.
DEFAULT_LOCATION = (30.75, 120.75)
#: The optional online basemap (hidden by default; the only thing on a map that needs the internet).
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

#: Line colour by link class (road classes warm/grey, rail classes saturated, walk black).
CLASS_COLORS: dict[str, str] = {
    "expressway": "#1b7837",
    "urban_expressway": "#5aae61",
    "highway": "#e08214",
    "arterial": "#8c6d31",
    "local": "#9e9e9e",
    "connector": "#bdbdbd",
    "hsr": "#c51b7d",
    "conventional": "#542788",
    "intercity": "#d6604d",
    "suburban": "#2166ac",
    "metro": "#4393c3",
    "transfer": "#222222",
    "airport_coach": "#01665e",
    "intercity_coach": "#35978f",
}
#: Line weight (pixels) by link class.
CLASS_WEIGHT: dict[str, float] = {
    "expressway": 4, "urban_expressway": 3.5, "highway": 3, "arterial": 2.5, "local": 1.8, "connector": 1.5,
    "hsr": 4, "conventional": 3, "intercity": 3.5, "suburban": 3, "metro": 3, "transfer": 2,
    "airport_coach": 2.5, "intercity_coach": 2.5,
}
#: Draw order of link classes, bottom to top.
CLASS_ORDER: list[str] = list(CLASS_WEIGHT)

#: SVG dash pattern by status; ``None`` is a solid line.
STATUS_DASH: dict[str, str | None] = {
    "open": None,
    "under_construction": "12 6",
    "planned": "6 6",
    "proposed": "2 6",
}
STATUS_OPACITY: dict[str, float] = {"open": 0.95, "under_construction": 0.9, "planned": 0.85, "proposed": 0.75}
#: Drawn over a schematic link: white dots that stay visible whatever the status dash.
SCHEMATIC_OVERLAY: dict[str, Any] = {"color": "#ffffff", "dashArray": "1 9", "lineCap": "round", "opacity": 1.0}

#: Zone colours, taken in turn.
ZONE_COLORS = ["#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#999999"]
#: Background features by kind.
CONTEXT_STYLE = {
    # the sea has no outline: its edge is the coast line (``coast``) plus the straight edges of the data's box,
    # which an outline would draw as a seam on the open sea
    "sea": {"stroke": False, "fillColor": "#c6dbef", "fillOpacity": 1.0},
    "lake": {"color": "#9ecae1", "weight": 0.5, "fillColor": "#c6dbef", "fillOpacity": 1.0},
    "coast": {"color": "#6baed6", "weight": 1.0, "fill": False},
    "river": {"color": "#9ecae1", "weight": 2.0, "fill": False},
    "canal": {"color": "#6baed6", "weight": 2.5, "fill": False},
}
#: Administrative boundaries by kind.
BOUNDARY_STYLE = {
    "city": {"color": "#444444", "weight": 2.5, "fillColor": "#fffdf3", "fillOpacity": 0.6},
    "town": {"color": "#b2182b", "weight": 2.0, "dashArray": "8 4", "fillColor": "#fff5eb", "fillOpacity": 0.5},
    "district": {"color": "#8c8c8c", "weight": 1.0, "fillColor": "#fafafa", "fillOpacity": 0.35},
    "county": {"color": "#8c8c8c", "weight": 1.0, "fillColor": "#fafafa", "fillOpacity": 0.35},  # as a district
}
#: Place kind -> (layer name key, shown by default).
PLACE_LAYERS = {
    "airport": ("layer_airports", True),
    "station": ("layer_stations", True),
    "interchange": ("layer_interchanges", True),
    "city_centre": ("layer_other_places", True),
    "poi": ("layer_other_places", True),
    "zone_access": ("layer_other_places", True),
    "junction": ("layer_other_places", True),
}
#: Circle marker of a place by kind (airports have :data:`AIRPORT_ICON` instead).
PLACE_STYLE = {
    "station": {"radius": 5, "color": "#333333", "weight": 2, "fillColor": "#ffffff", "fillOpacity": 1.0},
    "interchange": {"radius": 3.5, "color": "#1b7837", "weight": 1, "fillColor": "#a6dba0", "fillOpacity": 1.0},
    "city_centre": {"radius": 7, "color": "#333333", "weight": 2, "fillColor": "#fdd49e", "fillOpacity": 0.9},
    "poi": {"radius": 4, "color": "#6a51a3", "weight": 1, "fillColor": "#bcbddc", "fillOpacity": 1.0},
    "zone_access": {"radius": 3, "color": "#e08214", "weight": 1, "fillColor": "#fee0b6", "fillOpacity": 1.0},
    "junction": {"radius": 2, "color": "#737373", "weight": 1, "fillColor": "#d9d9d9", "fillOpacity": 1.0},
}
#: The airport marker: a plane drawn in SVG (no font needs the glyph) in a Leaflet ``divIcon``.
AIRPORT_ICON = {
    "html": f'<div class="wz-apt">{mark_svg("plane", size=22)}</div>',
    "className": "wz-divicon",
    "iconSize": [24, 24],
    "iconAnchor": [12, 12],
}

#: Place kinds labelled by default when labels are on (stations crowd a regional view).
LABEL_KINDS: tuple[str, ...] = ("airport", "city_centre")
#: Label priority (lower wins a place on the map) by label class: the key places first (a slide always names
#: them; see :data:`KEY_PLACE_KINDS`), then city names (they orient the audience; an airport keeps its icon
#: when its label gives way), zones after every named place. The slide export ranks a label by its best class.
LABEL_PRIORITY: dict[str, int] = {"wz-label-key": -1, "wz-label-city_centre": 0, "wz-label-airport": 1,
                                  "wz-label-zone": 2, "wz-label-station": 3, "wz-label-interchange": 4}
#: The places a slide always labels: every airport and city centre (Tongxiang, Shanghai, Hangzhou, Suzhou,
#: Jiaxing, Huzhou, ...) of the network shown, and the places listed in :data:`KEY_PLACE_IDS`.
KEY_PLACE_KINDS: tuple[str, ...] = ("airport", "city_centre")
#: Key places of another kind: Wuzhen, a town, is a point of interest in the shipped data, not a city centre.
KEY_PLACE_IDS: tuple[str, ...] = ("poi_wuzhen_centre",)
#: Zone labels appear from this zoom on: below it the six zones are a few pixels across.
ZONE_LABEL_MIN_ZOOM = 11


def link_style(row: Mapping[str, Any], *, faded: bool = False) -> dict[str, Any]:
    """Leaflet path style of a link: colour and weight by class, dash and opacity by status."""
    cls = value(row, "class")
    status = value(row, "status") or "open"
    style: dict[str, Any] = {
        "color": CLASS_COLORS.get(cls, "#555555"),
        "weight": CLASS_WEIGHT.get(cls, 2),
        "opacity": 0.25 if faded else STATUS_OPACITY.get(status, 0.8),
        "lineCap": "butt" if STATUS_DASH.get(status) else "round",
    }
    if STATUS_DASH.get(status):
        style["dashArray"] = STATUS_DASH[status]
    return style


def legend_html(lang: str, classes: Iterable[str], statuses: Iterable[str], *, collapsed: bool = False) -> str:
    """Legend HTML in a ``<details>`` element: a click on its title shows or hides it (``collapsed``: hidden
    at first, so that it covers nothing on a projected map until asked for)."""
    def line(style: Mapping[str, Any], overlay: bool = False) -> str:
        dash = f' stroke-dasharray="{style["dashArray"]}"' if style.get("dashArray") else ""
        svg = (f'<line x1="2" y1="6" x2="40" y2="6" stroke="{style["color"]}" stroke-width="{style["weight"]}"'
               f'{dash}/>')
        if overlay:
            svg += ('<line x1="2" y1="6" x2="40" y2="6" stroke="#fff" stroke-width="2" stroke-linecap="round" '
                    'stroke-dasharray="1 9"/>')
        return f'<svg width="42" height="12" style="vertical-align:middle">{svg}</svg>'

    parts = [f"<details{'' if collapsed else ' open'}><summary title=\"{esc(t('legend_hint', lang))}\">"
             f"<b style='display:inline'>{esc(t('legend_title', lang))}</b></summary>"]
    parts.append(f"<b>{esc(t('legend_status', lang))}</b>")
    for status in [s for s in STATUS_DASH if s in set(statuses)] or list(STATUS_DASH):
        style = {"color": "#333", "weight": 3, "dashArray": STATUS_DASH[status]}
        parts.append(f"{line(style)} {esc(label('status', status, lang))}<br>")
    parts.append(f"{line({'color': '#333', 'weight': 4}, overlay=True)} {esc(t('legend_schematic', lang))}<br>")
    parts.append(f"<b>{esc(t('legend_modes', lang))}</b>")
    present = set(classes)
    for cls in [c for c in CLASS_ORDER[::-1] if c in present]:
        style = {"color": CLASS_COLORS[cls], "weight": CLASS_WEIGHT[cls]}
        parts.append(f"{line(style)} {esc(label('class', cls, lang))}<br>")
    parts.append(f"<b>{esc(t('legend_places', lang))}</b>")
    parts.append(f"{mark_svg('plane', size=14)} {esc(label('kind', 'airport', lang))}<br>")
    for kind in ("station", "interchange", "city_centre"):
        s = PLACE_STYLE[kind]
        parts.append(f'<svg width="14" height="14" style="vertical-align:middle"><circle cx="7" cy="7" r="5" '
                     f'fill="{s["fillColor"]}" stroke="{s["color"]}" stroke-width="2"/></svg> '
                     f"{esc(label('kind', kind, lang))}<br>")
    parts.append("</details>")
    return "".join(parts)
