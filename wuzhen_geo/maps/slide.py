"""Slide-ready exports of the regional map: PNG at 1920 × 1080 or 3840 × 2160, PDF or SVG on A4 or A3 landscape
(vectors stay vectors, text stays text), and a timeline GIF (or MP4, with the optional ``imageio-ffmpeg``) that
opens the network year by year.

A slide is the overview map (:func:`~wuzhen_geo.maps.overview_map`) in a frame: the title, the scenario and
year, the legend open, a scale bar, a north arrow and a plain-text line of the data sources; no zoom, layer,
full-screen or drawing control and no Leaflet attribution. The key places (every airport and city centre of
the network shown, and Wuzhen: :data:`~wuzhen_geo.maps.style.KEY_PLACE_KINDS`,
:data:`~wuzhen_geo.maps.style.KEY_PLACE_IDS`) are always labelled, each label placed where it overlaps no other
label, marker or part of the frame (:class:`~wuzhen_geo.maps._slide_elements.SlideLabels`). The view is the same
for every year of a scenario, so the frames of a timeline line up.

The shipped background reaches past the view of a 1920 × 1080 slide on the west, south and north; its sea stops
at the study area's eastern edge (123.5° E), and :func:`~wuzhen_geo.maps._open_sea.open_sea_features` continues
it east, so the background shows no seam.

Rendering needs a headless Chromium (:mod:`wuzhen_geo.maps.png`); building the page does not.
"""

from __future__ import annotations

import dataclasses
import io
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import folium
from PIL import Image

try:  # optional: the MP4 timeline (pip install "wuzhen-geo[video]"); the GIF needs only Pillow
    import imageio_ffmpeg
except ImportError:  # pragma: no cover - depends on the install
    imageio_ffmpeg = None

from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.i18n import check_lang, t
from wuzhen_geo.maps._declutter import Declutter
from wuzhen_geo.maps._elements import VectorLayer
from wuzhen_geo.maps._features import esc, frame_rows, value
from wuzhen_geo.maps._open_sea import open_sea_features
from wuzhen_geo.maps._slide_elements import SlideFrame, SlideLabels, SlideStyle, SlideSvg
from wuzhen_geo.maps.labels import label_text
from wuzhen_geo.maps.overview import base_map, export_html, overview_map
from wuzhen_geo.maps.png import html_to_pdf, html_to_png, html_to_svg
from wuzhen_geo.maps.style import KEY_PLACE_IDS, KEY_PLACE_KINDS, legend_html
from wuzhen_geo.model import Scenario
from wuzhen_geo.vocabulary import DATA_YEAR

__all__ = ["PAPER_MM", "SLIDE_SIZES", "SlideSpec", "key_place_ids", "network_title", "open_sea_features", "slide_map",
           "slide_page",
           "render_slide", "timeline_gif", "timeline_frames", "timeline_mp4", "smaller_gif"]

#: Slide sizes: name -> (page width, page height, device scale factor); 3840 × 2160 is the 1920 × 1080 page at
#: twice the pixels (the same layout, sharper).
SLIDE_SIZES: dict[str, tuple[int, int, int]] = {"1920x1080": (1920, 1080, 1), "3840x2160": (1920, 1080, 2)}
#: Landscape paper in millimetres.
PAPER_MM: dict[str, tuple[int, int]] = {"A4": (297, 210), "A3": (420, 297)}
_PX_PER_MM = 96 / 25.4  # CSS pixels
#: Place labels of a slide at 1080 px high (they scale with the page).
SLIDE_LABEL_PX = 17
#: Seconds each frame of a timeline shows.
TIMELINE_FRAME_S = 1.2
#: Frames per second of an MP4 timeline: each year is shown for ``TIMELINE_FRAME_S`` seconds as repeated frames.
TIMELINE_FPS = 5
#: A progress report: ``(done, total)``.
Progress = Callable[[int, int], None]


