"""The coach-trip rule: when a trip riding a scheduled coach is a sensible answer "by coach" (the coach does
most of the work, boarded on the way), with the rail-trip rule's bounds; its reasons in both languages
(``wuzhen_geo.strings.rail_rule``)."""

from __future__ import annotations

from wuzhen_geo.errors import UnreachableError
from wuzhen_geo.i18n import t
from wuzhen_geo.model import Network, Trip
from wuzhen_geo.model.coords import distance_m
from wuzhen_geo.vocabulary import format_minutes

__all__ = ["NoSensibleCoachRoute", "coach_trip_problem"]

#: The longest drive to the coach, as a share of the drive to the destination: beyond half of it, whoever
#: has a car drives on (the definition of a sensible coach trip, not a fitted number).
_MAX_DRIVE_TO_COACH = 0.5


def coach_trip_problem(net: Network, trip: Trip, car_minutes: float, lang: str = "en") -> str | None:
    """Why a trip riding a coach is not a sensible coach trip (in ``lang``), or None: the thresholds of the
    rail-trip rule (``ModelConfig.rail_max_final_drive_min``, ``rail_min_train_share``, ``rail_max_car_ratio``)
    applied to the coach legs; and a coach is boarded on the way, not after a drive that ends more than 10 %
    farther from the destination than it began (from Wuzhen, an hour's drive to Hangzhou for the Hangzhou -
    Pudong coach), nor after a drive longer than half the drive to the destination itself (from Wuzhen, 73 min
    to Hangzhou Station for a coach to Xiaoshan airport, which is 79 min away by car)."""
    cfg, legs = net.config, list(trip.legs)
    rides = [i for i, leg in enumerate(legs) if leg.mode == "coach"]
    if not rides:
        return t("coach_no_coach", lang)
    drawn = [leg.coords for leg in legs if leg.coords]  # waits, checks and short walks have no line
    if any(leg.mode == "car" for leg in legs[:rides[0]]) and legs[rides[0]].coords:
        start, board, end = drawn[0][0], legs[rides[0]].coords[0], drawn[-1][-1]
        # a stop round the corner may lie a little farther off; an hour's drive the wrong way is not on the way
        if distance_m(*board, *end) > 1.1 * distance_m(*start, *end):
            stop = (legs[rides[0]].from_name_zh if lang == "zh" else "") or legs[rides[0]].from_name
            return t("coach_heads_away", lang, stop=stop)
    before = sum(leg.minutes for leg in legs[:rides[0]] if leg.mode == "car")
    if before > _MAX_DRIVE_TO_COACH * car_minutes:
        stop = (legs[rides[0]].from_name_zh if lang == "zh" else "") or legs[rides[0]].from_name
        return t("coach_long_drive", lang, stop=stop, drive=format_minutes(before, lang),
                 car=format_minutes(car_minutes, lang))
    coach = sum(legs[i].minutes for i in rides)
    drive = sum(leg.minutes for leg in legs if leg.mode == "car")
    final = sum(leg.minutes for leg in legs[rides[-1] + 1:] if leg.mode == "car")
    if final > cfg.rail_max_final_drive_min:
        return t("coach_final_drive", lang, drive=format_minutes(final, lang),
                 limit=format_minutes(cfg.rail_max_final_drive_min, lang))
    if coach < cfg.rail_min_train_share * (coach + drive):
        return t("coach_share", lang, coach=f"{coach:.0f}", total=format_minutes(coach + drive, lang))
    if trip.minutes > cfg.rail_max_car_ratio * car_minutes:
        return t("coach_car_ratio", lang, minutes=format_minutes(trip.minutes, lang), k=f"{cfg.rail_max_car_ratio:g}")
    return None


class NoSensibleCoachRoute(UnreachableError):
    """No trip riding a coach passes the rule; :meth:`text` gives the reason in either language."""

    def __init__(self, message: str, *, text_zh: str | None = None) -> None:
        super().__init__(message)
        self.text_zh = text_zh

    def text(self, lang: str) -> str:
        return self.text_zh if lang == "zh" and self.text_zh else str(self)
