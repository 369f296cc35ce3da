"""Strings of the command line's trip tables (``route``, ``airports``), in Chinese and English: with
``--lang zh`` a table's headers, modes and summary line are Chinese, as its names and legs already were."""

STRINGS: dict[str, dict[str, str]] = {
    "cli_route_summary": {"zh": "情景 {scenario}，方式 {mode}：{minutes}，{km}",
                          "en": "scenario {scenario}, mode {mode}: {minutes}, {km}"},
    "cli_airports_heading": {"zh": "出发地 {origin} · 情景 {scenario}", "en": "From {origin} - scenario {scenario}"},
    "cli_route_none": {"zh": "{a} → {b}，{mode}：{why}", "en": "{a} → {b} by {mode}: {why}"},
    "cli_unreachable": {"zh": "不可达（{why}）", "en": "unreachable ({why})"},
    "cli_no_legs": {"zh": "（无分段：起点即终点）", "en": "(no legs: origin and destination coincide)"},
    "cli_col_mode": {"zh": "方式", "en": "mode"},
    "cli_col_from": {"zh": "起点", "en": "from"},
    "cli_col_to": {"zh": "终点", "en": "to"},
    "cli_col_minutes": {"zh": "分钟", "en": "minutes"},
    "cli_col_km": {"zh": "公里", "en": "km"},
    "cli_col_line": {"zh": "线路", "en": "line"},
    "cli_col_airport": {"zh": "机场", "en": "airport"},
    "cli_col_by": {"zh": "方式", "en": "by"},
    "cli_col_time": {"zh": "时间", "en": "time"},
    "cli_col_legs": {"zh": "分段", "en": "legs"},
    "cli_matrix_heading": {"zh": "分钟数 · {mode} · 情景 {scenario}", "en": "Minutes by {mode} - scenario {scenario}"},
    "cli_isochrone_heading": {"zh": "等时圈 · 自 {origin} · {mode} · 情景 {scenario}",
                              "en": "Isochrones from {origin} by {mode} - scenario {scenario}"},
    "cli_col_within": {"zh": "时限内", "en": "within"},
    "cli_col_area": {"zh": "面积（平方公里）", "en": "area km²"},
    "cli_indicators_heading": {"zh": "规划指标 · 情景 {scenario}", "en": "Plan indicators - scenario {scenario}"},
    "cli_col_target": {"zh": "目标", "en": "target"},
    "cli_col_target_value": {"zh": "目标值", "en": "target value"},
    "cli_col_measured": {"zh": "测得", "en": "measured"},
    "cli_col_met": {"zh": "是否达标", "en": "met"},
    "cli_col_detail": {"zh": "依据", "en": "detail"},
}

# ``compare``: the changed pairs, who gains and the causes
STRINGS.update({
    "cmp_heading": {"zh": "{before} → {after}（负值 = 更快）", "en": "{before} → {after} (negative = faster)"},
    "cmp_mode_count": {"zh": "== {mode}：{total} 对中 {n} 对有变化 ==", "en": "== by {mode}: {n} of {total} pairs change =="},
    "cmp_col_before": {"zh": "之前", "en": "before"},
    "cmp_col_after": {"zh": "之后", "en": "after"},
    "cmp_col_change": {"zh": "变化", "en": "change"},
    "cmp_col_why": {"zh": "原因", "en": "why"},
    "cmp_unreachable_both": {"zh": "前后均无行程", "en": "no trip before or after"},
    "cmp_newly_reachable": {"zh": "新可达", "en": "newly reachable"},
    "cmp_no_longer_reachable": {"zh": "不再可达", "en": "no longer reachable"},
    "cmp_same": {"zh": "不变", "en": "same"},
    "cmp_gains_heading": {"zh": "各地的变化及原因：", "en": "Which zones gain and why:"},
    "cmp_no_change": {"zh": "无变化", "en": "no change"},
    "cmp_faster": {"zh": "{n} 个目的地更快，{place}最多（{change}：{cause}）",
                   "en": "{n} destination(s) faster, most to {place} ({change}: {cause})"},
    "cmp_newly": {"zh": "{n} 个新可达", "en": "{n} newly reachable"},
    "cmp_slower": {"zh": "{n} 个更慢", "en": "{n} slower"},
    "cmp_causes_heading": {"zh": "变化背后的项目与线路：", "en": "Projects and links behind the changes:"},
    "cmp_cause": {"zh": "- {cause}：{n} 对更快{gain}{extra}", "en": "- {cause}: {n} pair(s) faster{gain}{extra}"},
    "cmp_cause_gain": {"zh": "，最多 {best}，平均 {mean}", "en": ", best {best}, mean {mean}"},
    "cmp_cause_newly": {"zh": "，{n} 对新可达", "en": ", {n} newly reachable"},
    "cmp_cause_slower": {"zh": "，{n} 对更慢", "en": ", {n} slower"},
    "cmp_verb_added": {"zh": "新增", "en": "added"},
    "cmp_verb_removed": {"zh": "移除", "en": "removed"},
    "cmp_verb_opened": {"zh": "开通", "en": "opened"},
    "cmp_verb_closed": {"zh": "关闭", "en": "closed"},
    "cmp_verb_replaced": {"zh": "替换", "en": "replaced"},
})

