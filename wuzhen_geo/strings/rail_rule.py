"""Strings of the rail-trip rule: why a trip that rides a train is not a sensible rail answer, in Chinese and
English, built from the rule's own numbers (the English text is also the message of the error it raises)."""

STRINGS: dict[str, dict[str, str]] = {
    "rail_no_train": {"zh": "行程中没有火车", "en": "no train in the trip"},
    "rail_last_station": {"zh": "最后一站", "en": "the last station"},
    "rail_final_drive": {"zh": "最后一段火车之后还要驾车 {drive}（自{where}起），上限为 {limit}",
                         "en": "{drive} drive after the last train (from {where}); the limit is {limit}"},
    "rail_train_share": {"zh": "行驶的 {total} 中只有 {train} 分钟在火车上；应至少占 {share}",
                         "en": "only {train} of {total} moving are on trains; at least {share} expected"},
    "rail_circuity": {"zh": "列车行驶 {ridden} km，而{first}至{last}两站直线距离仅 {straight} km，超过直线的 {k} 倍",
                      "en": "the trains ride {ridden} km between stations {straight} km apart (from {first} to "
                            "{last}), more than {k} x the straight line"},
    "rail_away": {"zh": "最后一段列车驶离目的地（在{board}上车、于{alight}下车，下车点离目的地更远）",
                  "en": "the last train rides away from the destination (boarded at {board}, left at {alight}, "
                        "farther from it)"},
    "rail_back": {"zh": "第一段列车驶回出发地方向（在{board}上车、于{alight}下车，下车点离出发地更近）",
                  "en": "the first train rides back toward the start (boarded at {board}, left at {alight}, "
                        "nearer to it)"},
    # "that passes the other checks": a faster trip may ride a train a few minutes between two long drives
    "rail_car_ratio": {"zh": "通过其余检查的最快铁路行程需 {rail}，超过驾车 {car}的 {k} 倍",
                       "en": "the fastest rail trip that passes the other checks takes {rail}, more than {k} x "
                             "the {car} drive"},
    "coach_no_coach": {"zh": "行程中没有大巴", "en": "no coach in the trip"},
    "coach_heads_away": {"zh": "驾车前往大巴上车点（{stop}）是在远离目的地", "en": "the drive to the coach ({stop}) heads away from the destination"},
    "coach_long_drive": {"zh": "驾车前往大巴上车点（{stop}）需 {drive}，已超过直接驾车到达 {car}的一半",
                         "en": "the drive to the coach ({stop}) takes {drive}, more than half the {car} drive "
                               "to the destination"},
    "coach_final_drive": {"zh": "下大巴之后还要驾车 {drive}，上限为 {limit}", "en": "{drive} drive after the coach; the limit is {limit}"},
    "coach_share": {"zh": "行驶的 {total} 中只有 {coach} 分钟在大巴上", "en": "only {coach} of {total} moving are on the coach"},
    "coach_car_ratio": {"zh": "{minutes}，超过驾车时间的 {k} 倍", "en": "{minutes} is more than {k} x the drive"},
    "coach_none": {"zh": "无合理的大巴方案：{why}", "en": "no sensible coach route: {why}"},
    "rail_considered": {"zh": "{why}（所考虑的行程 {minutes}：{legs}）",
                        "en": "{why} (the trip considered, {minutes}: {legs})"},
}
