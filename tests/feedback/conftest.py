"""A pair of the programme, for the feedback tests: Maya mentors Noé."""

from __future__ import annotations

import pytest

from tests.factories import make_pair


@pytest.fixture
def pair(programme):
    """(mentorship, mentor, mentee) of a running programme."""
    programme.status = "running"
    programme.save()
    return make_pair(programme)
