"""A planner's work as a file: the start it began from, its undo / redo history, the working scenario and the
half-filled forms (a draft: what was typed before "Add").

The app keeps each browser session's work under a token; this module writes it to ``<token>.json`` in
:func:`work_dir` and reads it back, so that the work outlives the app server. The scenarios are stored as the
YAML a planner downloads and read back through :func:`~wuzhen_geo.model.editing.scenario_from_bytes`, validated
against the data as an uploaded file is: a file that no longer fits the data (a link since removed, a changed
format) is refused whole with a ``ScenarioError`` or ``ValueError``, never half restored.
"""

from __future__ import annotations

import functools
import json
import math
import os
from pathlib import Path
from typing import Any

from wuzhen_geo.data.io import GeoData, write_text_atomic
from wuzhen_geo.model.editing import EditHistory, scenario_from_bytes
from wuzhen_geo.model.scenario_files import scenario_to_yaml

__all__ = ["WORK_ENV", "Work", "prune_work_files", "read_work", "read_work_and_draft", "work_dir", "write_work"]

#: Environment variable naming the folder of kept work (else ``$XDG_CACHE_HOME`` or ``~/.cache``, then
#: ``wuzhen_geo/work``).
WORK_ENV = "WUZHEN_GEO_WORK"
#: ``(start, history, scenario)``: the start choice (a scenario name, ``""`` for today's network), the
#: :class:`EditHistory` of ``(start, scenario)`` states, and the working scenario.
Work = tuple[str, EditHistory, Any]
_FORMAT = 1
#: A larger file is not read (101 scenarios of the largest size a scenario file may have stay well below).
MAX_WORK_FILE_BYTES = 8_000_000
#: A draft is a few form fields: names (at most 80 characters in the forms), speeds, choices.
MAX_DRAFT_FIELDS, MAX_DRAFT_TEXT = 64, 200


def work_dir() -> Path:
    """``$WUZHEN_GEO_WORK``, else ``$XDG_CACHE_HOME/wuzhen_geo/work`` (``~/.cache/…`` by default)."""
    env = os.environ.get(WORK_ENV)
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wuzhen_geo" / "work"


def write_work(path: Path, work: Work, draft: dict[str, Any] | None = None) -> None:
    """Write ``work`` (and the forms' ``draft``, field -> text or number) to ``path`` atomically (its folder
    created, private to the user, when missing). Raises ``OSError`` or ``DataError`` (naming the path and the
    fix) when it cannot."""
    start, history, scenario = work

    def states(seq: tuple[Any, ...]) -> list[list[str]]:
        return [[str(name), _yaml(s)] for name, s in seq]

    doc = {"format": _FORMAT, "start": str(start), "scenario": _yaml(scenario),
           "past": states(history.past), "future": states(history.future), "limit": history.limit}
    if draft:
        doc["draft"] = _checked_draft(draft)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_text_atomic(path, json.dumps(doc, ensure_ascii=False))


@functools.lru_cache(maxsize=2048)
def _yaml(scenario: Any) -> str:
    """The YAML of a (frozen, hashable) scenario, made once: a history repeats the same states save after save."""
    return scenario_to_yaml(scenario)


def read_work(path: Path, data: GeoData) -> Work:
    """The work in ``path``, every scenario validated against ``data``. Raises ``OSError`` (unreadable),
    ``ValueError`` (not a file of kept work, or too large) or ``ScenarioError`` (a scenario that does not fit
    the data)."""
    return read_work_and_draft(path, data)[0]


def read_work_and_draft(path: Path, data: GeoData) -> tuple[Work, dict[str, Any]]:
    """The work in ``path`` as :func:`read_work` reads it, and the forms' draft kept with it (empty when it has
    none, or one that is not a small table of texts and numbers: a draft is a convenience, the work stands)."""
    if path.stat().st_size > MAX_WORK_FILE_BYTES:
        raise ValueError(f"{path}: larger than {MAX_WORK_FILE_BYTES} bytes; not a file of kept work")
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("format") != _FORMAT:
        raise ValueError(f"{path}: not a file of kept work (format {_FORMAT})")

    def scenario(text: Any) -> Any:
        if not isinstance(text, str):
            raise ValueError(f"{path}: a scenario is not text")
        return scenario_from_bytes(text.encode("utf-8"), data, filename=path.name)

    def states(seq: Any) -> tuple[tuple[str, Any], ...]:
        if not isinstance(seq, list) or not all(isinstance(s, list) and len(s) == 2 for s in seq):
            raise ValueError(f"{path}: the history is not a list of [start, scenario] pairs")
        return tuple((str(name), scenario(text)) for name, text in seq)

    limit = doc.get("limit")
    if not isinstance(limit, int) or not 1 <= limit <= 1000:
        raise ValueError(f"{path}: the history's limit {limit!r} is not a whole number from 1 to 1000")
    history = EditHistory(past=states(doc.get("past")), future=states(doc.get("future")), limit=limit)
    try:
        draft = _checked_draft(doc.get("draft") or {})
    except ValueError:
        draft = {}
    return (str(doc.get("start", "")), history, scenario(doc.get("scenario"))), draft


def _checked_draft(draft: Any) -> dict[str, Any]:
    """``draft`` when it is at most :data:`MAX_DRAFT_FIELDS` fields of short text or finite numbers."""
    if not isinstance(draft, dict) or len(draft) > MAX_DRAFT_FIELDS:
        raise ValueError(f"a draft is a table of at most {MAX_DRAFT_FIELDS} fields")
    for key, value in draft.items():
        fits = (isinstance(value, str) and len(value) <= MAX_DRAFT_TEXT) or (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value))
        if not isinstance(key, str) or len(key) > MAX_DRAFT_TEXT or not fits:
            raise ValueError(f"draft field {str(key)[:40]!r} is not short text or a finite number")
    return dict(draft)


def prune_work_files(folder: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently written ``*.json`` files of ``folder``."""
    files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    for old in files[:max(0, len(files) - keep)]:
        old.unlink(missing_ok=True)
