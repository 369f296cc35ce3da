"""Maps: folium builders for the overview, routes, contours and differences; style, offline assets, PNG export.

Owns how things look on a map. A builder returns a ``folium.Map`` (or adds to ``m=``) and never calls
Streamlit. May import the answers, the model, the data layer and the top-level vocabulary, errors and i18n.

``overview`` builds the regional map and exports it, ``layers`` adds results to a map (route, isochrones,
differences, a point, the drawing control), ``labels`` names features on it, ``style`` holds how things
look, ``assets`` points maps at the shipped Leaflet, ``png`` snapshots an exported page (PNG, PDF, SVG), ``slide``
makes slide-ready exports and the timeline GIF, ``marks`` draws icons in SVG and ``view`` fits a view to a box. The private ``_elements`` (Leaflet elements), ``_features`` (GeoJSON features and escaped
HTML), ``_data_features`` (the data's features) and ``_slide_elements`` (a slide's frame, label placer and SVG
writer) and ``_open_sea`` (the sea past the data's edge) serve them.
"""

from wuzhen_geo.maps._elements import VectorLayer, keep_layer_control_last
from wuzhen_geo.maps.access import (
    everywhere_layer,
    gdp_amount,
    gdp_text,
    people_text,
    reach_basis_text,
    people_within_text,
    reach_layer,
    units_difference_layer,
    units_layer,
)
from wuzhen_geo.maps.labels import label_text, short_name
from wuzhen_geo.maps.layers import (
    clear_sketches,
    dynamic_group,
    difference_layer,
    difference_legend,
    difference_surface_layer,
    difference_surface_legend,
    draw_control,
    highlight_links,
    isochrone_layer,
    point_marker,
    route_layer,
)
from wuzhen_geo.maps.overview import base_map, export_html, network_layers, overview_map, study_area_bounds
from wuzhen_geo.maps.assets import static_dir
from wuzhen_geo.maps.marks import BUTTON_ICONS, mark_data_uri, mark_svg, met_html, met_text
from wuzhen_geo.maps.png import find_chromium, html_to_pdf, html_to_png, html_to_svg
from wuzhen_geo.maps.slide import (PAPER_MM, SLIDE_SIZES, SlideSpec, compared_networks_text, key_place_ids,
                                   network_name, network_title, open_sea_features,
                                   render_slide,
                                   slide_map, slide_page, smaller_gif, timeline_frames,
                                   timeline_gif)
from wuzhen_geo.maps.style import (
    CLASS_COLORS,
    DEFAULT_LOCATION,
    LABEL_KINDS,
    LABEL_PRIORITY,
    SCHEMATIC_OVERLAY,
    STATUS_DASH,
    STATUS_OPACITY,
    ZONE_LABEL_MIN_ZOOM,
    link_style,
)
from wuzhen_geo.maps.view import MapView, view_for_bounds, view_for_trip

__all__ = [
    "everywhere_layer",
    "gdp_amount",
    "gdp_text",
    "people_text",
    "reach_basis_text",
    "people_within_text",
    "reach_layer",
    "units_difference_layer",
    "units_layer",
    "CLASS_COLORS",
    "STATUS_DASH",
    "STATUS_OPACITY",
    "SCHEMATIC_OVERLAY",
    "DEFAULT_LOCATION",
    "LABEL_KINDS",
    "LABEL_PRIORITY",
    "ZONE_LABEL_MIN_ZOOM",
    "VectorLayer",
    "label_text",
    "short_name",
    "study_area_bounds",
    "link_style",
    "base_map",
    "overview_map",
    "network_layers",
    "export_html",
    "keep_layer_control_last",
    "draw_control",
    "clear_sketches",
    "dynamic_group",
    "point_marker",
    "route_layer",
    "isochrone_layer",
    "difference_layer",
    "difference_legend",
    "difference_surface_layer",
    "difference_surface_legend",
    "highlight_links",
    "static_dir",
    "find_chromium",
    "html_to_png",
    "html_to_pdf",
    "html_to_svg",
    "mark_data_uri",
    "mark_svg",
    "met_html",
    "met_text",
    "BUTTON_ICONS",
    "PAPER_MM",
    "SLIDE_SIZES",
    "SlideSpec",
    "key_place_ids",
    "compared_networks_text",
    "network_name",
    "network_title",
    "open_sea_features",
    "render_slide",
    "slide_map",
    "slide_page",
    "timeline_frames",
    "timeline_gif",
    "smaller_gif",
    "MapView",
    "view_for_bounds",
    "view_for_trip",
]
