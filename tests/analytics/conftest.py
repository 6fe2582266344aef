"""The hand-computed world of tests/analytics/world.py, built with time frozen on AS_OF."""

from __future__ import annotations

import pytest
import time_machine

from tests.analytics.world import NOW, World, add_objectives, build_world


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def world(frozen, organisation) -> World:
    built = build_world(organisation)
    add_objectives(built)
    return built
