"""Strings of the plan indicators: the unit of each measured value (Chinese and English)."""

STRINGS: dict[str, dict[str, str]] = {
    "indicator_unit_slowest": {"zh": "分钟（最慢出发地）", "en": "min (slowest origin)"},
    "indicator_unit_km": {"zh": "公里", "en": "km"},
}
