"""Strings of the plan indicators: the unit of each measured value (Chinese and English)."""

STRINGS: dict[str, dict[str, str]] = {
    "indicator_unit_slowest": {"zh": "分钟（最慢出发地）", "en": "min (slowest origin)"},
    "indicator_unit_km": {"zh": "公里", "en": "km"},
}

# what a measured target rests on (the ``detail_zh`` / ``detail_en`` columns of plan_indicators)
STRINGS.update({
    "ind_not_in_network": {"zh": "{dest}不在本情景的网络中", "en": "{dest} is not in this scenario's network"},
    "ind_within": {"zh": "{n}/{total} 在{limit}以内", "en": "{n}/{total} within {limit}"},
    "ind_over": {"zh": "；超出：{items}", "en": "; over: {items}"},
    "ind_the_zones": {"zh": "各功能区（{n} 个）", "en": "the zones ({n})"},
    "ind_length": {"zh": "本情景 {value}，目标 {target}（目标年份 {year}）；数据中按状态：{by_status}",
                   "en": "in scenario {value} of {target} (target year {year}); in the data by status: {by_status}"},
    "ind_no_links": {"zh": "无此类线路", "en": "no such links"},
    "ind_county": {"zh": "；在行政区划代码 {adcode} 的县级边界内量测（units.geojson）",
                   "en": "; measured inside the county outline of adcode {adcode} (units.geojson)"},
    "ind_indicative": {"zh": "；仅供参考：{within}及线路的绘制精度为{drawn}",
                       "en": "; indicative only: {within} and the lines are drawn {drawn}"},
})