@dataclasses.dataclass(frozen=True)
class SlideSpec:
    """The page of one export: ``width`` × ``height`` CSS pixels, ``scale`` device pixels per CSS pixel and,
    for print, the landscape ``paper`` (``A4``/``A3``)."""

    width: int
    height: int
    scale: int = 1
    paper: str | None = None

    @classmethod
    def for_png(cls, size: str = "1920x1080") -> SlideSpec:
        if size not in SLIDE_SIZES:
            raise WuzhenGeoError(f"--size {size!r}: give one of {', '.join(SLIDE_SIZES)}")
        w, h, s = SLIDE_SIZES[size]
        return cls(w, h, s)

    @classmethod
    def for_paper(cls, paper: str = "A4") -> SlideSpec:
        key = str(paper).upper()
        if key not in PAPER_MM:
            raise WuzhenGeoError(f"--paper {paper!r}: give one of {', '.join(PAPER_MM)} (landscape)")
        w_mm, h_mm = PAPER_MM[key]
        return cls(int(w_mm * _PX_PER_MM), int(h_mm * _PX_PER_MM), 1, key)

    @property
    def unit(self) -> float:
        return self.height / 1080


def key_place_ids(data: Any) -> list[str]:
    """Ids of the key places of ``data`` (every airport and city centre, and :data:`KEY_PLACE_IDS`)."""
    places = data.places
    return [pid for pid, kind in zip(places.index, places["kind"])
            if kind in KEY_PLACE_KINDS or pid in KEY_PLACE_IDS]


def _bounds(data: Any, ids: Iterable[str]) -> list[list[float]] | None:
    places = data.places.loc[[i for i in ids if i in data.places.index]]
    frames = [places.geometry] if len(places) else []
    zones = getattr(data, "zones", None)
    if zones is not None and len(zones):
        frames.append(zones.geometry)
    if not frames:
        return None
    b = [f.total_bounds for f in frames]
    return [[min(x[1] for x in b), min(x[0] for x in b)], [max(x[3] for x in b), max(x[2] for x in b)]]


def _mark_key_labels(m: folium.Map, data: Any, lang: str) -> None:
    """Label every key place (stacked names), mark its label ``wz-label-key``; every place label names its
    place in a ``wz-place-<id>`` class (tests and the placer find it)."""
    keys = set(key_place_ids(data))
    places = data.places
    for child in m._children.values():
        if not isinstance(child, VectorLayer):
            continue
        for f in child.data["features"]:
            props = f["properties"]
            pid = props.get("id")
            if pid not in places.index or not (props.get("label") or pid in keys):
                continue
            if props.get("style", {}).get("opacity") == 0.3:  # a faded place (not in the scenario): no label
                continue
            row = places.loc[pid].to_dict()
            row["id"] = pid
            kind = value(row, "kind")
            props["label"] = label_text(row, kind, lang, stacked=True)
            cls = f"wz-label-{kind} wz-place-{pid}"
            props["label_class"] = cls + (" wz-label-key" if pid in keys else "")


def network_title(scenario: Scenario | None, year: int | None, lang: str) -> str:
    """Which network a slide or the presentation shows, in words: the scenario's title; without one, today's
    network in the data year and the network by opening year in another or over years (``year`` None)."""
    name = network_name(scenario, year, lang)
    return name if _by_opening_year(scenario, year) else t("slide_scenario", lang, name=name)


_YEAR_IN_TITLE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _by_opening_year(scenario: Scenario | None, year: int | None = None) -> bool:
    """Today's network (or a bare year), or a scenario moved away from its own year: no projects switched and
    no edits, so a year means what is open by then. A shipped "today" moved to 2035 is no longer today's, and
    "Plan (2030)", which switches nothing, shown in 2035 is the network by opening year of 2035."""
    if scenario is None:
        return True
    plain = not scenario.projects_on and not scenario.projects_off and not scenario.edits
    named = {int(y) for y in _YEAR_IN_TITLE.findall(scenario.title_en or "")}  # "Plan (2030)"
    moved = year is not None and bool(named) and year not in named
    return plain and (scenario.name in ("year", "today") or moved)


