"""The map's script: safe inside ``<script>`` and cheap for the browser to run (the first paint waits for it)."""

import json

from wuzhen_geo import maps
from wuzhen_geo.maps._elements import VectorLayer, packed_popups
from wuzhen_geo.maps._features import script_json


def test_script_json_cannot_close_the_script_or_open_markup_and_reads_back():
    data = {"popup": "<b>x</b></script><script>alert(1)</SCRIPT><!-- a -->", "n": "\u2028\u2029 & ' \" \\</"}
    text = script_json(data)
    assert "</" not in text and "<!" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == data  # JSON still, and the same literal in JavaScript


def test_popup_markup_is_not_escaped_wholesale(mini_data):
    # every < and > as a six-character escape had made a quarter of the overview's script
    page = maps.overview_map(mini_data, lang="en").get_root().render()
    assert '<div class=\\"wz-popup\\"><b>' in page and "<\\/b><\\/td><td>" in page


def test_popups_travel_as_shared_pieces_and_read_back_whole(mini_data):
    m = maps.overview_map(mini_data, lang="en")
    layers = [c for c in m._children.values() if isinstance(c, VectorLayer)]
    popups = [f["properties"]["popup"] for layer in layers for f in layer.data["features"]
              if "popup" in f["properties"]]
    assert popups
    pieces_total = numbers_total = 0
    for layer in layers:
        pieces, packed = packed_popups(layer.data["features"])
        for original, f in zip(layer.data["features"], packed):
            if "popup" in original["properties"]:
                assert "".join(pieces[i] for i in f["properties"]["popup"]) == original["properties"]["popup"]
                numbers_total += len(f["properties"]["popup"])
        pieces_total += len(pieces)
    assert pieces_total < numbers_total  # labels, markup and sources are kept once per layer
    page = m.get_root().render()
    assert '"popup":[' in page and '"popup":"' not in page


def test_the_view_is_fitted_before_the_layers_are_drawn(mini_data):
    # fitting after them made Leaflet project every feature twice: a fifth of the overview's script time
    script = maps.overview_map(mini_data, lang="en").get_root().render()
    fit, first_layer = script.index("map.fitBounds(bounds"), script.index("L.geoJSON(")
    assert fit < first_layer
