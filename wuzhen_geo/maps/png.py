"""PNG snapshots of an exported map, for slides, made with a headless Chromium if one is installed.

The exported HTML (:func:`wuzhen_geo.maps.export_html`) is self-contained, so Chromium renders it from a
temporary file with no network. Without Chromium, :func:`html_to_png` raises ``RuntimeError`` saying what to
install; the alternative is to open the exported HTML in any browser and take a screenshot.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from wuzhen_geo.data import write_text_atomic

__all__ = ["find_chromium", "html_to_png"]

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


def html_to_png(page: str, *, width: int = 1920, height: int = 1080, wait_ms: int = 4000,
                chromium: str | None = None, timeout_s: float = 60.0) -> bytes:
    """Render a self-contained HTML page to PNG bytes (``width`` × ``height`` pixels).

    Raises
    ------
    RuntimeError
        No Chromium found (install it, e.g. ``apt-get install -y chromium``), or it failed to render.
    """
    exe = chromium or find_chromium()
    if exe is None:
        raise RuntimeError("no Chromium found for the PNG snapshot; install it (apt-get install -y chromium) "
                           "or open the exported HTML in a browser and take a screenshot")
    with tempfile.TemporaryDirectory(prefix="wuzhen_geo_png_") as tmp:
        html_path = write_text_atomic(Path(tmp) / "map.html", page)
        png_path = Path(tmp) / "map.png"
        args = [exe, *_FLAGS, f"--window-size={int(width)},{int(height)}", f"--virtual-time-budget={int(wait_ms)}",
                f"--user-data-dir={Path(tmp) / 'profile'}", f"--screenshot={png_path}", html_path.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            proc = subprocess.run(args, capture_output=True, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{exe} did not finish the snapshot within {timeout_s:.0f} s") from None
        if not png_path.exists():
            tail = proc.stderr.decode("utf-8", "replace")[-500:]
            raise RuntimeError(f"{exe} wrote no PNG (exit {proc.returncode}): {tail}")
        return png_path.read_bytes()
