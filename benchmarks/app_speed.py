"""How fast the app is in a real browser, against a bare Streamlit page with one folium map, in the same run.

Run ``python benchmarks/app_speed.py`` (``--rounds N``, default 5). It starts the app on the shipped data as
``scripts/start.sh`` serves it (``serve.py``: each page told where its server is, the map component's script
kept by the browser) and the bare page (``benchmarks/bare_map_app.py``) as ``streamlit run`` serves it, opens
both in Debian's Chromium (Playwright) and measures,
alternating the pages round by round so that a change in the load of the shared machine weighs on all:

* **first map paint**: from navigation to the first vector path Leaflet draws in the map's frame, once that
  frame has a height (Streamlit lays it out 0 px tall at first; a path drawn then is not seen), per page,
  and where that time goes: when the page opened its connection to the server, when it attached the map's
  frame (the rest of the page rendered first) and when the frame finished loading (its script, the map, still
  to run); and until the page's last part is shown too (a page opened anew sends its controls after its map,
  so they come later);
* **transfer**: bytes the server sent to the browser for that load, counted on the wire by a local relay
  between them (HTTP and WebSocket, compressed where the server compresses), with the browser cache warm,
  as a returning user has it;
* **a widget change that leaves the base map alone** (the bare page's toggle, the planner's "only changes",
  the airports route mode): bytes received until the app is idle again, and whether the map component was
  reloaded;
* **planner actions**: adding a link and undoing it, switching a project on, comparing by rail, and drawing
  contours from a zone on the presentation page (another of the six zones each round, so never from a cache in
  the first six rounds), from the click to the end of the run that updates the view.

Results go to stdout and ``benchmarks/app_speed_results.md`` (written atomically). Only measured numbers are
written; the ratio is against the bare page's median in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.app.test_browser import CHROMIUM, CHROMIUM_ARGS, serve_app  # noqa: E402
from wuzhen_geo.data.io import write_text_atomic  # noqa: E402

#: The addresses the app itself shows and shares for each page (its path, and the state in the query).
PAGES = {
    "overview": "/?page=overview&lang=en",
    "airports": "/airports?page=airports&lang=en&origin=zone_hq",
    "planner": "/planner?page=planner&lang=en",
    "presentation": "/presentation?page=presentation&lang=en",
}

#: The last part each page shows (a new view sends its map first and its controls after a pause): when it is
#: visible, the whole page is.
LAST_SHOWN = {
    "bare": ".st-key-bare_toggle",
    "overview": ".st-key-ov_download",
    "airports": '.st-key-apt_wide [data-testid="stDataFrame"]',
    "planner": '[data-testid="stDataFrame"]',
    "presentation": ".st-key-pr_html",
}


class Meter:
    """Bytes the browser received from the app, counted on the wire: the browser talks to the app through a
    local TCP relay that counts what the server sends (HTTP responses and WebSocket frames as transmitted,
    compressed where the server compresses), so the number is what a network between them would carry."""

    def __init__(self, upstream_port: int) -> None:
        self.bytes = 0
        self._lock = threading.Lock()
        self._upstream = upstream_port
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self._upstream))
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, source: socket.socket, target: socket.socket, count: bool) -> None:
        try:
            while chunk := source.recv(65536):
                if count:
                    with self._lock:
                        self.bytes += len(chunk)
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def reset(self) -> None:
        with self._lock:
            self.bytes = 0


class _Both:
    """The two relays' meters read as one (a page talks to one server at a time), and the loads of the map
    component's page the browser made (a reload of the map)."""

    def __init__(self, meters: dict[str, Meter], page) -> None:
        self._meters = meters
        self.component_loads = 0
        page.on("request", self._component)

    def _component(self, request) -> None:
        if "st_folium/index.html" in request.url:
            self.component_loads += 1

    @property
    def bytes(self) -> int:
        return sum(m.bytes for m in self._meters.values())

    def reset(self) -> None:
        self.component_loads = 0
        for m in self._meters.values():
            m.reset()


