"""What Streamlit's own widgets say in English whatever the page's language, and the page's words for it.

The ``en`` text of each key is Streamlit's, exactly (its front end hard-codes it); ``app_pages/serving.py``
puts the page's word in its place in the browser.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # a select box's offer of the typed text it does not list ("Add: 30.6, 120.5")
    "st_add_typed": {"zh": "添加：", "en": "Add: "},
    "st_no_results": {"zh": "无匹配项", "en": "No results"},
    # under a text or number box while its value is not applied yet
    "st_press_enter": {"zh": "按回车键确认", "en": "Press Enter to apply"},
    # the first link a keyboard user meets
    "st_skip_to_main": {"zh": "跳到主要内容", "en": "Skip to main content"},
    "st_collapse_sidebar": {"zh": "收起侧栏", "en": "Collapse sidebar"},
    # the top corner's sign that the page is working (read aloud)
    "st_running": {"zh": "运行中…", "en": "Running..."},
    "st_expand_sidebar": {"zh": "展开侧栏", "en": "Expand sidebar"},
    # a table's toolbar and column menu
    "st_show_hide_columns": {"zh": "显示/隐藏列", "en": "Show/hide columns"},
    "st_download_csv": {"zh": "下载为 CSV", "en": "Download as CSV"},
    "st_search": {"zh": "搜索", "en": "Search"},
    "st_fullscreen": {"zh": "全屏", "en": "Fullscreen"},
    "st_close_fullscreen": {"zh": "退出全屏", "en": "Close fullscreen"},
    "st_exit_fullscreen": {"zh": "退出全屏", "en": "Exit fullscreen"},
    "st_sort_ascending": {"zh": "升序排列", "en": "Sort ascending"},
    "st_sort_descending": {"zh": "降序排列", "en": "Sort descending"},
    "st_hide_column": {"zh": "隐藏此列", "en": "Hide column"},
    "st_pin_column": {"zh": "固定此列", "en": "Pin column"},
    "st_unpin_column": {"zh": "取消固定", "en": "Unpin column"},
    "st_autosize": {"zh": "自动列宽", "en": "Autosize"},
}
