"""The planner's work kept under a token in the page's address (``?work=…``), so that a reload, a closed tab
reopened from history, a restarted browser or a restarted app server finds it again.

Each browser session works under its own token: a session that finds work under a token (a reload, or an
address someone shared) takes a copy under a new token, so two tabs never overwrite each other's work. The
work is kept in the server's memory (references to the frozen scenarios and histories, no copies) and, each
time it changes, in its file (:mod:`wuzhen_geo.model.work_files`), so it outlives the server; both keep the
latest ``_KEEP`` tokens. A file that no longer fits the data is not restored, and the page says why; a write
that fails is said on the page (the work stays in memory and can be downloaded). The half-filled forms (a
draft) are kept with the work, so what was typed before "Add" outlives a reload too.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import streamlit as st

from wuzhen_geo.errors import ScenarioError, WuzhenGeoError
from wuzhen_geo.i18n import markdown_text, t
from wuzhen_geo.model import Work, prune_work_files, read_work_and_draft, work_dir, write_work

__all__ = ["TOKEN", "new_token", "save", "save_draft", "load", "load_with_draft"]

log = logging.getLogger(__name__)

#: What a token looks like in the address (anything else there is ignored).
TOKEN = re.compile(r"^[0-9a-f]{20}$")
_KEEP = 500


@st.cache_resource
def _store() -> tuple[threading.Lock, OrderedDict[str, Any]]:
    return threading.Lock(), OrderedDict()


@st.cache_resource
def _drafts() -> dict[str, dict[str, Any]]:
    """token -> the forms' draft (under the store's lock; pruned with it)."""
    return {}


def new_token() -> str:
    return secrets.token_hex(10)


def save(token: str, work: Work, folder: Path | None = None) -> None:
    """Keep ``work`` under ``token``: in memory, and in its file when it changed since the last save."""
    lock, store = _store()
    drafts = _drafts()
    with lock:
        before = store.get(token)
        store[token] = work
        store.move_to_end(token)
        while len(store) > _KEEP:
            drafts.pop(store.popitem(last=False)[0], None)
        draft = drafts.get(token)
    if before is not None and all(a is b for a, b in zip(before, work)):
        return  # nothing changed (a rerun that only redrew the page)
    _write(token, work, draft, folder)


def save_draft(token: str, draft: dict[str, Any], folder: Path | None = None) -> None:
    """Keep the forms' ``draft`` (field -> text or number) with the work under ``token``, when it changed."""
    lock, store = _store()
    drafts = _drafts()
    with lock:
        if drafts.get(token) == draft:
            return
        drafts[token] = dict(draft)
        work = store.get(token)
    if work is not None:
        _write(token, work, draft, folder)


def _write(token: str, work: Work, draft: dict[str, Any] | None, folder: Path | None) -> None:
    folder = folder or work_dir()
    try:
        write_work(folder / f"{token}.json", work, draft)
        prune_work_files(folder, _KEEP)
    except (OSError, ValueError, WuzhenGeoError) as exc:
        log.warning("work %s not written to %s: %s", token, folder, exc)
        why = markdown_text(f"{type(exc).__name__}: {exc}")
        st.warning(f"{t('work_not_saved', 'zh', why=why)}\n\n{t('work_not_saved', 'en', why=why)}",
                   icon=":material/warning:")


def load(token: str | None, data: Any, folder: Path | None = None) -> Work | None:
    """The work kept under ``token`` (memory, else its file, validated against ``data``), or None."""
    return load_with_draft(token, data, folder)[0]


def load_with_draft(token: str | None, data: Any, folder: Path | None = None) -> tuple[Work | None, dict[str, Any]]:
    """The work kept under ``token`` as :func:`load` finds it, and the forms' draft kept with it (empty when
    none); a file is read once for both."""
    if not token or not TOKEN.match(token):
        return None, {}
    lock, store = _store()
    with lock:
        kept, draft = store.get(token), _drafts().get(token)
    if kept is not None:
        return kept, dict(draft or {})
    path = (folder or work_dir()) / f"{token}.json"
    if not path.is_file():  # an address from elsewhere, or work pruned since: a new plan, said so
        st.info(f"{t('work_not_found', 'zh')}\n\n{t('work_not_found', 'en')}", icon=":material/info:")
        return None, {}
    try:
        return read_work_and_draft(path, data)
    except (OSError, ValueError, WuzhenGeoError) as exc:  # e.g. a link the data no longer have: said, not hidden
        log.warning("work %s in %s not restored: %s", token, path, exc)
        # each language's part in its language where the error has both (a scenario's does)
        why = {code: markdown_text((exc.text(code) if isinstance(exc, ScenarioError) else str(exc))[:300])
               for code in ("zh", "en")}
        st.warning(f"{t('work_not_restored', 'zh', why=why['zh'])}\n\n{t('work_not_restored', 'en', why=why['en'])}",
                   icon=":material/warning:")
        return None, {}