# ``access``: people and GDP within reach
STRINGS.update({
    "acc_heading": {"zh": "从 {origin} 可达的人口与地区生产总值 · {title}",
                    "en": "People and GDP reachable from {origin} - {title}"},
    "acc_col_budget": {"zh": "时间预算", "en": "budget"},
    "acc_col_people": {"zh": "人口", "en": "people"},
    "acc_col_share": {"zh": "占比", "en": "share"},
    "acc_col_gdp": {"zh": "地区生产总值（亿元）", "en": "GDP bn yuan"},
    "acc_col_people_before": {"zh": "之前人口", "en": "people before"},
    "acc_col_people_after": {"zh": "之后人口", "en": "people after"},
    "acc_col_change": {"zh": "变化", "en": "change"},
    "acc_col_gdp_before": {"zh": "之前地区生产总值（亿元）", "en": "GDP before (bn yuan)"},
    "acc_col_gdp_after": {"zh": "之后地区生产总值（亿元）", "en": "GDP after (bn yuan)"},
    "acc_col_gdp_change": {"zh": "地区生产总值变化（亿元）", "en": "GDP change (bn yuan)"},
    "acc_col_no_people": {"zh": "无人口数据", "en": "no people figure"},
    "acc_col_no_gdp": {"zh": "无GDP数据", "en": "no GDP figure"},
    "acc_causes": {"zh": "差异的原因（仅在一个情景中存在的项目、编辑与线路）：",
                   "en": "Behind the difference (projects, edits and links in one scenario and not the other):"},
    "acc_no_causes": {"zh": "- 无：两个网络相同", "en": "- nothing: the two networks are the same"},
    "acc_unknown_note": {"zh": "“无人口数据”/“无GDP数据”：可达（之后）但未找到数据的区县；合计不含它们，为下限。",
                         "en": "'no people figure' / 'no GDP figure': units reached (after) whose figure was not "
                               "found; the sums leave them out and are floors."},
    "acc_share_note": {"zh": "占比：相对于有人口数据的 {known} 个区县（人口共 {people}；乌镇周边约150公里内共 {units} 个区县）。",
                       "en": "Share: of the {known} units with a population figure ({people} people, {units} units "
                             "within about 150 km of Wuzhen)."},
    "acc_assumption_cli": {"zh": "人口按各区县陆地面积均匀分布（2020年第七次人口普查常住人口）；无数据的区县计为0，故含未知区县的合计为下限。"
                                 "地区生产总值：各区县已找到的最新年份数据，仅计有数据的区县。",
                           "en": "People are spread evenly over each county-level unit's land (2020 census residents); "
                                 "a unit without a figure counts as 0, so a total with unknown units is a floor. GDP: "
                                 "each unit's latest year found, in billion yuan, for the units with a figure only."},
})
