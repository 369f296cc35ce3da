"""Words of Leaflet's own controls (zoom, layers) and of the Leaflet.draw tool, in Chinese; English is what
the libraries say themselves (``wuzhen_geo.maps._control_words`` puts the Chinese ones in place)."""

STRINGS: dict[str, dict[str, str]] = {
    "ctl_zoom_in": {"zh": "放大", "en": "Zoom in"},
    "ctl_zoom_out": {"zh": "缩小", "en": "Zoom out"},
    "ctl_layers": {"zh": "图层", "en": "Layers"},
    "draw_polyline": {"zh": "画一条线路", "en": "Draw a polyline"},
    "draw_cancel_title": {"zh": "取消绘制", "en": "Cancel drawing"},
    "draw_cancel": {"zh": "取消", "en": "Cancel"},
    "draw_finish_title": {"zh": "完成绘制", "en": "Finish drawing"},
    "draw_finish": {"zh": "完成", "en": "Finish"},
    "draw_undo_title": {"zh": "删除最后画的点", "en": "Delete last point drawn"},
    "draw_undo": {"zh": "删除最后一点", "en": "Delete last point"},
    "draw_start": {"zh": "点击地图开始画线。", "en": "Click to start drawing line."},
    "draw_continue": {"zh": "点击继续画线。", "en": "Click to continue drawing line."},
    "draw_end": {"zh": "点击最后一个点结束画线。", "en": "Click last point to finish line."},
    "draw_crossing": {"zh": "错误：线段不能交叉！", "en": "Error: shape edges cannot cross!"},
    "draw_remove": {"zh": "删除画的线", "en": "Delete layers"},
    "draw_remove_none": {"zh": "没有可删除的线", "en": "No layers to delete"},
    "draw_remove_tip": {"zh": "点击要删除的线。", "en": "Click on a feature to remove."},
    "draw_save_title": {"zh": "保存更改", "en": "Save changes"},
    "draw_save": {"zh": "保存", "en": "Save"},
    "draw_discard_title": {"zh": "取消编辑，放弃所有更改", "en": "Cancel editing, discards all changes"},
    "draw_clear_title": {"zh": "清除所有画的线", "en": "Clear all layers"},
    "draw_clear": {"zh": "全部清除", "en": "Clear All"},
}