def network_name(scenario: Scenario | None, year: int | None, lang: str) -> str:
    """The network's name alone: the scenario's title, or, for today's network (which a year moves on to the
    features open by then), today's network in the data year and the network by opening year in another."""
    if _by_opening_year(scenario, year):
        return t("slide_today" if year == DATA_YEAR else "slide_by_year", lang)
    return (scenario.title_zh if lang == "zh" else scenario.title_en) or scenario.title_en or scenario.name


def compared_networks_text(before: Scenario, after: Scenario, lang: str) -> str:
    """What a before / after comparison compares, in words (:func:`network_name` of each and the year): a
    planner who starts from today's network and moves the year compares with the network by opening year in
    that year, not with today's."""
    return t("compared_networks", lang, before=network_name(before, before.year, lang),
             after=network_name(after, after.year, lang), year=after.year if after.year is not None else DATA_YEAR)


def _subtitle(scenario: Scenario | None, year: int, lang: str) -> str:
    """The year in bold, then which network (:func:`network_title`)."""
    year_html = f"<span class='wz-slide-year'>{esc(t('slide_year', lang, year=year))}</span>"
    return f"{year_html} · {esc(network_title(scenario, year, lang))}"


def _sources(data: Any, lang: str) -> str:
    """The source line: the dataset's sources, and GSHHG when the background comes from it."""
    text = t("slide_sources", lang)
    context = getattr(data, "context", None)
    if context is not None and any("GSHHG" in str(r.get("source", "")) for r, _ in frame_rows(context)):
        text += " " + t("slide_sources_gshhg", lang)
    return esc(text)


def slide_map(data: Any, spec: SlideSpec | None = None, *, scenario: Scenario | None = None,
              year: int | None = None, lang: str = "zh", title: str | None = None, svg: bool = False) -> folium.Map:
    """The map of a slide (see the module docstring), laid out for ``spec`` (default 1920 × 1080).

    ``scenario`` (a :class:`~wuzhen_geo.model.Scenario`, default the network by opening year) in ``year``
    (default the scenario's, else :data:`~wuzhen_geo.vocabulary.DATA_YEAR`); ``title`` defaults to the app's.
    ``svg``: the page also writes itself as an SVG document once laid out (for :func:`render_slide`).
    """
    lang = check_lang(lang)
    spec = spec or SlideSpec.for_png()
    year = int(year if year is not None else (scenario.year if scenario and scenario.year else DATA_YEAR))
    u = spec.unit
    m = base_map(lang=lang, assets="inline", online_basemap=False, label_px=round(SLIDE_LABEL_PX * u))
    m.options.update(zoom_control=False, attribution_control=False, zoom_animation=False, fade_animation=False,
                     marker_zoom_animation=False)
    m.control_scale = False
    m._children.pop("wz_scale", None)  # the slide draws its own, larger scale bar
    sea = open_sea_features(data)
    if sea:
        VectorLayer(sea, name="open sea", control=False, interactive=False).add_to(m)
    overview_map(data, m=m, scenario=scenario, year=year, lang=lang, assets="inline", labels=True,
                 label_px=round(SLIDE_LABEL_PX * u), legend=False, fit=False, popups=False, fullscreen=False)
    for key, child in list(m._children.items()):  # no layer switcher, no app declutter (the slide places)
        if isinstance(child, (folium.LayerControl, Declutter)):
            del m._children[key]
    _mark_key_labels(m, data, lang)
    links = data.links
    title_html = (f"<h1>{esc(title or t('app_title', lang))}</h1>"
                  f"<div class='wz-slide-sub'>{_subtitle(scenario, year, lang)}</div>")
    legend = legend_html(lang, links["class"].dropna(), links["status"].dropna(), collapsed=False)
    m.add_child(SlideStyle(width=spec.width, height=spec.height,
                           paper_mm=PAPER_MM[spec.paper] if spec.paper else None, label_px=SLIDE_LABEL_PX),
                name="wz_slide_style")
    m.add_child(SlideFrame(title_html=title_html, legend_html=legend, source_html=_sources(data, lang),
                           north_label=esc(t("slide_north", lang)), unit=u), name="wz_slide_frame")
    bounds = _bounds(data, key_place_ids(data))
    if bounds is not None:  # room for the title (top left) and the legend (right)
        m.fit_bounds(bounds, padding_top_left=(round(40 * u), round(150 * u)),
                     padding_bottom_right=(round(330 * u), round(60 * u)))
    m.add_child(SlideLabels(), name="wz_slide_labels")
    if svg:
        m.add_child(SlideSvg(), name="wz_slide_svg")
    return m


