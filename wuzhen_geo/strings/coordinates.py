"""Strings of the coordinate reader's errors (``wuzhen_geo.model.coordinate_text`` and ``coords``), in Chinese
and English; the English text is also the message of the error raised."""

_PASTE = {"zh": "请粘贴两个数字，如 \"30.7459, 120.4888\"（纬度, 经度）",
          "en": 'paste two numbers such as "30.7459, 120.4888" (lat, lon)'}

STRINGS: dict[str, dict[str, str]] = {
    "coord_datum_conflict": {"zh": "{text} 标明为 {labelled}，但所选为 {system}；请选其一（或去掉标注）",
                             "en": "{text} says {labelled} but {system} was chosen; choose one (or leave the label "
                                   "away)"},
    "coord_empty": {"zh": "坐标为空；" + _PASTE["zh"], "en": "empty coordinate; " + _PASTE["en"]},
    "coord_too_long": {"zh": "{n} 个字符，作为坐标太长；" + _PASTE["zh"],
                       "en": "{n} characters is too long for a coordinate; " + _PASTE["en"]},
    "coord_scientific": {"zh": "无法将 {raw} 读作坐标：不接受科学计数法（{num}）；请写十进制度数，如 \"30.7459, 120.4888\""
                               "（纬度, 经度）",
                         "en": "cannot read {raw} as a coordinate: scientific notation ({num}) is not accepted; "
                               'write decimal degrees such as "30.7459, 120.4888" (lat, lon)'},
    "coord_unreadable": {"zh": "无法将 {raw} 读作坐标；请粘贴「纬度, 经度」如 \"30.7459, 120.4888\"，或高德/百度复制的"
                               "「经度,纬度」如 \"120.4888,30.7459\"",
                         "en": "cannot read {raw} as a coordinate ({why}); paste \"lat, lon\" such as \"30.7459, "
                               "120.4888\" or AMap/Baidu \"lon,lat\" such as \"120.4888,30.7459\""},
    "coord_two_lats": {"zh": "{raw} 给出了两个纬度；请纬度、经度各给一个", "en": "{raw} gives two latitudes; give one of each"},
    "coord_two_lons": {"zh": "{raw} 给出了两个经度；请纬度、经度各给一个", "en": "{raw} gives two longitudes; give one of each"},
    "coord_either_order": {"zh": "{raw} 无论按哪种顺序都不在研究区域内；应为{area}（例如乌镇为 30.75, 120.49）",
                           "en": "{raw} is not in the study area in either order; expected {area} (e.g. Wuzhen is "
                                 "30.75, 120.49)"},
    "coord_not_finite": {"zh": "{what}（{lat}, {lon}）不是一对有限的数字",
                         "en": "{what} ({lat}, {lon}) is not a finite number pair"},
    "coord_outside": {"zh": "{what} 纬度 {lat}、经度 {lon} 在研究区域之外；应为{area}（乌镇约为北纬 30.75、东经 120.49）",
                      "en": "{what} lat {lat}, lon {lon} lies outside the study area; expected {area} (Wuzhen is "
                            "about 30.75 N, 120.49 E)"},
    "coord_in_water": {"zh": "纬度 {lat}、经度 {lon} 在{water}的水面上；请选陆地上的点（如岸边）",
                       "en": "lat {lat}, lon {lon} lies on the water of {water}; choose a point on land (e.g. on "
                             "the shore)"},
    "coord_area": {"zh": "北纬 {y0}–{y1}、东经 {x0}–{x1}", "en": "latitude {y0}–{y1} N and longitude {x0}–{x1} E"},
    "coord_what": {"zh": "坐标", "en": "coordinate"},
    "coord_what_converted": {"zh": "{raw} 转换为 WGS-84 后", "en": "{raw} converted to WGS-84"},
}
