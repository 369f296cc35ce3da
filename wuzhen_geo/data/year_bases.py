"""What each expected opening year rests on: the ``year_basis`` of projects and features, resolved once.

A feature carries its own ``year_basis`` or takes that of the projects listing it as a member
(:func:`feature_year_bases`); the values are :data:`~wuzhen_geo.vocabulary.YEAR_BASES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wuzhen_geo.data.problems import is_missing
from wuzhen_geo.vocabulary import YEAR_BASES

if TYPE_CHECKING:
    from wuzhen_geo.data.io import GeoData

__all__ = ["feature_year_bases", "project_year_bases"]

#: Weakest first: a year is only as sure as its least sure source (unknown, then inferred, then announced).
_RANK = {basis: i for i, basis in enumerate(("unknown", "inferred", "announced"))}
assert set(_RANK) == set(YEAR_BASES)


def project_year_bases(data: GeoData) -> dict[str, str]:
    """``{feature id: year_basis}`` that features inherit from the projects listing them as members.

    A feature in several projects takes the weakest of their bases.
    """
    found: dict[str, str] = {}
    for proj in data.projects:
        if not isinstance(proj, dict):
            continue
        basis, members = proj.get("year_basis"), proj.get("members")
        if basis not in _RANK or not isinstance(members, list):
            continue
        for m in members:
            if isinstance(m, str) and (m not in found or _RANK[basis] < _RANK[found[m]]):
                found[m] = basis
    return found


def _own(frame: Any) -> dict[str, str]:
    if "year_basis" not in frame.columns:
        return {}
    return {str(fid): str(b) for fid, b in frame["year_basis"].items() if not is_missing(b) and b in _RANK}


def feature_year_bases(data: GeoData) -> dict[str, str]:
    """``{feature id: year_basis}`` of every place, link and zone that has one, its own or its projects'."""
    out = project_year_bases(data)
    for frame in (data.places, data.links, data.zones):
        out.update(_own(frame))
    return out
