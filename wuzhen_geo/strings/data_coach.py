"""Strings of scheduled coaches, public transport and the departure period (issue 10, Dec 2026): the airport
table's coach, public-transport and car-by-period columns, the reason a pair has no coach answer, and the
names of the periods a trip may set off in."""

STRINGS: dict[str, dict[str, str]] = {
    "col_coach": {"zh": "大巴（分钟）", "en": "Coach (min)"},
    "col_transit": {"zh": "公共交通（分钟）", "en": "Public transport (min)"},
    "col_car_by_period": {"zh": "驾车：平峰/早高峰/晚高峰/夜间", "en": "Car: off-peak/am peak/pm peak/night"},
    "no_coach_route": {"zh": "无合理的大巴方案", "en": "no sensible coach route"},
    "mode_coach": {"zh": "大巴", "en": "coach"},
    "layer_coach": {"zh": "大巴线路（示意）", "en": "Coach services (schematic)"},
    "why_no_coach_route": {"zh": "无大巴方案", "en": "no coach route"},
    "mode_transit": {"zh": "公共交通", "en": "public transport"},
    "depart": {"zh": "出发时段", "en": "Departure"},
    "depart_help": {"zh": "出发时段改变大城市拥堵区内的道路时间。夜间（0–5 时出发）没有列车和大巴：高铁每天 0–6 时检修，"
                          "地铁、机场线和大巴约 6 时起运营；其他时段列车和大巴按日间班次计算。",
                    "en": "The period changes road times in the congested cities. At night (leaving 00:00–05:00) "
                          "no train or coach runs: high-speed lines close for maintenance from midnight to 06:00, "
                          "and metros, the airport link and coaches start about 06:00. At the other periods "
                          "trains and coaches keep their daytime service."},
    "depart_offpeak": {"zh": "平峰", "en": "off-peak"},
    "depart_am_peak": {"zh": "工作日早高峰", "en": "weekday morning peak"},
    "depart_pm_peak": {"zh": "工作日晚高峰", "en": "weekday evening peak"},
    "depart_night": {"zh": "夜间（0–5 时）", "en": "night (00:00–05:00)"},
    "why_no_service": {"zh": "夜间无列车和大巴", "en": "no trains or coaches at night"},
    "no_service_at_night": {
        "zh": "夜间（0–5 时出发）没有列车和大巴运行：高铁每天 0–6 时检修，地铁、机场线和大巴约 6 时起运营",
        "en": "no train or coach runs at night (leaving 00:00–05:00): high-speed lines close for maintenance "
              "from midnight to 06:00, and metros, the airport link and coaches start about 06:00",
    },
    "car_spread": {
        "zh": "平峰 {offpeak}，早高峰 {am_peak}，晚高峰 {pm_peak}，夜间 {night}",
        "en": "{offpeak} off-peak, {am_peak} morning peak, {pm_peak} evening peak, {night} night",
    },
}
