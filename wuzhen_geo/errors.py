"""One exception hierarchy: every error is a ``WuzhenGeoError`` and also the builtin it refines."""

from __future__ import annotations

from wuzhen_geo.vocabulary import quoted

__all__ = [
    "WuzhenGeoError",
    "DataError",
    "DataValidationError",
    "ScenarioError",
    "UnknownPlaceError",
    "CoordinateError",
    "UnreachableError",
    "NoServiceError",
]


class WuzhenGeoError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(WuzhenGeoError, ValueError):
    """A data file cannot be read as the schema requires (missing, not JSON/YAML, wrong shape)."""


class DataValidationError(DataError):
    """The data was read but breaks the schema; ``problems`` lists every finding."""

    def __init__(self, problems):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:20]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more")
        super().__init__(f"{len(self.problems)} data problem(s):\n" + "\n".join(lines))


class _Bilingual:
    """An error with its message in both languages: :meth:`text` gives it in either (the English one is the
    error's message)."""

    def __init__(self, message: str, *, text_zh: str | None = None) -> None:
        super().__init__(message)
        self.text_zh = text_zh

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" and self.text_zh else str(self)


class ScenarioError(_Bilingual, WuzhenGeoError, ValueError):
    """A scenario (file or edit) is malformed or refers to something that does not exist."""


class UnknownPlaceError(WuzhenGeoError, KeyError):
    """A place name or id matched nothing; ``suggestions`` holds close matches."""

    def __init__(self, query: str, suggestions: list[str] | None = None):
        self.query = query
        self.suggestions = list(suggestions or [])
        msg = f"unknown place {quoted(query)}"  # one readable line, however long the input
        if self.suggestions:
            msg += "; did you mean " + ", ".join(quoted(s) for s in self.suggestions) + "?"
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]

    def text(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        if lang != "zh":
            return str(self)
        said = f"未知地点 {quoted(self.query)}"
        return said + ("；您要找的是否为 " + "、".join(quoted(s) for s in self.suggestions) + "？"
                       if self.suggestions else "")


class CoordinateError(_Bilingual, WuzhenGeoError, ValueError):
    """A coordinate could not be parsed, or lies outside the study area."""


class OptionError(_Bilingual, WuzhenGeoError, ValueError):
    """A command-line option's value cannot be used (the command line says it in the language asked)."""


class UnreachableError(WuzhenGeoError, LookupError):
    """No path exists between two places in the scenario's network."""


class NoServiceError(_Bilingual, UnreachableError):
    """No scheduled train or coach runs at the trip's departure period (night)."""
