"""Strings of the scenario file reader's errors (``wuzhen_geo.model.scenario_files``), in Chinese and English:
each is "what is wrong; how to fix it". The English text is also the message of the error raised; the file, the
field and the quoted values are the same in both."""

_RANGE = {"zh": "请给出 {lo} 到 {hi} {unit} 之间的数", "en": "give a number from {lo} to {hi} {unit}"}
_SHORT_NAME = {"zh": "请给情景起一个简短的名称，例如 name: my-plan",
               "en": "give the scenario a short name, e.g. name: my-plan"}


def _range(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh + "；" + _RANGE["zh"], "en": en + "; " + _RANGE["en"]}


STRINGS: dict[str, dict[str, str]] = {
    # numbers (speeds, headways, minutes)
    "sf_number_as_text": _range("{value} 被读作文字而不是数字{how}", "{value} is read as text, not as a number{how}"),
    "sf_how_exponent": {"zh": "（指数写作 1.0e+9）", "en": " (an exponent is written 1.0e+9)"},
    "sf_how_quotes": {"zh": "（去掉引号）", "en": " (without quotes)"},
    "sf_not_number": _range("{value} 不是数字", "{value} is not a number"),
    "sf_not_finite": _range("{value} 不是有限的数", "{value} is not a finite number"),
    "sf_not_positive": _range("{value} 不是正数", "{value} is not positive"),
    "sf_out_of_range": _range("{value} {unit} 超出{why}合理范围", "{value} {unit} is outside the plausible range{why}"),
    "sf_why_class": {"zh": " {mode} 线路（{cls}）的", "en": " for a {cls} {mode} link"},
    "sf_why_mode": {"zh": " {mode} 线路的", "en": " for a {mode} link"},
    "sf_why_headway": {"zh": "列车间隔的", "en": " between trains"},
    "sf_why_walk": {"zh": "步行时间的", "en": " for a walk"},
    "sf_walk_no_speed": {"zh": "步行线路以分钟计，没有速度；请改它的分钟数",
                         "en": "a walk link has minutes, not a speed; change its minutes instead"},
    # text
    "sf_too_long": {"zh": "{n} 个字符太长；请不超过 {max} 个字符", "en": "{n} characters is too long; keep it to {max} characters"},
    "sf_hidden_char": {"zh": "含有隐藏字符 U+{code}；请删除它", "en": "has the hidden character U+{code}; remove it"},
    "sf_file_char": {"zh": "文件名中不能有{what}；请用字母、数字、空格、“-”和“_”（名称即文件名）",
                     "en": '{what} cannot be in a file name; use letters, digits, spaces, "-" and "_" (the name '
                           "becomes the file name)"},
    "sf_the_character": {"zh": "字符 {char}", "en": "the character {char}"},
    # coordinates
    "sf_not_coord": {"zh": "{value} 不是两个有限数字组成的 [经度, 纬度]；请把坐标写成 [lon, lat]",
                     "en": "{value} is not a [lon, lat] pair of finite numbers; write a coordinate as [lon, lat]"},
    "sf_outside_area": {"zh": "[{lon}, {lat}] 在研究范围之外{hint}；请给出东经 {x0}–{x1}°、北纬 {y0}–{y1}° 之内的 "
                              "WGS-84 [lon, lat]",
                        "en": "[{lon}, {lat}] lies outside the study area{hint}; give WGS-84 [lon, lat] inside "
                              "{x0}-{x1} E, {y0}-{y1} N"},
    "sf_swapped": {"zh": "（经纬度写反了？）", "en": " (lat and lon swapped?)"},
    # links, places, projects
    "sf_unknown_link": {"zh": "未知线路 {value}；请用地图上线路的编号（弹窗中可见）或本情景新增线路的编号",
                        "en": "unknown link {value}; use the id of a link on the map (its popup shows it) or of a "
                              "link the scenario adds"},
    "sf_bad_id": {"zh": "{value} 不是有效的编号；编号只用 [a-z0-9_]，例如 rl_custom",
                  "en": "{value} is not a valid id; give an id of [a-z0-9_], e.g. rl_custom"},
    "sf_id_too_long": {"zh": "编号太长；请不超过 {max} 个字符", "en": "the id is too long; keep it to {max} characters"},
    "sf_id_exists": {"zh": "{value} 在数据中已存在；请换一个新编号", "en": "{value} already exists in the data; choose a new id"},
    "sf_id_added_before": {"zh": "{value} 已由前面的修改新增；请换一个新编号，或修改前面那项",
                           "en": "{value} is added by an earlier edit; choose a new id, or change the earlier edit"},
    "sf_bad_mode": {"zh": "{value} 不是交通方式；请用 road、rail 或 walk", "en": "{value} is not a mode; use road, rail or walk"},
    "sf_bad_class": {"zh": "{value} 不是 {mode} 的等级；请用以下之一：{choices}",
                     "en": "{value} is not a {mode} class; use one of {choices}"},
    "sf_bad_stops": {"zh": "{value} 不是含两个或更多站点的列表；请按行进顺序列出地点编号或 [lon, lat]",
                     "en": "{value} is not a list of two or more stops; list place ids or [lon, lat] pairs in travel "
                           "order"},
    "sf_too_many_stops": {"zh": "{n} 个站点太多；最多 {max} 个", "en": "{n} stops are too many; give at most {max} stops"},
    "sf_unknown_place": {"zh": "未知地点 {value}；请用地图上地点的编号（弹窗中可见），或在规划页的列表中选择地点",
                         "en": "unknown place {value}; use the id of a place on the map (its popup shows it), or pick "
                               "the place from the planner's list"},
    "sf_same_stop": {"zh": "{value} 与前一站相同；相邻两站须为不同的地点（或点）",
                     "en": "{value} is the stop before it too; give two different places (or points) in a row"},
    "sf_bad_geometry": {"zh": "不是含两个或更多 [lon, lat] 的列表；请把线写成 [[lon, lat], [lon, lat], ...]，或不写 geometry",
                        "en": "not a list of two or more [lon, lat] pairs; draw the line as [[lon, lat], [lon, lat], "
                              "...] or leave geometry out"},
    "sf_too_many_points": {"zh": "{n} 个点太多；请把线简化到最多 {max} 个点",
                           "en": "{n} points are too many; simplify the line to at most {max} points"},
    "sf_rail_no_headway": {"zh": "铁路线路缺少此项；请给出列车间隔（分钟）",
                           "en": "missing for a rail link; give minutes between trains"},
    "sf_walk_no_minutes": {"zh": "步行线路缺少此项；请给出步行时间（分钟）",
                           "en": "missing for a walk link; give the walking time in minutes"},
    "sf_not_bool": {"zh": "{value} 不是 true/false；请写 true 或 false", "en": "{value} is not true/false; write true or false"},
    "sf_unknown_field": {"zh": "未知字段；可用的字段：{fields}", "en": "unknown field; allowed fields: {fields}"},
    "sf_not_mapping": {"zh": "{value} 不是映射；每项修改请写成 {{type: ..., ...}}",
                       "en": "{value} is not a mapping; write each edit as {{type: ..., ...}}"},
    "sf_not_rail": {"zh": "{value} 不是铁路线路；只有铁路线路能设列车间隔",
                    "en": "{value} is not a rail link; set headways on rail links only"},
    "sf_bad_edit_type": {"zh": "{value} 不是修改类型；请用 add_link、remove_link、set_speed 或 set_headway",
                         "en": "{value} is not an edit type; use add_link, remove_link, set_speed or set_headway"},
    "sf_projects_not_list": {"zh": "{value} 不是列表；请写项目编号的列表，例如 [prj_...]",
                             "en": "{value} is not a list; write a list of project ids, e.g. [prj_...]"},
    "sf_unknown_project": {"zh": "未知项目 {value}；请用 projects.yaml 中的项目编号",
                           "en": "unknown project {value}; use a project id from projects.yaml"},
    "sf_removed_before": {"zh": "{value} 已被 edits[{i}] 删除；请去掉两项修改之一",
                          "en": "{value} is removed by edits[{i}]; drop one of the two edits"},
    # the file as a whole
    "sf_bad_reading": {"zh": "{value} 不是服务解读；请用 {choices} 之一，或不写此项",
                       "en": "{value} is not a reading; use one of {choices}, or leave it out"},
    "sf_name_missing": {"zh": "缺少；" + _SHORT_NAME["zh"], "en": "missing; " + _SHORT_NAME["en"]},
    "sf_not_a_name": {"zh": "{value} 不是名称；" + _SHORT_NAME["zh"], "en": "{value} is not a name; " + _SHORT_NAME["en"]},
    "sf_not_year": {"zh": "{value} 不是年份；请给出 {lo} 到 {hi} 之间的年份，或不写此项",
                    "en": "{value} is not a year; give a year between {lo} and {hi}, or leave it out"},
    "sf_edits_not_list": {"zh": "不是列表；请把修改写成 {{type: ..., ...}} 的列表",
                          "en": "not a list; write edits as a list of {{type: ..., ...}}"},
    "sf_too_many_edits": {"zh": "{n} 项修改太多；一个情景最多 {max} 项（请拆成几个情景）",
                          "en": "{n} edits are too many; keep a scenario to {max} edits (split it into several)"},
    "sf_too_big": {"zh": "{size} 字节，超过情景文件最多的 {max} 字节；请删去一些修改或简化画出的线",
                   "en": "{size} bytes, more than the {max} bytes a scenario may have; remove edits or simplify "
                         "drawn lines"},
    "sf_yaml_syntax": {"zh": "YAML 语法错误，位置：{at}；请检查那里的缩进和冒号（列表各项上下对齐）",
                       "en": "YAML syntax error at {at}; check the indentation and the colons there (items of a "
                             "list line up under each other)"},
    "sf_top_level": {"zh": "顶层必须是映射，至少含 'name'", "en": "the top level must be a mapping with at least 'name'"},
    "sf_not_utf8": {"zh": "不是 UTF-8 文本（{why}）；请把文件存为 UTF-8", "en": "not UTF-8 text ({why}); save the file as UTF-8"},
}
