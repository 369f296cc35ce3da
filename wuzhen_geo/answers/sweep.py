"""Evaluate many scenarios once each: serially or as Dask tasks, with a disk cache keyed by content.

:func:`run_sweep` takes scenarios by key and returns one record (:func:`~wuzhen_geo.answers.
appraisal_indicators.measure`) per key. A scenario's key (:func:`scenario_key`) is a SHA-256 of what its
network is made of — the data (:func:`data_fingerprint`), the active places and links and the edits of the
scenario, the model configuration, the package's source (:func:`code_fingerprint`) — and of what is measured,
so two project sets that build the same network share one evaluation, and a changed data file, assumption or
model code never reuses an old record.

* **Cache.** Each record is a JSON file ``<key>.json`` in :func:`default_cache_dir` (or the folder given),
  written atomically (:func:`~wuzhen_geo.data.io.write_text_atomic`) by the calling process as soon as its
  task finishes. A rerun, a larger sample or a sweep that was killed half-way reads what is there and evaluates
  only the rest. A file that cannot be read back is evaluated again.
* **Runners.** ``scheduler="serial"`` evaluates in this process, one after the other. ``scheduler=None``
  starts a local Dask cluster (:class:`distributed.LocalCluster`, one single-threaded worker process per
  core, or ``workers``) for the sweep and stops it after; any other text is the address of an existing Dask
  scheduler (``tcp://host:8786``), whose workers need ``wuzhen_geo`` installed. Each scenario is one task; the
  data are sent to the workers once. Workers build a fresh network from the data for each scenario and never
  change the data they are given.
* **Progress.** ``progress(done, total)`` is called once with what the cache already holds and after each
  task; an exception it raises (or ``KeyboardInterrupt``) stops the sweep, cancels what is left and keeps
  every record finished so far.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from distributed import Client, LocalCluster, as_completed

from wuzhen_geo._version import __version__
from wuzhen_geo.answers.appraisal_indicators import IndicatorSpec, measure
from wuzhen_geo.data import GeoData, write_text_atomic
from wuzhen_geo.errors import WuzhenGeoError
from wuzhen_geo.model import DEFAULT_CONFIG, ModelConfig, Scenario, active_features, build_network

__all__ = [
    "CACHE_ENV",
    "SERIAL",
    "ResultCache",
    "SweepStats",
    "code_fingerprint",
    "dask_client",
    "data_fingerprint",
    "default_cache_dir",
    "evaluate_scenario",
    "run_sweep",
    "scenario_key",
]

log = logging.getLogger(__name__)

#: Environment variable naming the cache folder (else ``$XDG_CACHE_HOME`` or ``~/.cache``, ``wuzhen_geo/appraisal``).
CACHE_ENV = "WUZHEN_GEO_CACHE"
#: ``scheduler`` value that evaluates in this process, without Dask.
SERIAL = "serial"
#: At most this many local worker processes: each holds the data and a network (a few hundred MB).
MAX_WORKERS = 64
#: The package's folder, whose source :func:`code_fingerprint` hashes.
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: Changes when a record's contents change for the same inputs (old cache files are then not reused).
RECORD_VERSION = "1"

Progress = Callable[[int, int], None]


def default_cache_dir() -> Path:
    """``$WUZHEN_GEO_CACHE``, else ``$XDG_CACHE_HOME/wuzhen_geo/appraisal`` (``~/.cache/…`` by default)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wuzhen_geo" / "appraisal"


def _frame_digest(frame: pd.DataFrame) -> bytes:
    plain = frame.drop(columns=[c for c in (frame.geometry.name,) if c in frame.columns]) \
        if hasattr(frame, "geometry") else frame
    text = plain.to_json(orient="split", default_handler=str, double_precision=15)
    geoms = frame.geometry.to_wkb() if hasattr(frame, "geometry") and len(frame) else []
    h = hashlib.sha256(text.encode("utf-8"))
    for g in geoms:
        h.update(g or b"")
    return h.digest()


def data_fingerprint(data: GeoData) -> str:
    """A SHA-256 of the data's contents (every table with its geometry, the projects, targets and the rest of
    :class:`~wuzhen_geo.data.io.GeoData`), not of its folder's name."""
    h = hashlib.sha256()
    for f in dataclasses.fields(data):
        if f.name == "root":
            continue
        value = getattr(data, f.name)
        h.update(f.name.encode("utf-8"))
        if isinstance(value, pd.DataFrame):
            h.update(_frame_digest(value))
        else:
            h.update(json.dumps(value, sort_keys=True, default=str).encode("utf-8"))
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A SHA-256 of the source that makes a record (the data, model and answers layers and the vocabulary): a
    change to that code never reuses a record computed before it; maps, the command line and strings do not
    count."""
    h = hashlib.sha256()
    sources = [PACKAGE_DIR / "vocabulary.py", *(p for sub in ("data", "model", "answers")
                                                for p in (PACKAGE_DIR / sub).rglob("*.py"))]
    for path in sorted(sources):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode("utf-8"))
        h.update(path.read_bytes())
    return h.hexdigest()


def scenario_key(fingerprint: str, data: GeoData, scenario: Scenario, config: ModelConfig,
                 spec: IndicatorSpec) -> str:
    """The content hash of a scenario's record (see the module docstring)."""
    active = active_features(data, scenario, year=config.year)
    content = repr((
        RECORD_VERSION, __version__, code_fingerprint(), fingerprint, repr(config), spec.key_text(),
        sorted(active.places), sorted(active.links), sorted(active.speed_kmh.items()),
        sorted(active.headway_min.items()), repr(active.added),
    ))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def evaluate_scenario(data: GeoData, scenario: Scenario, config: ModelConfig, spec: IndicatorSpec
                      ) -> dict[str, float]:
    """The record of one scenario: its network built afresh from ``data`` (left unchanged), then measured."""
    return measure(build_network(data, scenario, config=config), spec)


