"""Editing a scenario: typed edits applied one at a time, each validated as a scenario file is.

A :class:`~wuzhen_geo.model.scenarios.Scenario` is frozen, so every function here returns a new one and
leaves its argument as it was. An edit is checked by writing the edited scenario as a scenario file and
reading it back with :func:`~wuzhen_geo.model.scenario_files.load_scenario`: one set of rules for files,
the app and the API, and every problem a ``ScenarioError`` naming the field (``edits[2].speed_kmh``) and
the fix. The scenario returned is the one read back, so it equals what a downloaded file reloads to.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from wuzhen_geo.data import GeoData
from wuzhen_geo.errors import ScenarioError
from wuzhen_geo.i18n import t
from wuzhen_geo.model.scenario_files import load_scenario, scenario_to_yaml
from wuzhen_geo.model.scenarios import TODAY, AddLink, Edit, RemoveLink, Scenario, SetHeadway, SetSpeed

__all__ = [
    "EditHistory",
    "apply_edit",
    "new_link_id",
    "own_edits",
    "rebased",
    "remove_edit",
    "scenario_from_bytes",
    "with_titles",
    "with_projects",
    "with_service_reading",
    "with_year",
    "working_copy",
]

_EDIT_TYPES = (AddLink, RemoveLink, SetSpeed, SetHeadway)

#: Prefix of a new link's id, by mode (``rl_custom_1``, ``rd_custom_1``, ``wk_custom_1``).
_ID_PREFIX = {"rail": "rl", "road": "rd", "walk": "wk"}


def _validated(scenario: Scenario, data: GeoData) -> Scenario:
    """``scenario`` written as a file and read back: validated against ``data`` by the file rules."""
    try:
        text = scenario_to_yaml(scenario)
    except (TypeError, ValueError, AttributeError, yaml.YAMLError) as exc:
        raise ScenarioError(f"scenario: cannot be written as a scenario file ({exc}); "
                            "give ids as text, numbers as numbers and stops as ids or (lon, lat)") from None
    return load_scenario(text, data)


def with_year(scenario: Scenario | None, year: int | None) -> Scenario:
    """``scenario`` (today's network when ``None``) in ``year``; its own year when ``year`` is ``None``."""
    scenario = scenario or TODAY
    return scenario if year is None else dataclasses.replace(scenario, year=int(year))


#: Title of a planner's working copy: its own, so that a downloaded file never calls a plan "Today".
WORKING_TITLES = {"zh": "我的方案", "en": "My plan"}


def working_copy(base: Scenario | None, *, year: int | None = None, name: str = "my-plan") -> Scenario:
    """A planner's starting point: ``base`` (today's network when ``None``) renamed and titled "My plan /
    我的方案", in ``year`` if given."""
    base = base or TODAY
    return dataclasses.replace(base, name=name, title_zh=WORKING_TITLES["zh"], title_en=WORKING_TITLES["en"],
                               year=int(year) if year is not None else base.year)


def with_titles(scenario: Scenario, name: str, title_zh: str, title_en: str, data: GeoData) -> Scenario:
    """``scenario`` with this short ``name`` and these titles (surrounding spaces dropped), validated as a
    file is: ``ScenarioError`` for an empty name."""
    return _validated(dataclasses.replace(scenario, name=str(name).strip(), title_zh=str(title_zh).strip(),
                                          title_en=str(title_en).strip()), data)


def with_service_reading(scenario: Scenario, reading: str | None, data: GeoData) -> Scenario:
    """``scenario`` read with this service reading of planned lines (``None``: the configuration's), validated
    as a file is: ``ScenarioError`` for an unknown reading."""
    return _validated(dataclasses.replace(scenario, service_reading=reading), data)


def own_edits(scenario: Scenario, base: Scenario | None) -> tuple[Edit, ...]:
    """The edits ``scenario`` made after those of ``base`` (all of them when ``base`` has none or is not
    where they start)."""
    first = tuple(base.edits) if base is not None else ()
    return scenario.edits[len(first):] if scenario.edits[:len(first)] == first else scenario.edits


def rebased(scenario: Scenario, old_base: Scenario | None, new_base: Scenario | None, data: GeoData) -> Scenario:
    """The planner's ``scenario`` (made from ``old_base``) moved onto ``new_base``: ``new_base``'s year,
    projects and edits (today's network when ``None``), then ``scenario``'s own edits, name and titles.

    Raises ``ScenarioError`` (naming the edit) when an own edit is not valid on ``new_base``, e.g. it
    changes a link only ``old_base`` added.
    """
    base = new_base or TODAY
    edits = (*base.edits, *own_edits(scenario, old_base))
    return _validated(dataclasses.replace(base, name=scenario.name, title_zh=scenario.title_zh,
                                          title_en=scenario.title_en, edits=edits), data)


@dataclasses.dataclass(frozen=True)
class EditHistory:
    """Undo / redo of a planner's states (any values, e.g. scenarios), at most ``limit`` steps back.

    Frozen: every method returns a new history. ``past`` ends with the state just before the current one;
    ``future`` ends with the next state to redo.
    """

    past: tuple[Any, ...] = ()
    future: tuple[Any, ...] = ()
    limit: int = 50

    @property
    def can_undo(self) -> bool:
        return bool(self.past)

    @property
    def can_redo(self) -> bool:
        return bool(self.future)

    def push(self, previous: Any) -> EditHistory:
        """The history after a new change away from ``previous``: what was undone is forgotten."""
        return dataclasses.replace(self, past=(*self.past, previous)[-self.limit:], future=())

    def undo(self, current: Any) -> tuple[EditHistory, Any]:
        """``(history, state to show)`` one step back; ``IndexError`` when there is nothing to undo."""
        if not self.past:
            raise IndexError("nothing to undo")
        return dataclasses.replace(self, past=self.past[:-1], future=(*self.future, current)), self.past[-1]

    def redo(self, current: Any) -> tuple[EditHistory, Any]:
        """``(history, state to show)`` one step forward again; ``IndexError`` when there is nothing to redo."""
        if not self.future:
            raise IndexError("nothing to redo")
        return (dataclasses.replace(self, past=(*self.past, current)[-self.limit:], future=self.future[:-1]),
                self.future[-1])


def apply_edit(scenario: Scenario, edit: Edit, data: GeoData) -> Scenario:
    """``scenario`` with ``edit`` appended, validated against ``data`` exactly as a scenario file is.

    Parameters
    ----------
    scenario
        The scenario to edit (left unchanged).
    edit
        An :class:`AddLink`, :class:`RemoveLink`, :class:`SetSpeed` or :class:`SetHeadway`.
    data
        The base data the edit refers to.

    Returns
    -------
    Scenario
        A new scenario whose last edit is ``edit`` (numbers as floats, stops as tuples).

    Raises
    ------
    ScenarioError
        The edit names an unknown link or place, a mode or class that does not exist, a number that is not
        positive, a coordinate outside the study area, …: the message names the field
        (``edits[3].headway_min``) and the fix.
    """
    if not isinstance(edit, _EDIT_TYPES):
        raise ScenarioError(f"edit: {edit!r} is not an edit; use AddLink, RemoveLink, SetSpeed or SetHeadway")
    return _validated(dataclasses.replace(scenario, edits=(*scenario.edits, edit)), data)


def remove_edit(scenario: Scenario, index: int, data: GeoData | None = None) -> Scenario:
    """``scenario`` without its edit number ``index`` (from 0).

    With ``data`` the result is validated too: removing an added link that a later edit changes raises
    ``ScenarioError`` naming that edit. ``IndexError`` for an index that is not an edit's.
    """
    if not -len(scenario.edits) <= index < len(scenario.edits):
        raise IndexError(f"edit {index}: the scenario has {len(scenario.edits)} edit(s)")
    edits = list(scenario.edits)
    del edits[index]
    result = dataclasses.replace(scenario, edits=tuple(edits))
    return _validated(result, data) if data is not None else result


def with_projects(scenario: Scenario, on: list[str] | tuple[str, ...], off: list[str] | tuple[str, ...],
                  data: GeoData) -> Scenario:
    """``scenario`` with these projects switched on and off (replacing its lists); ``ScenarioError`` for an
    id that is not in ``projects.yaml``."""
    return _validated(dataclasses.replace(scenario, projects_on=tuple(on), projects_off=tuple(off)), data)


def new_link_id(scenario: Scenario, data: GeoData, mode: str) -> str:
    """The first free id ``rl_custom_N`` (rail), ``rd_custom_N`` (road) or ``wk_custom_N`` (walk): used by no
    link or place of the data and no link the scenario adds."""
    prefix = _ID_PREFIX.get(mode, "rd")
    used = {e.id for e in scenario.edits if isinstance(e, AddLink)}
    n = 1
    while (lid := f"{prefix}_custom_{n}") in used or lid in data.links.index or lid in data.places.index:
        n += 1
    return lid


def scenario_from_bytes(content: bytes, data: GeoData, *, filename: str = "scenario") -> Scenario:
    """A scenario from the bytes of an uploaded file: UTF-8 YAML, validated against ``data``.

    Raises ``ScenarioError`` naming ``filename`` for text that is not UTF-8, and the field and fix (see
    :func:`~wuzhen_geo.model.scenario_files.load_scenario`) for anything else.
    """
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(f"{filename}: {t('sf_not_utf8', 'en', why=exc)}",
                            text_zh=f"{filename}：{t('sf_not_utf8', 'zh', why=exc)}") from None
    # YAML text, never a file name: one line ending in .yaml would otherwise be read as a path.
    try:
        return load_scenario(text if "\n" in text else text + "\n", data)
    except ScenarioError as exc:  # name the file the user chose, not "scenario"
        message, message_zh = str(exc), exc.text("zh")
        if message.startswith("scenario:"):
            raise ScenarioError(filename + message[len("scenario"):],
                                text_zh=filename + message_zh[len("scenario"):]) from None
        raise
