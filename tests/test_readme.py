"""The README does what it says: two set-up commands first, and its Python example runs as printed."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_opens_with_exactly_two_setup_commands():
    first = _blocks("bash")[0]
    commands = [line.split("#")[0].strip() for line in first.splitlines() if line.split("#")[0].strip()]
    assert commands == ["bash scripts/start.sh", "bash scripts/test.sh"]


def test_the_python_example_runs_and_prints_the_answers_it_promises():
    (example,) = _blocks("python")
    assert len(example.strip().splitlines()) <= 12
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(example, "README.md", "exec"), {})  # noqa: S102 - our own README
    text = out.getvalue()
    assert "HGH" in text and "PVG" in text  # the airport table
    assert re.search(r"^\d+ min: car \d+ min", text, flags=re.M)  # the rail trip with its legs
    assert "causes_text" in text  # the comparison
