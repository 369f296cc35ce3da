"""``wuzhen-geo export``: the slide, the paper, the timeline, and the one-line errors for what it refuses.

The argument checks need no browser; the runs that render are marked ``browser`` (Debian's Chromium).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from wuzhen_geo.cli import main
from wuzhen_geo.cli.export_commands import MAX_TIMELINE_YEARS, timeline_years

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs apt-get install -y chromium")


def _error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err  # one line, no traceback
    return err[0]


def test_timeline_years_are_both_ends_included():
    assert timeline_years("2026:2035") == list(range(2026, 2036))
    assert timeline_years("2030:2030") == [2030]


@pytest.mark.parametrize(("argv", "says"), [
    (["--out", "x.txt"], "--format png, pdf, svg, gif or mp4"),
    (["--out", "x.mp4"], "--format mp4 needs --timeline"),
    (["--out", "x.gif", "--timeline", "2035:2026"], "the first not after the last"),
    (["--out", "x.png", "--timeline", "2026:2030"], "--timeline makes a GIF or an MP4"),
    (["--out", "x.gif", "--timeline", "2026-2035"], "FROM:TO"),
    (["--out", "x.gif", "--timeline", f"2000:{2000 + MAX_TIMELINE_YEARS}"], "too many"),
    (["--out", "x.gif"], "needs --timeline"),
    (["--out", "x.png", "--timeline", "2026:2030", "--format", "png"], "--timeline makes a GIF"),
    (["--out", "x.pdf", "--size", "3840x2160"], "--paper A4 or A3"),
    (["--out", "x.png", "--paper", "A3"], "--paper is for PDF and SVG"),
    (["--out", "x.png", "--year", "1800"], "--year 1800"),
    (["--out", "x.gif", "--timeline", "2026:2028", "--year", "2030"], "give one"),
    (["--out", "x.png", "--scenario", "no-such-plan"], "unknown scenario"),
])
def test_export_refuses_in_one_line_naming_the_flag(capsys, tmp_path, mini_dir, argv, says):
    argv = [a if a not in ("x.txt", "x.png", "x.gif", "x.pdf", "x.mp4") else str(tmp_path / a) for a in argv]
    line = _error(capsys, ["--data", str(mini_dir), "export", *argv])
    assert says in line
    assert not any(tmp_path.iterdir())  # nothing written


def test_export_to_a_missing_folder_says_so(capsys, tmp_path, mini_dir, monkeypatch):
    # the render is not the point here: the write is checked after it, so give it bytes at once
    monkeypatch.setattr("wuzhen_geo.cli.export_commands.render_slide", lambda *a, **k: b"\x89PNG")
    line = _error(capsys, ["--data", str(mini_dir), "export", "--out", str(tmp_path / "no" / "s.png")])
    assert "does not exist" in line


def test_no_chromium_is_one_line_with_the_fix(capsys, tmp_path, mini_dir, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on it
    monkeypatch.delenv("WUZHEN_GEO_CHROMIUM", raising=False)
    line = _error(capsys, ["--data", str(mini_dir), "export", "--out", str(tmp_path / "s.png")])
    assert "apt-get install -y chromium" in line


@pytest.mark.browser
@needs_chromium
def test_export_png_pdf_and_svg(capsys, tmp_path, mini_dir):
    png, pdf = tmp_path / "slide.png", tmp_path / "slide.pdf"
    assert main(["--data", str(mini_dir), "export", "--out", str(png), "--size", "3840x2160", "--lang", "en"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert Image.open(BytesIO(png.read_bytes())).size == (3840, 2160)
    assert main(["--data", str(mini_dir), "export", "--out", str(pdf), "--paper", "a3", "--year", "2028"]) == 0
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]*)\]", pdf.read_bytes()).group(1).split()]
    assert box[2] > box[3]  # landscape
    assert box[2] == pytest.approx(420 / 25.4 * 72, abs=1.0)
    svg = tmp_path / "slide.svg"
    assert main(["--data", str(mini_dir), "export", "--out", str(svg)]) == 0
    head = svg.read_text(encoding="utf-8")[:100]
    assert head.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="297mm" height="210mm"')


@pytest.mark.browser
@needs_chromium
def test_export_timeline_gif_has_a_frame_per_year(capsys, tmp_path, mini_dir):
    gif = tmp_path / "timeline.gif"
    assert main(["--data", str(mini_dir), "export", "--timeline", "2026:2029", "--out", str(gif)]) == 0
    assert "GIF, 4 years 2026-2029" in capsys.readouterr().out
    image = Image.open(BytesIO(gif.read_bytes()))
    assert image.n_frames == 4
