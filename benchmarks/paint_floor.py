"""What the browser's first map paint costs on a page with the planner's controls, whatever the app computes.

Run ``python benchmarks/paint_floor.py`` (``--rounds N``, default 5). In one run, alternating round by round,
it opens in Debian's Chromium (Playwright) the bare page of ``benchmarks/app_speed.py`` (a title, a toggle and a
folium map) and ``benchmarks/widgets_map_app.py``: the same map with controls and tables of the kinds and number
the planner shows and no computation at all, in three orders:

* ``before``: the controls above the map and sent before it, as the planner arranges them;
* ``after``: the map sent first, the controls after it;
* ``pause``: the map sent first, then a 0.3 s pause, then the controls.

It reports the first map paint (navigation to the first vector path Leaflet draws) and when the map's frame was
attached, each as a ratio to the bare page's median in the same run. The numbers show how much of a page's
first paint Streamlit's own rendering of widgets takes, so that ``app_speed.py``'s ratios can be read against
it. Results go to stdout and ``benchmarks/paint_floor_results.md`` (written atomically).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import app_speed  # noqa: E402
from tests.app.test_browser import CHROMIUM, CHROMIUM_ARGS, serve_app  # noqa: E402
from wuzhen_geo.data.io import write_text_atomic  # noqa: E402

PAUSE_S = 0.3
ORDERS = {"before": "/?order=before", "after": "/?order=after", "pause": f"/?order=pause&pause={PAUSE_S}"}


def _load(page, url: str) -> tuple[float, float]:
    page.goto("about:blank")
    start = time.monotonic()
    page.goto(url)
    app_speed._map_painted(page)
    painted = time.monotonic() - start
    attached = page.evaluate("window.__wzFrame || {}").get("attached", float("nan")) / 1000
    app_speed._idle(page)
    return painted, attached


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "paint_floor_results.md")
    args = parser.parse_args(argv)
    runs: dict[str, list[tuple[float, float]]] = {"bare": [], **{k: [] for k in ORDERS}}
    here = ROOT / "benchmarks"
    with serve_app(ROOT, Path(tempfile.mkdtemp(prefix="wz-bare-")), ROOT / "geodata",
                   script=here / "bare_map_app.py") as bare, \
            serve_app(ROOT, Path(tempfile.mkdtemp(prefix="wz-widgets-")), ROOT / "geodata",
                      script=here / "widgets_map_app.py") as widgets, \
            sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(tempfile.mkdtemp(prefix="wz-profile-"),
                                                        executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                                        headless=True, viewport={"width": 1440, "height": 900})
        page = browser.new_page()
        page.add_init_script(app_speed._FRAME_MARKS)
        urls = {"bare": bare + "/", **{k: widgets + path for k, path in ORDERS.items()}}
        for n in range(args.rounds + 1):  # round 0 warms the servers and the browser cache
            for key, url in urls.items():
                measured = _load(page, url)
                if n:
                    runs[key].append(measured)
        browser.close()
    base = statistics.median(p for p, _ in runs["bare"])
    base_attached = statistics.median(a for _, a in runs["bare"])
    lines = [
        "# First map paint: the bare page against the same map with the planner's controls",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with `python benchmarks/paint_floor.py "
        f"--rounds {args.rounds}` on: {platform.processor() or platform.machine()}; Linux {platform.release()}; "
        f"Python {platform.python_version()}; Chromium headless at 1440 x 900; warm browser cache.",
        "",
        "Medians of the rounds; pages alternate round by round; ratios against the bare page's median. The page "
        "with controls computes nothing: what it adds is the browser rendering its widgets.",
        "",
        "| page | first map paint (s) | ratio | map frame attached (s) | ratio |",
        "|---|---:|---:|---:|---:|",
    ]
    words = {"bare": "bare (title, toggle, map)", "before": "controls before the map (the planner's order)",
             "after": "map first, controls after", "pause": f"map first, {PAUSE_S} s pause, controls after"}
    for key, measured in runs.items():
        p, a = statistics.median(x for x, _ in measured), statistics.median(x for _, x in measured)
        lines.append(f"| {words[key]} | {p:.2f} | {p / base:.2f}x | {a:.2f} | {a / base_attached:.2f}x |")
    text = "\n".join(lines) + "\n"
    print(text)
    write_text_atomic(args.out, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