def slide_page(data: Any, spec: SlideSpec | None = None, *, scenario: Scenario | None = None,
               year: int | None = None, lang: str = "zh", title: str | None = None, svg: bool = False) -> str:
    """The self-contained HTML page of a slide (nothing fetched when it loads)."""
    m = slide_map(data, spec, scenario=scenario, year=year, lang=lang, title=title, svg=svg)
    return export_html(m, title=title or t("app_title", lang), heading=False)  # the title card names it


def render_slide(data: Any, fmt: str = "png", *, size: str = "1920x1080", paper: str = "A4",
                 scenario: Scenario | None = None, year: int | None = None, lang: str = "zh",
                 title: str | None = None, chromium: str | None = None) -> bytes:
    """The slide as ``png`` (``size`` 1920x1080 or 3840x2160), ``pdf`` or ``svg`` (``paper`` A4 or A3,
    landscape; the SVG in millimetres of that paper) bytes, rendered by a headless Chromium (``RuntimeError``
    without one)."""
    if fmt == "png":
        spec = SlideSpec.for_png(size)
        page = slide_page(data, spec, scenario=scenario, year=year, lang=lang, title=title)
        return html_to_png(page, width=spec.width, height=spec.height, scale=spec.scale, chromium=chromium)
    if fmt in ("pdf", "svg"):
        spec = SlideSpec.for_paper(paper)
        page = slide_page(data, spec, scenario=scenario, year=year, lang=lang, title=title, svg=fmt == "svg")
        if fmt == "pdf":
            return html_to_pdf(page, width=spec.width, height=spec.height, chromium=chromium)
        svg = html_to_svg(page, width=spec.width, height=spec.height, chromium=chromium).decode("utf-8")
        w_mm, h_mm = PAPER_MM[spec.paper]  # the drawing keeps its pixel units; the document is paper-sized
        svg = re.sub(r'^<svg xmlns="http://www.w3.org/2000/svg" width="[^"]*" height="[^"]*"',
                     f'<svg xmlns="http://www.w3.org/2000/svg" width="{w_mm}mm" height="{h_mm}mm"', svg, count=1)
        return svg.encode("utf-8")
    raise WuzhenGeoError(f"--format {fmt!r}: give png, pdf or svg")


