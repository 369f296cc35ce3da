"""Icons and marks drawn as inline SVG, so they show on a machine without an emoji or symbol font (a
projector's laptop, a minimal Linux): the airport plane, a tick and a cross for targets met or not.

:func:`mark_svg` is markup for HTML (a map, ``st.markdown(..., unsafe_allow_html=True)``);
:func:`mark_data_uri` is the same image as a ``data:`` URI, for places that take an image address, such as
``st.column_config.ImageColumn`` in a table; :func:`met_text` is the plain word for a table cell next to it,
:func:`met_html` the mark and the word for HTML. :data:`BUTTON_ICONS` names icons for Streamlit buttons from
the Material Symbols font that Streamlit itself ships and serves (no font of the machine needed).
"""

from __future__ import annotations

import base64

from wuzhen_geo.i18n import t

__all__ = ["BUTTON_ICONS", "MARKS", "PLANE_PATH", "mark_data_uri", "mark_svg", "met_html", "met_text"]

#: A plane seen from above, nose up, in a 24 × 24 box (drawn for this project).
PLANE_PATH = ("M12 1.5c.9 0 1.5.8 1.5 1.7v5.9l8 4.7v2.2l-8-2.4v5l2.3 1.7v1.7L12 21.1 8.2 22v-1.7l2.3-1.7v-5"
              "l-8 2.4v-2.2l8-4.7V3.2c0-.9.6-1.7 1.5-1.7z")
#: The marks by name: SVG body in a 24 × 24 box and its colour.
MARKS: dict[str, tuple[str, str]] = {
    "plane": (f'<path d="{PLANE_PATH}" fill="{{color}}" stroke="#fff" stroke-width="1.2" '
              'paint-order="stroke" stroke-linejoin="round"/>', "#08306b"),
    "yes": ('<circle cx="12" cy="12" r="11" fill="{color}"/><path d="M6.5 12.5l3.7 3.7 7.3-8" fill="none" '
            'stroke="#fff" stroke-width="2.8" stroke-linecap="round" stroke-linejoin="round"/>', "#1a9850"),
    "no": ('<circle cx="12" cy="12" r="11" fill="{color}"/><path d="M7.5 7.5l9 9M16.5 7.5l-9 9" fill="none" '
           'stroke="#fff" stroke-width="2.8" stroke-linecap="round"/>', "#d73027"),
}

#: Streamlit button labels or ``icon=`` values drawn from Streamlit's bundled Material Symbols font.
BUTTON_ICONS: dict[str, str] = {"delete": ":material/close:"}


def mark_svg(name: str, *, size: int = 16, color: str | None = None, title: str | None = None) -> str:
    """An inline ``<svg>`` of the mark ``name`` (``plane``, ``yes``, ``no``), ``size`` pixels square, aligned
    with the text around it; ``title`` (escaped by the caller) is what a screen reader says."""
    body, default = MARKS[name]
    label = f' role="img" aria-label="{title}"' if title else ' aria-hidden="true"'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{int(size)}" height="{int(size)}" viewBox="0 0 24 24" '
            f'style="vertical-align:middle"{label}>{body.format(color=color or default)}</svg>')


def mark_data_uri(name: str, *, size: int = 16) -> str:
    """The mark ``name`` as a ``data:image/svg+xml`` URI (base64), for an image column of a table."""
    return "data:image/svg+xml;base64," + base64.b64encode(mark_svg(name, size=size).encode("utf-8")).decode("ascii")


def met_text(met: bool, lang: str = "zh") -> str:
    """The plain word for a target met or not (``达标`` / ``未达标``), no symbol a font could lack."""
    return t("met" if met else "not_met", lang)


def met_html(met: bool, lang: str = "zh", *, size: int = 16) -> str:
    """A target met or not as HTML: the tick or cross in SVG, then the word (``达标`` / ``未达标``)."""
    word = met_text(met, lang)
    return f"{mark_svg('yes' if met else 'no', size=size, title=word)} {word}"
