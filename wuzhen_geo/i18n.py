"""Every user-facing string of the maps and the app, in Chinese (``zh``) and English (``en``).

``t(key, lang)`` looks a string up; ``label(group, value, lang)`` translates a data value (status, accuracy,
place kind, link class, mode); ``name(row, lang)`` picks a feature's name. Missing keys raise ``KeyError`` in
tests rather than showing a blank, and a missing translation falls back to the other language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from wuzhen_geo.strings import LABELS, STRINGS

__all__ = ["Lang", "LANGS", "STRINGS", "LABELS", "t", "label", "name", "bilingual", "check_lang", "markdown_text"]

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")


def check_lang(lang: str) -> Lang:
    """Return ``lang`` if supported, else raise ``ValueError`` naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not supported; use one of {LANGS}")
    return lang  # type: ignore[return-value]


def t(key: str, lang: str = "zh", **fmt: Any) -> str:
    """The UI string ``key`` in ``lang``, formatted with ``fmt``; ``KeyError`` for an unknown key."""
    entry = STRINGS[key]
    text = entry.get(check_lang(lang)) or next(iter(entry.values()))
    return text.format(**fmt) if fmt else text


def label(group: str, value: Any, lang: str = "zh") -> str:
    """Translate a data value (``group`` is status/accuracy/kind/class/mode); unknown values pass through."""
    entry = LABELS.get(group, {}).get(str(value))
    if entry is None:
        return "" if value is None else str(value)
    return entry.get(check_lang(lang)) or next(iter(entry.values()))


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None or NaN
        return ""
    return str(value)


def name(row: Mapping[str, Any], lang: str = "zh") -> str:
    """A feature's name in ``lang`` (falls back to the other language, then to its id)."""
    first, second = ("name_zh", "name_en") if check_lang(lang) == "zh" else ("name_en", "name_zh")
    return _text(row.get(first)) or _text(row.get(second)) or _text(row.get("id"))


def bilingual(row: Mapping[str, Any], lang: str = "zh") -> str:
    """``"桐乡站 Tongxiang"``: the name in ``lang`` first, the other after it when it differs."""
    a, b = name(row, lang), name(row, "en" if lang == "zh" else "zh")
    return a if not b or a == b else f"{a} {b}"


def markdown_text(text: Any) -> str:
    """``text`` for a Markdown widget, shown literally: every ASCII punctuation mark backslash-escaped, so a
    name like ``![](http://…)``, ``[a](javascript:…)``, ``<img …>`` or ``www.x.com`` is never an image, a
    link or HTML. Use it wherever a name from a file, the data or the user reaches ``st.markdown``-like text."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() and c.isprintable() and not c.isspace() else c
                   for c in _text(text))
