"""Every user-facing string, by area, in Chinese (``zh``) and English (``en``).

Each module holds one area's ``STRINGS``; a new area adds a module here and to ``_AREAS``. A key defined in
two areas is an error at import, so areas cannot silently override each other.
"""

from __future__ import annotations

from wuzhen_geo.strings import (access, appraisal, cli, coordinates, core, data_coach, data_update, indicators,
                                map_controls, not_open, rail_rule, scenario_file, slide, streamlit_words)
from wuzhen_geo.strings.labels import LABELS

__all__ = ["STRINGS", "LABELS"]

_AREAS = (core, data_update, access, appraisal, slide, data_coach, not_open, indicators, rail_rule, cli, coordinates,
          map_controls, scenario_file, streamlit_words)


def _merged() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in _AREAS:
        for key, texts in area.STRINGS.items():
            if key in merged:
                raise ValueError(f"string key {key!r} is defined twice (in {area.__name__} and an earlier area)")
            merged[key] = texts
    return merged


STRINGS: dict[str, dict[str, str]] = _merged()