def _map_painted(page, timeout_s: float = 120) -> None:
    """Wait until a map's frame shows a vector path: drawn, in a frame that has a height (Streamlit lays the
    frame out at 0 px tall at first, and a map made then is not yet seen)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.locator("path.leaflet-interactive").count() > 0 and frame.evaluate("innerHeight") > 0:
                    return
            except Exception:  # a frame detached while the app re-draws
                continue
        page.wait_for_timeout(25)
    raise RuntimeError("no map was drawn")


#: How long the app must show no running indicator to count as idle.
QUIET_S = 0.5


def _idle(page, timeout_s: float = 120) -> float:
    """Wait until the app has stopped running for ``QUIET_S``; return the moment it stopped."""
    deadline, quiet = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        if page.locator('[data-testid="stStatusWidget"]').count() == 0:
            quiet = quiet or time.monotonic()
            if time.monotonic() - quiet >= QUIET_S:
                return quiet
        else:
            quiet = None
        page.wait_for_timeout(50)
    raise RuntimeError("the app kept running")


#: Marks, in the page's own clock (ms from navigation), when the map's frame is attached and has loaded.
_FRAME_MARKS = """
(() => {
  const marks = window.__wzFrame = {};
  new MutationObserver(() => {
    const frame = document.querySelector('iframe[src*="st_folium"], iframe[title*="st_folium"]');
    if (frame && marks.attached === undefined) {
      marks.attached = performance.now();
      frame.addEventListener("load", () => { marks.loaded = performance.now(); }, {once: true});
    }
  }).observe(document, {subtree: true, childList: true});
})();
"""


def _load(page, meter: Meter, url: str, last: str) -> tuple[float, int, float, float, float, float]:
    """Seconds to the first map paint, bytes received, when the map's frame was attached and loaded (s),
    seconds until the page's ``last`` part is visible too (the whole page shown), and when the page opened its
    connection to the server (s)."""
    page.goto("about:blank")
    meter.reset()
    opened: list[float] = []
    page.on("websocket", on_socket := lambda _socket: opened.append(time.monotonic()))
    start = time.monotonic()
    page.goto(url)
    _map_painted(page)
    painted = time.monotonic() - start
    page.locator(last).first.wait_for(state="visible", timeout=120_000)
    whole = time.monotonic() - start
    page.remove_listener("websocket", on_socket)
    marks = page.evaluate("window.__wzFrame || {}")
    _idle(page)
    return (painted, meter.bytes, marks.get("attached", float("nan")) / 1000, marks.get("loaded", float("nan")) / 1000,
            whole, opened[0] - start if opened else float("nan"))


def _change(page, meter: Meter, act) -> tuple[float, int, int]:
    """Click, then wait for the app to finish the run it started: seconds from the click to the end of that
    run (the view updated), bytes received, map component loads."""
    _idle(page)
    meter.reset()
    start = time.monotonic()
    act()
    page.wait_for_timeout(300)  # the click reaches the server and a run starts
    done = _idle(page)
    return done - start, meter.bytes, meter.component_loads


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "app_speed_results.md")
    args = parser.parse_args(argv)
    paint: dict[str, list[float]] = {k: [] for k in ("bare", *PAGES)}
    transfer: dict[str, list[int]] = {k: [] for k in paint}
    frame: dict[str, list[tuple[float, float]]] = {k: [] for k in paint}
    whole: dict[str, list[float]] = {k: [] for k in paint}
    connected: dict[str, list[float]] = {k: [] for k in paint}
    changes: dict[str, list[tuple[float, int, int]]] = {}
    logs = Path(tempfile.mkdtemp(prefix="wz-bench-"))
    with serve_app(ROOT, logs, ROOT / "geodata") as app, \
            serve_app(ROOT, Path(tempfile.mkdtemp(prefix="wz-bare-")), ROOT / "geodata",
                      script=ROOT / "benchmarks" / "bare_map_app.py") as bare, \
            sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(logs / "profile"), executable_path=CHROMIUM,
                                                        args=CHROMIUM_ARGS, headless=True,
                                                        viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.add_init_script(_FRAME_MARKS)
        # one relay per server, each counting into the meter of its page
        meters = {"app": Meter(int(app.rsplit(":", 1)[1])), "bare": Meter(int(bare.rsplit(":", 1)[1]))}
        relay = {k: f"http://127.0.0.1:{m.port}" for k, m in meters.items()}
        urls = {"bare": relay["bare"] + "/", **{k: relay["app"] + v for k, v in PAGES.items()}}
        meter = _Both(meters, page)
        for key, url in urls.items():  # warm the server's caches and the browser's
            _say(f"warming {key}")
            _load(page, meter, url, LAST_SHOWN[key])
        for n in range(args.rounds):
            _say(f"loads, round {n + 1}")
            for key, url in urls.items():
                seconds, received, attached, loaded, shown, opened = _load(page, meter, url, LAST_SHOWN[key])
                paint[key].append(seconds)
                whole[key].append(shown)
                connected[key].append(opened)
                transfer[key].append(received)
                frame[key].append((attached, loaded))
        # widget changes that leave the base map alone
        for n in range(args.rounds):
            _say(f"changes, round {n + 1}")
            _load(page, meter, urls["bare"], LAST_SHOWN["bare"])
            changes.setdefault("bare: a toggle", []).append(_change(
                page, meter, lambda: page.get_by_text("A widget that does not change the map").click()))
            _load(page, meter, urls["planner"], LAST_SHOWN["planner"])
            changes.setdefault("planner: 'Only changes'", []).append(_change(
                page, meter, lambda: page.get_by_text("Only changes").click()))
            page.get_by_role("tab", name="Link two places").click()
            changes.setdefault("planner: add a link", []).append(_change(
                page, meter, lambda: page.get_by_role("button", name="Add link", exact=True).click()))
            page.get_by_text("Current edits (1)").wait_for(timeout=5_000)  # the edit was made
            changes.setdefault("planner: undo it", []).append(_change(
                page, meter, lambda: page.get_by_role("button", name="Undo").click()))
            page.get_by_text("Current edits (0)").wait_for(timeout=5_000)
            switch = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Projects switched on")
            changes.setdefault("planner: switch a project on", []).append(_change(
                page, meter, lambda: (switch.locator("input").click(), switch.locator("input").fill("New Shanghai-Hangzhou HSR"),
                                      page.keyboard.press("Enter"))))
            changes.setdefault("planner: compare by rail", []).append(_change(
                page, meter, lambda: page.locator('[data-testid="stRadio"]').filter(has_text="Compare travel by")
                .get_by_text("rail", exact=True).click()))
            _load(page, meter, urls["presentation"], LAST_SHOWN["presentation"])
            contours = page.locator('[data-testid="stSelectbox"]').filter(has_text="Contours from zone")
            changes.setdefault("presentation: contours from a zone", []).append(_change(
                page, meter, lambda: (contours.click(), page.get_by_role("option").nth(n % 6 + 1).click())))
            _load(page, meter, urls["airports"], LAST_SHOWN["airports"])
            changes.setdefault("airports: route mode", []).append(_change(
                page, meter, lambda: page.locator('[data-testid="stRadio"]').filter(has_text="Mode")
                .get_by_text("car", exact=True).click()))
        context.close()
    _report(args.out, args.rounds, paint, transfer, changes, frame, whole, connected)
    return 0


def _median(values) -> float:
    found = [v for v in values if v == v]  # NaN: a mark the page did not report
    return statistics.median(found) if found else float("nan")


def _report(out: Path, rounds: int, paint, transfer, changes, frame, whole, connected) -> None:
    base_paint, base_bytes = statistics.median(paint["bare"]), statistics.median(transfer["bare"])
    lines = [
        "# App speed in a real browser, against a bare Streamlit + folium page",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC with `python benchmarks/app_speed.py "
        f"--rounds {rounds}` on: {platform.processor() or platform.machine()}; Linux {platform.release()}; "
        f"Python {platform.python_version()}; Chromium headless at 1440 x 900; shipped data; warm browser cache.",
        "",
        "Medians of the rounds; pages alternate round by round. `ratio` = the page's median / the bare page's.",
        "",
        "Where the first paint goes (from navigation): `connected`: the page opened its connection to the server "
        "(served by `serve.py`, every page says where the server is; Streamlit alone has a page opened at its own "
        "address, e.g. /planner, first look for the server under that address, streamlit/streamlit#7074; the bare "
        "page is at /). The map's frame is attached once the page "
        "before it has rendered; from its load to the paint the map's own script runs. `whole page`: until the "
        "page's last part is shown too (a page opened anew sends its controls after its map).",
        "",
        "| page | first map paint (s) | ratio | connected (s) | map frame attached (s) | frame loaded (s) "
        "| whole page (s) | transfer (KB) | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for key in paint:
        p, b = statistics.median(paint[key]), statistics.median(transfer[key])
        attached, loaded = _median(a for a, _ in frame[key]), _median(x for _, x in frame[key])
        lines.append(f"| {key} | {p:.2f} | {p / base_paint:.2f}x | {_median(connected[key]):.2f} | {attached:.2f} | "
                     f"{loaded:.2f} | "
                     f"{statistics.median(whole[key]):.2f} | {b / 1024:.0f} | {b / max(base_bytes, 1):.1f}x |")
    lines += ["", "Changes: the median and the slowest run (the first of an action the server has not computed before: "
              "the project switched on is the same each round, so later rounds find its networks cached; the "
              "contours start from another of the six zones each round).", "",
              "| change | time to updated view (s) | slowest (s) | received (KB) | map component reloaded |",
              "|---|---:|---:|---:|---|"]
    for key, runs in changes.items():
        seconds = statistics.median(r[0] for r in runs)
        slowest = max(r[0] for r in runs)
        received = statistics.median(r[1] for r in runs)
        reloads = sum(r[2] for r in runs)
        lines.append(f"| {key} | {seconds:.2f} | {slowest:.2f} | {received / 1024:.0f} | {reloads} of {len(runs)} runs |")
    text = "\n".join(lines) + "\n"
    print(text)
    write_text_atomic(out, text)


if __name__ == "__main__":
    raise SystemExit(main())
