"""The Chinese notes of the built layers (``units.geojson``, ``context.geojson``): ``scripts/notes_zh.json`` maps
each English note, as a build script writes it, to its translation, so a rebuild keeps ``note_zh``; a note
without one is left untranslated (``validate`` checks that a translation keeps the note's numbers)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

_TABLE = Path(__file__).resolve().with_name("notes_zh.json")


@functools.cache
def _table() -> dict[str, str]:
    return json.loads(_TABLE.read_text(encoding="utf-8"))


def with_note_zh(props: dict[str, Any]) -> dict[str, Any]:
    """``props`` with ``note_zh`` after ``note`` when the table translates the note."""
    translated = _table().get(props.get("note") or "")
    if not translated:
        return props
    out: dict[str, Any] = {}
    for key, value in props.items():
        if key != "note_zh":
            out[key] = value
        if key == "note":
            out["note_zh"] = translated
    return out
