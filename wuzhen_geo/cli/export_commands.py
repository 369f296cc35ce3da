"""``wuzhen-geo export``: the regional map as a slide a presenter can use as it is
(:mod:`wuzhen_geo.maps.slide`): PNG at 1920x1080 or 3840x2160, PDF or SVG on A4 or A3 landscape, or, with
``--timeline FROM:TO``, an animated GIF (or MP4) that opens the network year by year.

Needs a headless Chromium (``apt-get install -y chromium``); the file is written atomically.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from wuzhen_geo.cli._arguments import load_data, load_scenario_arg
from wuzhen_geo.cli._output import write_out
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.maps.slide import PAPER_MM, SLIDE_SIZES, render_slide, timeline_gif, timeline_mp4
from wuzhen_geo.vocabulary import DATA_YEAR, YEAR_RANGE

__all__ = ["FORMATS", "MAX_TIMELINE_YEARS", "cmd_export", "register", "timeline_years"]

#: Output formats by file suffix.
FORMATS = {".png": "png", ".pdf": "pdf", ".svg": "svg", ".gif": "gif", ".mp4": "mp4"}
#: At most this many years in a timeline: each frame takes a Chromium render of a few seconds.
MAX_TIMELINE_YEARS = 40


def timeline_years(text: str) -> list[int]:
    """``--timeline FROM:TO`` (both years included, FROM ≤ TO) as a list of years; else a one-line error."""
    fix = f"give two years FROM:TO, e.g. 2026:2035, within {YEAR_RANGE[0]}-{YEAR_RANGE[1]}"
    parts = str(text).split(":")
    try:
        first, last = (int(p) for p in parts)
    except ValueError:
        raise WuzhenGeoError(f"--timeline {text!r}: {fix}") from None
    if not (YEAR_RANGE[0] <= first <= last <= YEAR_RANGE[1]):
        raise WuzhenGeoError(f"--timeline {text!r}: {fix}, the first not after the last")
    if last - first + 1 > MAX_TIMELINE_YEARS:
        raise WuzhenGeoError(f"--timeline {text!r}: {last - first + 1} years are too many; give at most "
                             f"{MAX_TIMELINE_YEARS} (each year is a frame that takes seconds to render)")
    return list(range(first, last + 1))


def _format(args: argparse.Namespace) -> str:
    suffix = Path(args.out).suffix.lower()
    fmt = args.format or FORMATS.get(suffix) or ("gif" if args.timeline else None)
    if fmt is None:
        raise WuzhenGeoError(f"--out {args.out}: give --format png, pdf, svg, gif or mp4, or a file ending in "
                             f"{', '.join(FORMATS)}")
    if args.timeline and fmt not in ("gif", "mp4"):
        raise WuzhenGeoError(f"--timeline makes a GIF or an MP4; drop --format {fmt} or give --out FILE.gif")
    if fmt in ("gif", "mp4") and not args.timeline:
        raise WuzhenGeoError(f"--format {fmt} needs --timeline FROM:TO, e.g. --timeline 2026:2035")
    if fmt in ("pdf", "svg") and args.size:
        raise WuzhenGeoError(f"--size is for PNG and GIF; a {fmt.upper()} takes --paper A4 or A3")
    if fmt not in ("pdf", "svg") and args.paper:
        raise WuzhenGeoError(f"--paper is for PDF and SVG; a {fmt.upper()} takes --size {' or '.join(SLIDE_SIZES)}")
    return fmt


def cmd_export(args: argparse.Namespace) -> int:
    """Write the slide (or the timeline) to ``--out``; print what was written and how long it took."""
    fmt = _format(args)
    years = timeline_years(args.timeline) if args.timeline else None
    if years is not None and args.year is not None:
        raise WuzhenGeoError("--year and --timeline: give one (the timeline sets the year of each frame)")
    if args.year is not None and not YEAR_RANGE[0] <= args.year <= YEAR_RANGE[1]:
        raise WuzhenGeoError(f"--year {args.year}: give a year between {YEAR_RANGE[0]} and {YEAR_RANGE[1]}, e.g. 2030")
    data = load_data(args)
    scenario = load_scenario_arg(data, args.scenario, args.year) if args.scenario else None
    year = args.year if args.year is not None else (scenario.year if scenario and scenario.year else DATA_YEAR)
    size = args.size or "1920x1080"
    start = time.monotonic()
    try:
        if years is not None:
            make = timeline_gif if fmt == "gif" else timeline_mp4
            blob = make(data, years, size=size, scenario=scenario, lang=args.lang, title=args.title)
            what = f"{fmt.upper()}, {len(years)} years {years[0]}-{years[-1]}, {size}"
        else:
            blob = render_slide(data, fmt, size=size, paper=args.paper or "A4", scenario=scenario, year=year,
                                lang=args.lang, title=args.title)
            what = f"{fmt.upper()}, {args.paper or 'A4'} landscape" if fmt in ("pdf", "svg") else f"PNG, {size}"
    except RuntimeError as exc:  # no Chromium, or it failed: one line, the fix in it
        raise WuzhenGeoError(str(exc)) from None
    write_out(args.out, blob)
    print(f"wrote {args.out} ({what}, {len(blob) / 1024:,.0f} KB) in {time.monotonic() - start:.1f} s")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``export`` to the ``wuzhen-geo`` parser."""
    p = sub.add_parser("export", help="the map as a slide: PNG (1920x1080, 3840x2160), PDF or SVG (A4/A3 "
                       "landscape) or a timeline GIF")
    p.add_argument("--format", choices=sorted(set(FORMATS.values())), default=None,
                   help="png, pdf, svg, gif or mp4 (default: from the --out suffix)")
    p.add_argument("--size", choices=list(SLIDE_SIZES), default=None, help="PNG/GIF/MP4 pixels (default 1920x1080)")
    p.add_argument("--paper", type=str.upper, choices=list(PAPER_MM), default=None,
                   help="PDF/SVG paper, landscape (default A4)")
    p.add_argument("--scenario", default=None, metavar="S",
                   help="shipped scenario name (plan-2030, plan-full, ...) or a YAML file (default: the network "
                        "by opening year)")
    p.add_argument("--year", type=int, metavar="N", help=f"network year (default: the scenario's, else {DATA_YEAR})")
    p.add_argument("--timeline", metavar="FROM:TO", help="an animated GIF (or MP4: --out FILE.mp4, needs "
                   "imageio-ffmpeg), one year after another, e.g. 2026:2035")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the title, labels and legend")
    p.add_argument("--title", default=None, help="title of the slide (default: the app's title)")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write (atomically)")
    # --lang is the slide's language; the command's own messages stay in English, as all of its checks say them
    p.set_defaults(func=cmd_export, messages_lang="en")
