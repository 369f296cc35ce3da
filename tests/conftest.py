"""Fixtures shared by the whole suite: the mini fixture data and the shipped data, each loaded once, and the
network of each as of today, built once.

They are shared by every test of the session: treat them as read-only (the package promises never to change
the data or a network it is given). A test that needs changed data copies the folder (``mini_dir`` or
``shipped_dir`` into ``tmp_path``), or builds a new network from the data with a scenario. After each test
module the shared objects it used are compared with a fingerprint taken when they were made, so a test (or a
package function) that changes one fails, at the teardown of the module that did it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from tests.shared import MINI_DIR, REPO_ROOT, SHIPPED_DIR, SharedObjects
from wuzhen_geo.data.io import GeoData, load_geodata
from wuzhen_geo.model.network import Network, build_network

_SHARED = SharedObjects()
_share = _SHARED.share


@pytest.fixture(autouse=True, scope="module")
def _shared_objects_are_unchanged(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each module: every shared object its tests used (directly or through another fixture) still has
    its fingerprint."""
    yield
    used = {name for item in request.session.items if item.module is request.module for name in item.fixturenames}
    changed = _SHARED.changed(used)
    _SHARED.accept(changed)  # blame this module only
    assert not changed, (f"this module changed the shared fixture(s) {changed}; "
                         "copy the folder or build a new network instead")


@pytest.fixture(autouse=True, scope="session")
def _kept_work_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The planner's kept work (``app_pages.saved_work``) goes to a folder of this test session, not the
    user's cache; app servers started by the tests inherit it."""
    import os

    before = os.environ.get("WUZHEN_GEO_WORK")
    os.environ["WUZHEN_GEO_WORK"] = str(tmp_path_factory.mktemp("kept-work"))
    yield
    if before is None:
        os.environ.pop("WUZHEN_GEO_WORK", None)
    else:
        os.environ["WUZHEN_GEO_WORK"] = before


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (``streamlit_app.py``, ``scripts/``, ``geodata/``)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def mini_dir() -> Path:
    """The mini fixture folder ``tests/fixtures/mini``. Read-only: copy it into ``tmp_path`` to change it."""
    return MINI_DIR


@pytest.fixture(scope="session")
def shipped_dir() -> Path:
    """The shipped data folder ``geodata/``. Read-only: copy it into ``tmp_path`` to change it."""
    return SHIPPED_DIR


@pytest.fixture(scope="session")
def mini_data(mini_dir: Path) -> GeoData:
    """The mini fixture data, loaded (and validated) once."""
    return _share("mini_data", load_geodata(mini_dir))


@pytest.fixture(scope="session")
def mini_net(mini_data: GeoData) -> Network:
    """The mini fixture's network today (the default scenario), built once."""
    return _share("mini_net", build_network(mini_data))


@pytest.fixture(scope="session")
def shipped_data(shipped_dir: Path) -> GeoData:
    """The shipped data, loaded (and validated) once."""
    return _share("shipped_data", load_geodata(shipped_dir))


@pytest.fixture(scope="session")
def shipped_net(shipped_data: GeoData) -> Network:
    """The shipped network today (the default scenario, the same as ``geodata/scenarios/today.yaml``), built
    once."""
    return _share("shipped_net", build_network(shipped_data))


# Hypothesis profiles. "default" is Hypothesis's own (100 examples, 200 ms deadline), so the whole suite stays
# within a few minutes (the fuzz tests scale themselves down: tests/fuzz.py). "long" is the fuzz run of the
# issue: ``pytest tests -k fuzz --hypothesis-profile=long`` runs 7 x 1,500 = 10,500 inputs, each bounded
# by a 10 s deadline.
settings.register_profile("default", settings())
settings.register_profile("long", max_examples=1_500, deadline=10_000)