def timeline_frames(data: Any, years: Sequence[int], *, size: str = "1920x1080", scenario: Scenario | None = None,
                    lang: str = "zh", title: str | None = None, chromium: str | None = None,
                    workers: int = 2, progress: Progress | None = None) -> list[bytes]:
    """One PNG slide per year (the same view each year), ``workers`` at a time (one page is built while
    Chromium renders another). ``progress(done, total)`` is called in the caller's thread after each frame;
    an exception it raises (a user's cancel) stops the work: frames not started are dropped."""
    spec = SlideSpec.for_png(size)

    def frame(year: int) -> bytes:
        page = slide_page(data, spec, scenario=scenario, year=int(year), lang=lang, title=title)
        return html_to_png(page, width=spec.width, height=spec.height, scale=spec.scale, chromium=chromium)

    width = max(1, int(workers))
    pool = ThreadPoolExecutor(max_workers=width)
    waiting = list(years)
    # at most ``width`` frames in hand: a cancel raised by ``progress`` leaves none started after it
    running = deque(pool.submit(frame, year) for year in waiting[:width])
    del waiting[:width]
    try:
        frames: list[bytes] = []
        while running:
            frames.append(running.popleft().result())
            if progress is not None:
                progress(len(frames), len(years))
            if waiting:
                running.append(pool.submit(frame, waiting.pop(0)))
        return frames
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def timeline_gif(data: Any, years: Sequence[int], *, size: str = "1920x1080", scenario: Scenario | None = None,
                 lang: str = "zh", title: str | None = None, frame_s: float = TIMELINE_FRAME_S,
                 chromium: str | None = None, progress: Progress | None = None) -> bytes:
    """An animated GIF (looping) of the network year by year: one frame per year of ``years``, ``frame_s``
    seconds each, the last held three times as long (``progress`` as in :func:`timeline_frames`)."""
    if not years:
        raise WuzhenGeoError("--timeline: give at least one year, e.g. 2026:2035")
    frames = [Image.open(io.BytesIO(png)).convert("RGB")
              for png in timeline_frames(data, years, size=size, scenario=scenario, lang=lang, title=title,
                                         chromium=chromium, progress=progress)]
    durations = [round(frame_s * 1000)] * len(frames)
    durations[-1] *= 3
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0,
                   optimize=True, disposal=1)
    return out.getvalue()


def smaller_gif(gif: bytes, width: int) -> bytes:
    """An animated GIF scaled down to ``width`` pixels, every frame and its duration kept (a web page that
    shrinks a wide image itself would keep only its first frame); unchanged when already that narrow."""
    with Image.open(io.BytesIO(gif)) as image:
        if image.width <= width:
            return gif
        height = round(image.height * width / image.width)
        frames, durations = [], []
        for index in range(image.n_frames):
            image.seek(index)
            frames.append(image.convert("RGB").resize((width, height), Image.LANCZOS))
            durations.append(image.info.get("duration", round(TIMELINE_FRAME_S * 1000)))
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0,
                   optimize=True, disposal=1)
    return out.getvalue()


def timeline_mp4(data: Any, years: Sequence[int], *, size: str = "1920x1080", scenario: Scenario | None = None,
                 lang: str = "zh", title: str | None = None, frame_s: float = TIMELINE_FRAME_S,
                 chromium: str | None = None) -> bytes:
    """The timeline of :func:`timeline_gif` as an H.264 MP4 (``TIMELINE_FPS`` frames a second, each year
    ``frame_s`` seconds, the last three times as long), encoded by the ffmpeg that ``imageio-ffmpeg`` ships.

    Raises
    ------
    WuzhenGeoError
        No year given, or ``imageio-ffmpeg`` is not installed (the fix says how; a GIF needs nothing more).
    """
    if imageio_ffmpeg is None:
        raise WuzhenGeoError('an MP4 needs the imageio-ffmpeg package (pip install "wuzhen-geo[video]"); '
                             "or give --out FILE.gif")
    if not years:
        raise WuzhenGeoError("--timeline: give at least one year, e.g. 2026:2035")
    pngs = timeline_frames(data, years, size=size, scenario=scenario, lang=lang, title=title, chromium=chromium)
    repeats = [max(1, round(frame_s * TIMELINE_FPS))] * len(pngs)
    repeats[-1] *= 3
    spec = SlideSpec.for_png(size)
    with tempfile.TemporaryDirectory(prefix="wuzhen_geo_mp4_") as tmp:
        path = Path(tmp) / "timeline.mp4"
        writer = imageio_ffmpeg.write_frames(str(path), (spec.width * spec.scale, spec.height * spec.scale),
                                             fps=TIMELINE_FPS, codec="libx264", macro_block_size=8,
                                             ffmpeg_log_level="error")
        writer.send(None)  # start ffmpeg
        for png, n in zip(pngs, repeats):
            rgb = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
            for _ in range(n):
                writer.send(rgb)
        writer.close()
        return path.read_bytes()
