"""The nodes of the travel-time graph: what each node tuple means, in one place.

The graph of :mod:`wuzhen_geo.model.network` has two layers so that "by rail" can demand at least one train
ride of any shortest-path algorithm:

* layer 0, "not yet on rail": the place ids themselves (strings). Roads and walks join them.
* layer 1, "has ridden rail": ``("l1", place_id)``, a copy of the road and walk network.
* layer 2, "has ridden a coach, no train": ``("l2", place_id)``, another copy, built only when the scenario runs
  a scheduled coach. A coach is boarded from layer 0 or 2 and always set down in layer 2; no train is boarded
  from layer 2, so "by rail" never rides a coach and "by coach" never a train.

Boarding leads from either layer into a train; alighting always leads to layer 1. Internal nodes:

* ``("gate", layer, station, rail_class)``: past the ticket and security check (``processing`` minutes);
* ``("dep", link, d, i)`` / ``("arr", link, d, i)``: aboard service ``link`` departing from / arriving at its
  ``i``-th stop in direction ``d`` (+1 along the listed nodes, -1 against). ``arr -> dep`` at an intermediate
  stop is the dwell; ``dep -> arr`` the run between stops. Boarding costs the wait (half the headway, capped);
* ``("cgate", layer, stop, coach_class)``: past a coach station's ticket and bag check;
* ``("xfer", station)``: inside a station after alighting; from there another service costs the wait plus the
  transfer penalty but no second check, and the street costs the egress time;
* ``("kerb", layer, airport)``: where roads meet an airport; the kerb <-> terminal edge is the drop-off or car
  park time, so that a car trip to an airport pays it and a train passenger walking in does not.

Only the model builds or reads these tuples; the answers ask the functions here (and the
:class:`~wuzhen_geo.model.network.Network`) instead.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

__all__ = ["car_weight", "in_layer", "is_after_train", "is_gate", "kerb", "layer1", "layer2", "node_place"]


def layer1(place_id: str) -> tuple[str, str]:
    """The layer-1 ("has ridden rail") node of a place."""
    return ("l1", place_id)


def layer2(place_id: str) -> tuple[str, str]:
    """The layer-2 ("has ridden a coach") node of a place."""
    return ("l2", place_id)


def kerb(layer: int, airport: str) -> tuple[str, int, str]:
    """Where the roads of ``layer`` meet an airport."""
    return ("kerb", layer, airport)


def node_place(node: Hashable) -> str:
    """The place id a node belongs to (the node itself for a layer-0 place)."""
    if isinstance(node, str):
        return node
    if node[0] in ("l1", "l2", "xfer"):
        return node[1]
    if node[0] in ("gate", "cgate", "kerb"):
        return node[2]
    raise KeyError(f"node {node!r} has no fixed place; read the graph's 'place' node attribute")


def in_layer(node: Hashable, layer: int) -> Hashable:
    """A road node (a layer-0 place or an airport kerb) in ``layer`` (0: before the train, 1: after, 2: after a
    coach)."""
    if isinstance(node, str):
        return node if layer == 0 else layer1(node) if layer == 1 else layer2(node)
    if node[0] == "kerb":
        return kerb(layer, node[2])
    raise ValueError(f"{node!r} is not a road node")


def is_after_train(node: Hashable) -> bool:
    """True for a street node of layer 1 (a place or an airport kerb reached after riding a train)."""
    return isinstance(node, tuple) and (node[0] == "l1" or (node[0] == "kerb" and node[1] == 1))


def is_gate(node: Hashable) -> bool:
    """True for a station's ticket gate (where a train is boarded from the street)."""
    return isinstance(node, tuple) and node[0] == "gate"


def car_weight(u: Hashable, v: Hashable, d: dict[str, Any]) -> float | None:
    """The NetworkX weight of a car-only search: an edge's minutes, None (hidden) where no car may go."""
    return d["minutes"] if d["car"] else None
