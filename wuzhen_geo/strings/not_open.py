"""Strings saying why a place is not in the network shown (not open in that year, or only in a project), in
Chinese and English: built from the facts the routing error carries, never from its English text."""

STRINGS: dict[str, dict[str, str]] = {
    "not_open_no_year": {
        "zh": "{place}（{status}）尚无开通年份，不在所示路网（{scenario}，{shown}年）中。",
        "en": "{place} ({status}) has no opening year, so it is not in the network shown ({scenario}, {shown}).",
    },
    "not_open_later": {
        "zh": "{place}（{status}）{year}年开通，不在所示路网（{scenario}，{shown}年）中：请选择{year}年或以后的年份。",
        "en": "{place} ({status}) opens in {year}, so it is not in the network shown ({scenario}, {shown}): "
              "choose the year {year} or later.",
    },
    "not_open_left_out": {
        "zh": "{place}（{status}，{year}年开通）不在所示路网（{scenario}，{shown}年）中。",
        "en": "{place} ({status}, opening in {year}) is not in the network shown ({scenario}, {shown}).",
    },
    "not_open_project": {
        "zh": "它属于项目“{project}”：请选择启用该项目的方案，或在规划页中启用该项目。",
        "en": "It comes with the project “{project}”: choose a scenario with that project on, or switch the "
              "project on in the planner.",
    },
    "not_open_no_project": {
        "zh": "数据中没有带来它的项目：可在规划页中新增一条连到它的线路。",
        "en": "No project in the data brings it: a link to it can be added in the planner.",
    },
}
