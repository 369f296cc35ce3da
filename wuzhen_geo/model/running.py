"""The features of a scenario as they run: what :func:`~wuzhen_geo.model.scenarios.active_features` switches
on, with the rail patterns of the other service reading taken out and each pattern of a track running exactly
when its track does (:mod:`wuzhen_geo.model._services`).

The network builder and the maps both ask here, so a map never draws a pattern the network does not run. At a
departure period without scheduled services (``ModelConfig.services_run``: night) no train or coach runs; the
maps, which show the network and not an hour, ask with the default period.
"""

from __future__ import annotations

import dataclasses

from wuzhen_geo.data.io import GeoData
from wuzhen_geo.model._services import services_as_run
from wuzhen_geo.model.config import DEFAULT_CONFIG, ModelConfig
from wuzhen_geo.model.scenarios import ActiveFeatures, RemoveLink, Scenario, active_features

__all__ = ["SERVICE_MODES", "features_as_run", "service_reading_of"]

#: The modes of scheduled services, which run only at :attr:`ModelConfig.service_periods`.
SERVICE_MODES = ("rail", "coach")


def service_reading_of(scenario: Scenario, config: ModelConfig = DEFAULT_CONFIG) -> str:
    """The service reading a scenario runs under: its own, else the configuration's."""
    return scenario.service_reading or config.service_reading


def features_as_run(data: GeoData, scenario: Scenario, config: ModelConfig = DEFAULT_CONFIG) -> ActiveFeatures:
    """The places and links of ``scenario`` that run under its service reading (``config.year`` when the
    scenario has no year), without trains and coaches at a period they do not run (``config.depart``)."""
    removed = frozenset(e.link for e in scenario.edits if isinstance(e, RemoveLink))
    active = services_as_run(data, active_features(data, scenario, year=config.year),
                             service_reading_of(scenario, config), removed)
    if config.services_run:
        return active
    modes = data.links["mode"]
    links = frozenset(lid for lid in active.links if modes.get(lid) not in SERVICE_MODES)
    return dataclasses.replace(active, links=links, added=tuple(a for a in active.added if a.mode not in SERVICE_MODES))
