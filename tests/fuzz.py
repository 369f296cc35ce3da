"""Settings of the fuzz tests (``tests/*/test_fuzz_*.py``): few examples in the default run, the profile's
many with ``--hypothesis-profile=long`` (registered in ``tests/conftest.py``)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

__all__ = ["LONG", "fuzz_settings"]

#: True under the long profile (it asks for thousands of examples per test).
LONG = settings.default.max_examples >= 1_000


def fuzz_settings(fast_examples: int) -> settings:
    """``fast_examples`` examples in the default run, the long profile's count under it; no per-example
    deadline in the default run (the tests bound time themselves), fixtures shared across examples."""
    return settings(
        max_examples=settings.default.max_examples if LONG else fast_examples,
        deadline=settings.default.deadline if LONG else None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
