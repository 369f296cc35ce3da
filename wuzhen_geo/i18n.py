"""Every user-facing string of the maps and the app, in Chinese (``zh``) and English (``en``).

``t(key, lang)`` looks a string up; ``label(group, value, lang)`` translates a data value (status, accuracy,
place kind, link class, mode); ``name(row, lang)`` picks a feature's name. Missing keys raise ``KeyError`` in
tests rather than showing a blank, and a missing translation falls back to the other language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

__all__ = ["Lang", "LANGS", "STRINGS", "LABELS", "t", "label", "name", "bilingual", "check_lang", "markdown_text"]

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    # app shell
    "app_title": {"zh": "乌镇·桐乡 区域交通地图", "en": "Wuzhen · Tongxiang regional transport map"},
    "language": {"zh": "语言 Language", "en": "Language 语言"},
    "page_overview": {"zh": "总览地图", "en": "Overview map"},
    "page_airports": {"zh": "去机场要多久", "en": "Time to the airports"},
    "page_planner": {"zh": "规划情景", "en": "Planner"},
    "page_presentation": {"zh": "演示", "en": "Presentation"},
    "scenario": {"zh": "情景", "en": "Scenario"},
    "year": {"zh": "年份", "en": "Year"},
    "data_error": {
        "zh": "数据或输入有误，无法完成：",
        "en": "This cannot be done because of a problem in the data or the input:",
    },
    "internal_error": {
        "zh": "出现意外错误，已记录。请换个输入重试。",
        "en": "Something unexpected went wrong and was logged. Please try other input.",
    },
    "not_ready": {
        "zh": "此功能所需的计算模块尚未就绪。",
        "en": "The engine this page needs is not available yet.",
    },
    "overview_intro": {
        "zh": "线路按方式与等级着色，按状态区分线型；示意走向以白色圆点标出。底图为离线矢量图层。",
        "en": "Links are coloured by mode and class and dashed by status; schematic alignments carry white "
        "dots. The background is an offline vector layer.",
    },
    "counts": {"zh": "地点 {places} 个，线路 {links} 条", "en": "{places} places, {links} links"},
    "plan_view": {"zh": "规划全貌（按状态）", "en": "Plan view (by status)"},
    "pick_year": {"zh": "按年份显示", "en": "Show a given year"},
    "show_labels": {"zh": "显示名称标注", "en": "Show name labels"},
    "today_network": {"zh": "现状路网（2026）", "en": "Today's network (2026)"},
    "origin": {"zh": "出发地", "en": "Origin"},
    "origin_how": {"zh": "如何选择出发地", "en": "How to choose the origin"},
    "by_zone": {"zh": "功能区", "en": "Zone"},
    "by_name": {"zh": "地名搜索", "en": "Search a name"},
    "by_click": {"zh": "在地图上点选", "en": "Click on the map"},
    "by_coord": {"zh": "粘贴坐标", "en": "Paste a coordinate"},
    "name_hint": {"zh": "地名、编号或机场代码，如 桐乡站 / HGH", "en": "Name, id or airport code, e.g. Tongxiang / HGH"},
    "coord_hint": {
        "zh": "如 30.7459, 120.4888（纬度,经度）或从高德/百度复制的 120.4888,30.7459",
        "en": "e.g. 30.7459, 120.4888 (lat, lon) or 120.4888,30.7459 as copied from AMap / Baidu",
    },
    "coord_system": {"zh": "坐标系", "en": "Coordinate system"},
    "wgs84": {"zh": "WGS-84（GPS、谷歌、OSM）", "en": "WGS-84 (GPS, Google, OSM)"},
    "gcj02": {"zh": "GCJ-02（高德、腾讯）", "en": "GCJ-02 (AMap, Tencent)"},
    "bd09": {"zh": "BD-09（百度）", "en": "BD-09 (Baidu)"},
    "click_hint": {"zh": "在下方地图上点击出发位置。", "en": "Click your starting point on the map below."},
    "origin_now": {"zh": "当前出发地：{origin}", "en": "Origin: {origin}"},
    "no_origin": {"zh": "请先选择出发地。", "en": "Choose an origin first."},
    "did_you_mean": {"zh": "您是否要找：", "en": "Did you mean:"},
    "near_place": {"zh": "{place}附近 {distance}", "en": "near {place}, {distance}"},
    "may_mean": {"zh": "“{query}”可能指以下地点，请选择：", "en": "“{query}” may mean one of these; pick one:"},
    "no_such_place": {
        "zh": "找不到“{query}”。请输入地名、机场代码或坐标，或从列表中选择。",
        "en": "No place called “{query}”. Type a name, an airport code or a coordinate, or pick one from the list.",
    },
    "col_note": {"zh": "说明", "en": "Note"},
    "why_no_rail_route": {"zh": "无铁路方案", "en": "no rail route"},
    "why_not_in_scenario": {"zh": "本年份未开通", "en": "not in this year"},
    "why_unreachable": {"zh": "无道路可达", "en": "no road"},
    "card_times": {"zh": "驾车 {car} · 铁路 {rail} · 最快 {best}", "en": "Car {car} · Rail {rail} · Fastest {best}"},
    "airport": {"zh": "机场", "en": "Airport"},
    "col_car": {"zh": "驾车（分钟）", "en": "Car (min)"},
    "col_rail": {"zh": "铁路（分钟）", "en": "Rail (min)"},
    "col_best": {"zh": "最快（分钟）", "en": "Fastest (min)"},
    "col_legs": {"zh": "最快路线", "en": "Fastest route"},
    "col_rail_legs": {"zh": "铁路路线", "en": "Rail route"},
    "col_rail_via": {"zh": "铁路：上车站与列车", "en": "By rail: where to board, trains"},
    "choose_options": {"zh": "请选择", "en": "Choose"},
    "no_rail_route": {"zh": "无合理的铁路方案", "en": "no sensible rail route"},
    "steps_hint": {"zh": "选择机场和方式，下方列出分步路线并在地图上画出。",
                   "en": "Pick an airport and a mode: the trip is listed step by step below and drawn on the map."},
    "show_route": {"zh": "在地图上显示路线", "en": "Route shown on the map"},
    "route_steps": {"zh": "路线分步", "en": "Step by step"},
    # progress messages of the slow paths
    "working_data": {"zh": "正在载入地图数据…", "en": "Loading the map data…"},
    "working_airports": {"zh": "正在计算到各机场的时间…", "en": "Working out the times to every airport…"},
    "working_route": {"zh": "正在查找路线…", "en": "Finding the route…"},
    "working_comparison": {"zh": "正在比较修改前后的出行时间…", "en": "Comparing travel times before and after…"},
    "working_indicators": {"zh": "正在计算规划指标…", "en": "Computing the plan indicators…"},
    "working_contours": {"zh": "正在计算等时圈…", "en": "Computing the travel-time contours…"},
    "working_png": {"zh": "正在生成 PNG 图片（约 10 秒）…", "en": "Rendering the PNG (about 10 s)…"},
    "working_map": {"zh": "正在绘制地图…", "en": "Drawing the map…"},
    # readable lines of the planner's edit list
    "edit_add_link": {"zh": "新增{mode}线路 {name}（{cls}）：{stops}", "en": "Add {mode} link {name} ({cls}): {stops}"},
    "edit_remove_link": {"zh": "删除线路 {link}", "en": "Remove link {link}"},
    "edit_set_speed": {"zh": "修改速度：{link}", "en": "Set speed: {link}"},
    "edit_set_headway": {"zh": "修改发车间隔：{link}", "en": "Set headway: {link}"},
    "edit_other": {"zh": "其他修改（{type}）", "en": "Other edit ({type})"},
    "edit_speed": {"zh": "{v} 公里/小时", "en": "{v} km/h"},
    "edit_headway": {"zh": "每 {v} 分钟一班", "en": "every {v} min"},
    "edit_drawn": {"zh": "地图上画的点", "en": "point drawn on the map"},
    "cause_your_link": {"zh": "你的{mode}线路 {name}", "en": "your {mode} link {name}"},
    "legend_hint": {"zh": "点击展开/收起图例", "en": "Click to show or hide the legend"},
    "route_mode": {"zh": "方式", "en": "Mode"},
    "unreachable": {"zh": "不可达", "en": "unreachable"},
    "route_summary": {"zh": "{mode}：{minutes} 分钟，{km} 公里", "en": "{mode}: {minutes} min, {km} km"},
    "airports_intro": {
        "zh": "从功能区、地名、地图点选或粘贴的坐标出发，到各机场驾车和乘铁路各需多久（模型估算，含换乘与安检）。",
        "en": "How long to each airport by car and by rail from a zone, a place, a map click or a pasted "
        "coordinate (model estimates, including transfers and security checks).",
    },
    "planner_intro": {
        "zh": "从一个情景出发，开关规划项目、画线或选两地新增线路、删除线路、修改速度或发车间隔，比较六大功能区前后的出行时间。",
        "en": "Start from a scenario, switch plan projects on or off, add a link by drawing it or between two "
        "places, remove a link, change a speed or a headway, and compare travel times from the six zones.",
    },
    "start_from": {"zh": "起始情景", "en": "Start from"},
    "projects": {"zh": "规划项目", "en": "Plan projects"},
    "projects_on": {"zh": "启用的项目", "en": "Projects switched on"},
    "projects_off": {"zh": "关闭的项目", "en": "Projects switched off"},
    "tab_draw": {"zh": "在地图上画线", "en": "Draw on the map"},
    "tab_places": {"zh": "两地之间新增", "en": "Link two places"},
    "tab_remove": {"zh": "删除线路", "en": "Remove a link"},
    "tab_speed": {"zh": "速度 / 发车间隔", "en": "Speed / headway"},
    "f_mode": {"zh": "方式", "en": "Mode"},
    "f_class": {"zh": "等级", "en": "Class"},
    "f_speed_kmh": {"zh": "速度（公里/小时）", "en": "Speed (km/h)"},
    "f_headway_min": {"zh": "发车间隔（分钟）", "en": "Headway (min)"},
    "from_place": {"zh": "起点", "en": "From"},
    "to_place": {"zh": "终点", "en": "To"},
    "add_link": {"zh": "新增线路", "en": "Add link"},
    "remove_which": {"zh": "要删除的线路", "en": "Link to remove"},
    "remove_link": {"zh": "删除", "en": "Remove"},
    "change_which": {"zh": "要修改的线路", "en": "Link to change"},
    "set_speed": {"zh": "设置速度", "en": "Set speed"},
    "set_headway": {"zh": "设置发车间隔", "en": "Set headway"},
    "draw_hint": {
        "zh": "先在此选择方式、等级和速度，再用地图左上角的画线工具画出线路（双击结束）；线路首尾即站点。",
        "en": "Choose mode, class and speed here, then draw the line with the tool at the map's top left "
        "(double-click to finish); its first and last points become its stops.",
    },
    "edits_now": {"zh": "当前修改（{n} 项）与情景文件", "en": "Current edits ({n}) and scenario file"},
    "delete_edit": {"zh": "撤销此修改", "en": "Undo this edit"},
    "download_yaml": {"zh": "下载情景 YAML", "en": "Download scenario YAML"},
    "upload_yaml": {"zh": "上传情景 YAML", "en": "Upload scenario YAML"},
    "before_after": {"zh": "前后对比：六大功能区出发", "en": "Before vs after, from the six zones"},
    "from": {"zh": "出发", "en": "From"},
    "to": {"zh": "到达", "en": "To"},
    "causes": {"zh": "原因", "en": "Because of"},
    "only_changes": {"zh": "只看有变化的", "en": "Only changes"},
    "n_changed": {"zh": "{total} 对中有 {n} 对变化", "en": "{n} of {total} pairs changed"},
    "compare_mode": {"zh": "比较方式", "en": "Compare travel by"},
    # planner: keeping work, names, explanations, before / after maps
    "undo": {"zh": "撤销", "en": "Undo"}, "redo": {"zh": "重做", "en": "Redo"},
    "discard_edits": {"zh": "放弃 {n} 项修改？", "en": "Discard {n} edits?"},
    "discard_edit_1": {"zh": "放弃 1 项修改？", "en": "Discard 1 edit?"},
    "discard_why": {"zh": "从“{name}”重新开始会替换当前方案。", "en": "Starting from “{name}” replaces your working scenario."},
    "carry_over": {"zh": "把修改带到新情景", "en": "Carry my edits over"},
    "discard": {"zh": "放弃修改", "en": "Discard"}, "cancel": {"zh": "取消", "en": "Cancel"},
    "cannot_carry": {"zh": "修改无法带到该情景：{why}", "en": "Your edits cannot move there: {why}"},
    "scenario_name": {"zh": "方案名称（文件名）", "en": "Scenario name (file name)"},
    "title_zh": {"zh": "中文标题", "en": "Title (Chinese)"}, "title_en": {"zh": "英文标题", "en": "Title (English)"},
    "link_name_zh": {"zh": "线路中文名", "en": "Link name (Chinese)"},
    "link_name_en": {"zh": "线路英文名", "en": "Link name (English)"},
    "place_not_in_network": {"zh": "尚未在路网中（连线时连同接驳道路一起加入）",
                             "en": "not in this network yet (linking brings it in with its access roads)"},
    "cause_dropped": {"zh": "取消：{what}", "en": "dropped: {what}"},
    "shows_under": {"zh": "此修改在“最快”方式下没有变化，但在{modes}方式下有 {n} 对变化：驾车仍更快。",
                    "en": "This change shows under {modes} ({n} pairs), not under fastest: the car is still faster."},
    "no_change_any_mode": {"zh": "{what} 没有改变六大功能区到比较地点的任何出行（最快、驾车、铁路）：它比现有路线慢，或没有路线经过它。",
                           "en": "{what} changes no trip from the six zones to the compared places (fastest, car or "
                           "rail): it is slower than the routes they take, or no route passes it."},
    "stops_brought_in": {"zh": "已将 {places} 连同接驳道路加入路网。", "en": "It brought {places} into the network with their access roads."},
    "col_mode_before": {"zh": "{mode}·前", "en": "{mode} before"},
    "col_mode_after": {"zh": "{mode}·后", "en": "{mode} after"},
    "map_what": {"zh": "地图", "en": "Map"},
    "map_changes": {"zh": "变化与画线", "en": "Changes and drawing"},
    "map_side_by_side": {"zh": "前 | 后", "en": "Before | after"},
    "map_surface": {"zh": "某功能区出发的时间差", "en": "Time difference from a zone"},
    "map_before": {"zh": "修改前：{title}", "en": "Before: {title}"}, "map_after": {"zh": "修改后：{title}", "en": "After: {title}"},
    "surface_from": {"zh": "出发功能区", "en": "From zone"},
    "layer_time_difference": {"zh": "出行时间变化（后 − 前）", "en": "Travel time change (after − before)"},
    "band_faster": {"zh": "快 {a}–{b} 分钟", "en": "{a}–{b} min faster"},
    "band_slower": {"zh": "慢 {a}–{b} 分钟", "en": "{a}–{b} min slower"},
    "band_open_faster": {"zh": "快 {a} 分钟以上", "en": "over {a} min faster"},
    "band_open_slower": {"zh": "慢 {a} 分钟以上", "en": "over {a} min slower"},
    "no_surface_change": {"zh": "从该功能区出发，出行时间没有超过 5 分钟的变化。", "en": "No travel time from this zone changes by more than 5 min."},
    "layer_new_link": {"zh": "最新添加的线路", "en": "Your latest link"},
    "indicators": {"zh": "规划指标", "en": "Plan indicators"},
    "met": {"zh": "达标", "en": "met"},
    "not_met": {"zh": "未达标", "en": "not met"},
    "target_name": {"zh": "指标", "en": "Target"},
    "target": {"zh": "目标值", "en": "Target value"},
    "unit": {"zh": "单位", "en": "Unit"},
    "result": {"zh": "结果", "en": "Result"},
    "no_targets": {"zh": "数据中没有规划指标。", "en": "The data has no plan targets."},
    "presentation_intro": {
        "zh": "全屏地图：年份滑块逐步加入规划线路，可叠加从功能区出发的等时圈，导出离线 HTML 或幻灯片用 PNG。",
        "en": "Full-screen map: the year slider brings planned lines in; add travel-time contours from a zone; "
        "export offline HTML or a PNG for slides.",
    },
    "contours_from": {"zh": "等时圈出发功能区", "en": "Contours from zone"},
    "no_contours": {"zh": "不显示", "en": "none"},
    "contour_mode": {"zh": "等时圈方式", "en": "Contour mode"},
    "label_size": {"zh": "标注字号", "en": "Label size"},
    "label_kinds": {"zh": "标注哪些地点", "en": "Label these places"},
    "map_height": {"zh": "地图高度", "en": "Map height"},
    "download_png": {"zh": "下载 PNG（幻灯片）", "en": "Download PNG (slides)"},
    "make_png": {"zh": "生成 PNG", "en": "Make PNG"},
    "png_unavailable": {
        "zh": "本机没有 Chromium，无法生成 PNG：请下载 HTML，在浏览器中打开后截图。",
        "en": "No Chromium on this machine, so no PNG: download the HTML, open it in a browser and take a "
        "screenshot.",
    },
    "download_html": {"zh": "下载离线 HTML 地图", "en": "Download offline HTML map"},
    # map layers and legend
    "layer_background": {"zh": "底图（离线）", "en": "Background (offline)"},
    "layer_boundaries": {"zh": "行政边界", "en": "Boundaries"},
    "layer_zones": {"zh": "互联网小镇六大功能区", "en": "Six zones of the Internet Town"},
    "layer_roads": {"zh": "道路", "en": "Roads"},
    "layer_rail": {"zh": "铁路", "en": "Railways"},
    "layer_walk": {"zh": "换乘步行", "en": "Walking transfers"},
    "layer_airports": {"zh": "机场", "en": "Airports"},
    "layer_stations": {"zh": "车站", "en": "Stations"},
    "layer_interchanges": {"zh": "互通立交", "en": "Interchanges"},
    "layer_other_places": {"zh": "城市中心与其他地点", "en": "City centres and other places"},
    "layer_inactive": {"zh": "本情景未建成/未启用", "en": "Not in this scenario"},
    "layer_osm": {
        "zh": "OpenStreetMap 在线底图（需联网）",
        "en": "OpenStreetMap online basemap (needs internet)",
    },
    "full_screen": {"zh": "全屏显示", "en": "Full screen"},
    "layer_route": {"zh": "路线", "en": "Route"},
    "layer_isochrones": {"zh": "等时圈", "en": "Travel-time contours"},
    "layer_difference": {"zh": "情景前后差异", "en": "Before/after difference"},
    "legend_title": {"zh": "图例", "en": "Legend"},
    "legend_status": {"zh": "状态（线型）", "en": "Status (line style)"},
    "legend_modes": {"zh": "方式与等级（颜色）", "en": "Mode and class (colour)"},
    "legend_schematic": {"zh": "示意走向（未公布）", "en": "Schematic alignment (not published)"},
    "legend_places": {"zh": "地点", "en": "Places"},
    "legend_minutes": {"zh": "分钟", "en": "minutes"},
    "legend_faster": {"zh": "更快", "en": "faster"},
    "legend_slower": {"zh": "更慢", "en": "slower"},
    # popup fields
    "f_status": {"zh": "状态", "en": "Status"},
    "f_year": {"zh": "年份", "en": "Year"},
    "f_accuracy": {"zh": "精度", "en": "Accuracy"},
    "f_source": {"zh": "来源", "en": "Source"},
    "f_note": {"zh": "说明", "en": "Note"},
    "f_kind": {"zh": "类型", "en": "Kind"},
    "f_length": {"zh": "长度", "en": "Length"},
    "f_speed": {"zh": "速度", "en": "Speed"},
    "f_headway": {"zh": "发车间隔", "en": "Headway"},
    "f_minutes": {"zh": "用时", "en": "Time"},
    "f_before": {"zh": "之前", "en": "Before"},
    "f_after": {"zh": "之后", "en": "After"},
    "f_change": {"zh": "变化", "en": "Change"},
    "unknown_year": {"zh": "未知", "en": "unknown"},
    "min": {"zh": "分钟", "en": "min"},
    "km": {"zh": "公里", "en": "km"},
}

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "status": {
        "open": {"zh": "已通车", "en": "open"},
        "under_construction": {"zh": "在建", "en": "under construction"},
        "planned": {"zh": "规划", "en": "planned"},
        "proposed": {"zh": "设想/研究中", "en": "proposed"},
    },
    "accuracy": {
        "surveyed": {"zh": "实测（约100米内）", "en": "surveyed (within ~100 m)"},
        "approximate": {"zh": "近似（约1公里内）", "en": "approximate (within ~1 km)"},
        "schematic": {"zh": "示意（未公布）", "en": "schematic (not published)"},
    },
    "kind": {
        "airport": {"zh": "机场", "en": "airport"},
        "station": {"zh": "车站", "en": "station"},
        "interchange": {"zh": "互通立交", "en": "interchange"},
        "junction": {"zh": "路口", "en": "junction"},
        "city_centre": {"zh": "城市中心", "en": "city centre"},
        "poi": {"zh": "地点", "en": "point of interest"},
        "zone_access": {"zh": "功能区出入口", "en": "zone access point"},
        "zone": {"zh": "功能区（示意范围）", "en": "zone (indicative outline)"},
        "city": {"zh": "市", "en": "city"},
        "district": {"zh": "区/县", "en": "district"},
        "town": {"zh": "镇", "en": "town"},
        "coast": {"zh": "海岸线", "en": "coast"},
        "sea": {"zh": "海", "en": "sea"},
        "lake": {"zh": "湖泊", "en": "lake"},
        "river": {"zh": "河流", "en": "river"},
        "canal": {"zh": "运河", "en": "canal"},
    },
    "class": {
        "expressway": {"zh": "高速公路", "en": "expressway"},
        "urban_expressway": {"zh": "城市快速路", "en": "urban expressway"},
        "highway": {"zh": "国道/省道", "en": "highway"},
        "arterial": {"zh": "主干道", "en": "arterial road"},
        "local": {"zh": "地方道路", "en": "local road"},
        "connector": {"zh": "连接道路", "en": "connector"},
        "hsr": {"zh": "高速铁路", "en": "high-speed rail"},
        "conventional": {"zh": "普速铁路", "en": "conventional rail"},
        "intercity": {"zh": "城际铁路", "en": "intercity rail"},
        "suburban": {"zh": "市域/市郊铁路", "en": "suburban rail"},
        "metro": {"zh": "地铁", "en": "metro"},
        "transfer": {"zh": "步行换乘", "en": "walking transfer"},
    },
    "mode": {
        "car": {"zh": "驾车", "en": "car"},
        "rail": {"zh": "铁路", "en": "rail"},
        "best": {"zh": "最快", "en": "fastest"},
        "road": {"zh": "道路", "en": "road"},
        "walk": {"zh": "步行", "en": "walk"},
        "wait": {"zh": "候车", "en": "wait"},
        "processing": {"zh": "安检进站", "en": "check-in and security"},
        "board": {"zh": "上车", "en": "board"},
        "alight": {"zh": "下车", "en": "alight"},
        "access": {"zh": "接驳", "en": "access"},
    },
}


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
