"""A finding of a data or scenario check: :class:`Problem` (file, feature, field, message, fix), and the helpers
every check shares.
"""

from __future__ import annotations

import math
import numbers
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from wuzhen_geo.errors import DataValidationError

__all__ = ["Problem", "is_missing", "is_number", "note_translation_problems", "raise_for_problems"]


@dataclass(frozen=True)
class Problem:
    """One finding: where it is, what is wrong, how to fix it."""

    file: str
    feature: str
    field: str
    message: str
    fix: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.file}: {self.feature}: {self.field}: {self.message} (fix: {self.fix})"


def raise_for_problems(problems: Iterable[Problem]) -> None:
    """Raise :class:`~wuzhen_geo.errors.DataValidationError` listing the errors among ``problems``, if any."""
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataValidationError(errors)


def is_missing(value: Any) -> bool:
    """True for None, NaN and blank text: a field left empty."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def is_number(value: Any) -> bool:
    """True for a finite real number, numpy's included (a column without gaps reads as int64), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def note_translation_problems(file: str, fid: str, item: Mapping[str, Any], field: str = "note"
                              ) -> Iterator[Problem]:
    """``<field>_zh``, the Chinese translation of ``field`` (``note``, a project's ``not_modelled_reason``): text,
    and carrying every number of the original (a translation that drops or changes a length, a year or a time
    tells the Chinese reader something else)."""
    name = f"{field}_zh"
    text_zh = item.get(name)
    if is_missing(text_zh):
        return
    if not isinstance(text_zh, str):
        yield Problem(file, fid, name, f"{type(text_zh).__name__} instead of text", f"write {name} as text")
        return
    if is_missing(item.get(field)):
        yield Problem(file, fid, name, f"a translation of no {field}", f"add the English {field} or drop {name}",
                      severity="warning")
        return
    lost = Counter(_NUMBER.findall(str(item[field]))) - Counter(_NUMBER.findall(text_zh))
    if lost:
        yield Problem(file, fid, name, f"lacks numbers of the {field}: {', '.join(sorted(lost))}",
                      f"translate the {field} again keeping every number as written", severity="warning")
