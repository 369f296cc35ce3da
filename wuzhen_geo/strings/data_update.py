"""Strings of the Dec 2026 data update: what a plan year rests on (announced / inferred / unknown), and the
scenario descriptions that name the projects whose years are inferred."""

STRINGS: dict[str, dict[str, str]] = {
    "year_basis_announced": {"zh": "已公布", "en": "announced"},
    "year_basis_inferred": {"zh": "推断", "en": "inferred"},
    "year_basis_unknown": {"zh": "未知", "en": "unknown"},
    "f_year_basis": {"zh": "年份依据", "en": "Year basis"},
    "inferred_years": {
        "zh": "以下项目的通车年份为推断（未公布）：{items}",
        "en": "Opening years inferred, not announced: {items}",
    },
    "announced_years": {"zh": "已公布的通车年份：{items}", "en": "Opening years announced: {items}"},
    "placeholder_zones": {
        "zh": "占位功能区（位置未公布，不计入达标判断）：{items}",
        "en": "placeholder zones (no published location; kept out of pass/fail): {items}",
    },
    "measured_from": {"zh": "起点：{items}", "en": "measured from {items}"},
    "project_members_status": {"zh": "{status}（地图上的线路与车站：{members}）",
                               "en": "{status} (its lines and stations on the map: {members})"},
}
