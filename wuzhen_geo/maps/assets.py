"""Browser assets for offline maps: Leaflet and Leaflet.draw shipped in ``wuzhen_geo/static/``.

folium loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; offline, a folium page is blank. The maps
of this package need only Leaflet (and Leaflet.draw for the planner), shipped as package data and referenced in
one of two ways:

``"url"``
    ``/app/static/...`` paths, served by Streamlit when ``server.enableStaticServing = true`` (the repository
    root has a ``static`` link to ``wuzhen_geo/static``). Small pages; right for the app.
``"inline"``
    ``data:`` URIs (CSS images inlined too); a self-contained page that works from a USB stick. Right for
    exported HTML.

The assets are set on each element *instance* (``default_js`` / ``default_css``), never on folium's classes,
which every map in the process shares. Reading the shipped files is the only I/O here.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import folium
from branca.element import MacroElement
from folium.template import Template

__all__ = [
    "AssetMode",
    "ASSET_MODES",
    "STATIC_URL",
    "static_dir",
    "asset_href",
    "localize_assets",
]

log = logging.getLogger(__name__)

AssetMode = Literal["url", "inline"]
ASSET_MODES: tuple[str, ...] = ("url", "inline")

#: Where Streamlit serves the app's ``static/`` folder.
STATIC_URL = "/app/static"

# folium's asset names → shipped files (paths relative to static/).
_LOCAL_JS = {
    "leaflet": "leaflet/leaflet.js",
    "leaflet_draw_js": "leaflet-draw/leaflet.draw.js",
}
_LOCAL_CSS = {
    "leaflet_css": "leaflet/leaflet.css",
    "leaflet_draw_css": "leaflet-draw/leaflet.draw.css",
}
# folium defaults the maps of this package do not use (no Bootstrap popups, no awesome-markers icons).
_UNUSED = {
    "jquery",
    "bootstrap",
    "awesome_markers",
    "bootstrap_css",
    "glyphicons_css",
    "awesome_markers_font_css",
    "awesome_markers_css",
    "awesome_rotate_css",
}

_ICON_PATH_KEY = "wz_icon_image_path"
_CSS_URL = re.compile(r"""url\(\s*['"]?(images/[^'")]+)['"]?\s*\)""")


def static_dir() -> Path:
    """The folder holding the shipped browser assets (``wuzhen_geo/static``)."""
    return Path(__file__).resolve().parents[1] / "static"


@lru_cache(maxsize=None)
def _data_uri(rel: str) -> str:
    """A ``data:`` URI for a shipped file; CSS has its ``url(images/...)`` references inlined as well."""
    path = static_dir() / rel
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".js":
        mime = "text/javascript"
    if path.suffix == ".css":
        folder = Path(rel).parent.as_posix()
        text = path.read_text(encoding="utf-8")
        text = _CSS_URL.sub(lambda mt: f'url("{_data_uri(f"{folder}/{mt.group(1)}")}")', text)
        payload = text.encode("utf-8")
    else:
        payload = path.read_bytes()
    return f"data:{mime};base64," + base64.b64encode(payload).decode("ascii")


def asset_href(rel: str, mode: AssetMode = "url") -> str:
    """The reference to a shipped file (``rel`` relative to ``static/``) in the given mode."""
    if mode == "url":
        return f"{STATIC_URL}/{rel}"
    if mode == "inline":
        return _data_uri(rel)
    raise ValueError(f"asset mode {mode!r} is not one of {ASSET_MODES}; pass 'url' or 'inline'")


def _localized(pairs: list[tuple[str, str]], table: dict[str, str], mode: AssetMode, owner: str):
    out = []
    for name, url in pairs:
        if name in table:
            out.append((name, asset_href(table[name], mode)))
        elif name in _UNUSED:
            continue
        elif not url.startswith(("http://", "https://", "//")):
            out.append((name, url))  # already local
        else:
            raise ValueError(
                f"{owner} needs {name!r} from {url}, which is not shipped for offline use; "
                "use only elements whose assets are in wuzhen_geo/static (see assets.py)"
            )
    return out


class _IconImagePath(MacroElement):
    """Sets ``L.Icon.Default.imagePath`` before any marker exists (its auto-detection races in ``url`` mode).

    Kept as the map's first child, so its script runs right after the map is created and before the layers.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {%- if this.path %}
        L.Icon.Default.imagePath = {{ this.path|tojson }};
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, path: str | None):
        super().__init__()
        self._name = "IconImagePath"
        self.path = path


def localize_assets(m: folium.Map, mode: AssetMode = "url") -> folium.Map:
    """Point ``m`` and every element on it at the shipped assets; return ``m``.

    Sets ``default_js`` / ``default_css`` on each element instance (folium's class-level lists are left
    alone), drops folium defaults the maps do not use (jQuery, Bootstrap, awesome-markers) and, in ``url``
    mode, sets ``L.Icon.Default.imagePath``. Raises ``ValueError`` if an element needs an asset that is not
    shipped, rather than letting the page go blank offline.
    """
    if mode not in ASSET_MODES:
        raise ValueError(f"asset mode {mode!r} is not one of {ASSET_MODES}; pass 'url' or 'inline'")
    stack: list = [m]
    while stack:
        el = stack.pop()
        if isinstance(el, folium.elements.JSCSSMixin):
            owner = type(el).__name__
            el.default_js = _localized(list(el.default_js), _LOCAL_JS, mode, owner)
            el.default_css = _localized(list(el.default_css), _LOCAL_CSS, mode, owner)
        stack.extend(getattr(el, "_children", {}).values())
    # Inline mode has no image URL to point at: the maps use vector markers and div icons only.
    path = asset_href("leaflet/images/", "url") if mode == "url" else None
    m.add_child(_IconImagePath(path), name=_ICON_PATH_KEY)
    m._children.move_to_end(_ICON_PATH_KEY, last=False)
    return m
