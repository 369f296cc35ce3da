"""Strings of the slide exports: the frame of a slide (scenario and year, north, sources) and the timeline,
and of the full-screen presentation map (Chinese and English)."""

STRINGS: dict[str, dict[str, str]] = {
    "slide_by_year": {"zh": "按开通年份的路网", "en": "The network by opening year"},
    "slide_today": {"zh": "现状路网", "en": "Today's network"},
    "slide_scenario": {"zh": "情景：{name}", "en": "Scenario: {name}"},
    "compared_networks": {"zh": "修改前：{before}；修改后：{after}；均为{year}年。",
                          "en": "Before: {before}; after: {after}; both in {year}."},
    "slide_year": {"zh": "{year}年", "en": "{year}"},
    "slide_north": {"zh": "北", "en": "North"},
    "slide_sources": {
        "zh": "数据来源：线路、站点、机场、道路与规划项目据公开资料整理（维基百科、运营方与官方媒体报道、规划文件；"
              "每个要素的来源见 geodata/）；走向未公布者为示意。",
        "en": "Sources: lines, stations, airports, roads and plan projects compiled from public sources (Wikipedia, "
              "operators, state media, plan documents; each feature's source in geodata/); unpublished alignments "
              "are schematic.",
    },
    "slide_sources_gshhg": {
        "zh": "海岸线与水系：GSHHG 2.3.7（Wessel & Smith，LGPL-3.0）。",
        "en": "Coast and water: GSHHG 2.3.7 (Wessel & Smith, LGPL-3.0).",
    },
    "present_full": {"zh": "全屏演示地图", "en": "Full-screen map"},
    "present_full_help": {
        "zh": "地图铺满整个窗口（标题与滑块不遮挡）；按右上角按钮返回。",
        "en": "The map fills the whole window (no title or slider over it); the button at the top right returns.",
    },
    "present_exit": {"zh": "退出全屏", "en": "Exit full screen"},
    "timeline_progress": {"zh": "已生成 {done}/{total} 帧（点击“取消”停止）", "en": "{done} of {total} frames made (Cancel stops)"},
}
