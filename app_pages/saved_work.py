"""The planner's work kept on the server under a token in the page's address (``?work=…``), so that a reload,
a closed tab reopened from history or a restarted browser session finds it again.

Each browser session works under its own token: a session that finds work under a token (a reload, or an
address someone shared) takes a copy under a new token, so two tabs never overwrite each other's work. The
store lives as long as the app server and keeps the latest ``_KEEP`` tokens; it holds references to the
frozen scenarios and histories, no copies.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections import OrderedDict
from typing import Any

import streamlit as st

__all__ = ["TOKEN", "new_token", "save", "load"]

#: What a token looks like in the address (anything else there is ignored).
TOKEN = re.compile(r"^[0-9a-f]{20}$")
_KEEP = 500


@st.cache_resource
def _store() -> tuple[threading.Lock, OrderedDict[str, Any]]:
    return threading.Lock(), OrderedDict()


def new_token() -> str:
    return secrets.token_hex(10)


def save(token: str, work: Any) -> None:
    """Keep ``work`` under ``token`` (the latest ``_KEEP`` tokens are kept)."""
    lock, store = _store()
    with lock:
        store[token] = work
        store.move_to_end(token)
        while len(store) > _KEEP:
            store.popitem(last=False)


def load(token: str | None) -> Any:
    """The work kept under ``token``, or None."""
    if not token or not TOKEN.match(token):
        return None
    lock, store = _store()
    with lock:
        return store.get(token)
