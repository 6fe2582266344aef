"""A pair of the programme, for the feedback tests (Maya mentors Noé), and an open survey."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mentora.feedback.survey_services import copy_template, open_survey
from tests.factories import make_pair


@pytest.fixture
def pair(programme):
    """(mentorship, mentor, mentee) of a running programme."""
    programme.status = "running"
    programme.save()
    return make_pair(programme)


@pytest.fixture
def survey(programme, coordinator, pair):
    """The end-of-programme template, opened today for two weeks to the pair."""
    today = timezone.localdate()
    survey = copy_template(
        programme=programme,
        key="end_of_programme",
        actor=coordinator,
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )
    open_survey(survey=survey, actor=coordinator)
    return survey
