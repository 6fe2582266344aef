"""Scenarios of matching: a traditional programme with two mentors and three mentees."""

from __future__ import annotations

import pytest

from mentora.matching.services.runs import start_run
from tests.factories import make_matching_programme


@pytest.fixture
def scenario(organisation, coordinator):
    return make_matching_programme(organisation, coordinator)


@pytest.fixture
def run_now(django_capture_on_commit_callbacks, coordinator):
    """Start a run and let the (immediate) task backend execute it."""

    def _run(programme):
        with django_capture_on_commit_callbacks(execute=True):
            run = start_run(programme=programme, actor=coordinator.user)
        run.refresh_from_db()
        return run

    return _run