class ResultCache:
    """Records on disk, one JSON file per key, written atomically; ``folder=None`` keeps nothing."""

    def __init__(self, folder: str | Path | None) -> None:
        self.folder = Path(folder) if folder is not None else None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.json"

    def get(self, key: str) -> dict[str, float] | None:
        """The record kept for ``key``, or None (also for a file that cannot be read back)."""
        if self.folder is None:
            return None
        try:
            doc = json.loads(self._path(key).read_text(encoding="utf-8"))
            return {str(k): float(v) for k, v in doc["record"].items()} if doc.get("key") == key else None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, record: Mapping[str, float], scenario: Scenario | None = None) -> None:
        """Keep ``record`` under ``key`` (atomically: a reader sees the old file or the new one)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        about = {} if scenario is None else {"year": scenario.year, "projects_on": list(scenario.projects_on),
                                             "edits": len(scenario.edits)}
        write_text_atomic(self._path(key), json.dumps({"key": key, "scenario": about, "record": dict(record)},
                                                      ensure_ascii=False))


@dataclass(frozen=True)
class SweepStats:
    """What a sweep did: scenarios asked, found in the cache, evaluated; seconds; the runner used."""

    scenarios: int
    cached: int
    evaluated: int
    seconds: float
    runner: str

    @property
    def hit_rate(self) -> float:
        return self.cached / self.scenarios if self.scenarios else 1.0


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, *, workers: int | None = None) -> Iterator[Client]:
    """A Dask client: of the scheduler at ``scheduler`` (an address), else of a local cluster of ``workers``
    single-threaded processes (default: one per core), closed on exit."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (ValueError, OSError) as exc:
            raise WuzhenGeoError(f"--scheduler {scheduler}: no Dask scheduler answers there ({exc}); give its "
                                 "address as tcp://host:8786 (start one with 'dask scheduler'), or use "
                                 f"--scheduler {SERIAL}") from None
        with client:
            yield client
        return
    n = int(workers) if workers is not None else int(os.cpu_count() or 1)
    if not 1 <= n <= MAX_WORKERS:
        raise WuzhenGeoError(f"--workers {workers}: give 1 to {MAX_WORKERS} worker processes")
    # The cluster's own log stays quiet below CRITICAL: a worker's heartbeat that meets the closing scheduler
    # logs a traceback after a finished sweep; a task's error reaches the caller through its result anyway.
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        yield client


def _runner_name(scheduler: str | Client | None, workers: int | None) -> str:
    if scheduler == SERIAL:
        return SERIAL
    if isinstance(scheduler, Client):
        return f"dask client {scheduler.scheduler.address}"
    if scheduler:
        return f"dask {scheduler}"
    return f"dask local x{int(workers or os.cpu_count() or 1)}"


def run_sweep(data: GeoData, scenarios: Mapping[str, Scenario], *, config: ModelConfig = DEFAULT_CONFIG,
              spec: IndicatorSpec, cache: ResultCache | None = None, scheduler: str | Client | None = None,
              workers: int | None = None, progress: Progress | None = None
              ) -> tuple[dict[str, dict[str, float]], SweepStats]:
    """A record for every scenario of ``scenarios`` (by their :func:`scenario_key`), from the cache or
    evaluated (see the module docstring for ``scheduler``, ``workers``, ``progress`` and interruption).

    ``scheduler`` may also be a connected :class:`distributed.Client`, used as it is and left open.
    """
    start = time.perf_counter()
    cache = cache or ResultCache(None)
    records: dict[str, dict[str, float]] = {}
    for key in scenarios:
        found = cache.get(key)
        if found is not None:
            records[key] = found
    hits = len(records)
    todo = {k: s for k, s in scenarios.items() if k not in records}
    total = len(scenarios)
    report = progress or (lambda done, all_: None)
    report(len(records), total)

    def finished(key: str, record: dict[str, float]) -> None:
        records[key] = record
        cache.put(key, record, scenarios[key])
        report(len(records), total)

    if todo and scheduler == SERIAL:
        for key, scenario in todo.items():
            finished(key, evaluate_scenario(data, scenario, config, spec))
    elif todo and isinstance(scheduler, Client):
        _run_on(scheduler, data, todo, config, spec, finished)
    elif todo:
        with dask_client(scheduler, workers=workers) as client:
            _run_on(client, data, todo, config, spec, finished)
    stats = SweepStats(scenarios=total, cached=hits, evaluated=len(todo), seconds=time.perf_counter() - start,
                       runner=_runner_name(scheduler, workers) if todo else "cache")
    log.info("sweep: %d scenarios, %d cached, %d evaluated in %.1f s (%s)", stats.scenarios, stats.cached,
             stats.evaluated, stats.seconds, stats.runner)
    return records, stats


def _run_on(client: Client, data: GeoData, todo: Mapping[str, Scenario], config: ModelConfig,
            spec: IndicatorSpec, finished: Callable[[str, dict[str, float]], None]) -> None:
    """Each scenario of ``todo`` as one task on ``client``; ``finished`` as each completes (any order)."""
    shared: Any = client.scatter(data, broadcast=True, hash=False)
    run = uuid.uuid4().hex[:8]  # task keys of this sweep only: a cluster never answers from an earlier one
    futures = {client.submit(evaluate_scenario, shared, scenario, config, spec, key=f"wuzhen-geo-{key}-{run}",
                             pure=False): key for key, scenario in todo.items()}
    try:
        for future in as_completed(futures):
            finished(futures[future], future.result())
    except BaseException:
        client.cancel(list(futures))
        raise
    finally:
        client.cancel(shared)
