"""PNG and PDF snapshots of an exported map, for slides and print, made with a headless Chromium if one is
installed.

The exported HTML (:func:`wuzhen_geo.maps.export_html`) is self-contained, so Chromium renders it from a
temporary file with no network. :func:`html_to_png` takes a screenshot (``scale`` 2 doubles the pixels of
the same layout: 3840 × 2160 from a 1920 × 1080 page, sharp); :func:`html_to_pdf` prints the page, its
paper size set by the page's CSS ``@page`` rule, and keeps vectors as vectors; :func:`html_to_svg` reads the
SVG document a slide page writes of itself (:mod:`wuzhen_geo.maps.slide`). Without Chromium both raise
``RuntimeError`` saying what to install; the alternative is to open the exported HTML in any browser.
"""

from __future__ import annotations

import base64
import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from wuzhen_geo.data import write_text_atomic

__all__ = ["find_chromium", "html_to_pdf", "html_to_png", "html_to_svg"]

log = logging.getLogger(__name__)

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = [
    "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--disable-quic",
]


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome executable (``$WUZHEN_GEO_CHROMIUM`` first), or ``None``."""
    env = os.environ.get("WUZHEN_GEO_CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _snapshot(page: str, out_name: str | None, out_flags: list[str], *, width: int, height: int, wait_ms: int,
              chromium: str | None, timeout_s: float, what: str) -> bytes:
    """Run Chromium on ``page`` (written to a temporary file) with ``out_flags`` naming ``{out}``; the bytes of
    ``{out}``, or Chromium's standard output when ``out_name`` is None."""
    exe = chromium or find_chromium()
    if exe is None:
        raise RuntimeError(f"no Chromium found for the {what}; install it (apt-get install -y chromium) "
                           "or open the exported HTML in a browser and take a screenshot")
    with tempfile.TemporaryDirectory(prefix="wuzhen_geo_png_") as tmp:
        html_path = write_text_atomic(Path(tmp) / "map.html", page)
        out_path = Path(tmp) / (out_name or "stdout")
        args = [exe, *_FLAGS, f"--window-size={int(width)},{int(height)}", f"--virtual-time-budget={int(wait_ms)}",
                f"--user-data-dir={Path(tmp) / 'profile'}",
                *(f.format(out=out_path) for f in out_flags), html_path.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            proc = subprocess.run(args, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{exe} did not finish the {what} within {timeout_s:.0f} s") from None
        if out_name is None and proc.returncode == 0:
            return proc.stdout
        if not out_path.exists():
            tail = proc.stderr.decode("utf-8", "replace")[-500:]
            raise RuntimeError(f"{exe} wrote no {what} (exit {proc.returncode}): {tail}")
        return out_path.read_bytes()


def html_to_png(page: str, *, width: int = 1920, height: int = 1080, wait_ms: int = 4000,
                chromium: str | None = None, timeout_s: float = 60.0, scale: float = 1.0) -> bytes:
    """Render a self-contained HTML page to PNG bytes: a ``width`` × ``height`` page, ``width * scale`` ×
    ``height * scale`` pixels (``scale`` 2: the same layout, twice as sharp).

    Raises
    ------
    RuntimeError
        No Chromium found (install it, e.g. ``apt-get install -y chromium``), or it failed to render.
    """
    flags = ["--screenshot={out}"]
    if scale != 1:
        flags.insert(0, f"--force-device-scale-factor={float(scale):g}")
    return _snapshot(page, "map.png", flags, width=width, height=height, wait_ms=wait_ms, chromium=chromium,
                     timeout_s=timeout_s, what="PNG snapshot")


def html_to_pdf(page: str, *, width: int, height: int, wait_ms: int = 4000, chromium: str | None = None,
                timeout_s: float = 60.0) -> bytes:
    """Print a self-contained HTML page to PDF bytes, laid out in a ``width`` × ``height`` (CSS pixel)
    window; the paper size is the page's CSS ``@page`` size (give the window the same size, so the map is
    laid out as it will be printed). No header or footer is added.

    Raises
    ------
    RuntimeError
        No Chromium found, or it failed to print.
    """
    return _snapshot(page, "map.pdf", ["--no-pdf-header-footer", "--print-to-pdf={out}"], width=width,
                     height=height, wait_ms=wait_ms, chromium=chromium, timeout_s=timeout_s, what="PDF")


def html_to_svg(page: str, *, width: int, height: int, wait_ms: int = 4000, chromium: str | None = None,
                timeout_s: float = 60.0) -> bytes:
    """The SVG document a slide page (``slide_page(..., svg=True)``) writes into its ``data-wz-svg`` attribute
    once laid out in a ``width`` × ``height`` window, as UTF-8 bytes.

    Raises
    ------
    RuntimeError
        No Chromium found, it failed, or the page wrote no SVG (not a slide page made for SVG).
    """
    dom = _snapshot(page, None, ["--dump-dom"], width=width, height=height, wait_ms=wait_ms, chromium=chromium,
                    timeout_s=timeout_s, what="SVG")
    found = re.search(rb'data-wz-svg="([A-Za-z0-9+/=]+)"', dom)
    if not found:
        raise RuntimeError("the page wrote no SVG: make it with slide_page(..., svg=True), or export a PDF")
    return base64.b64decode(found.group(1))
