"""The review page's counters read right with their number."""

from __future__ import annotations

import re

from django.urls import reverse

from mentora.enrolment.models import Application
from tests.factories import make_member


def _counters(response) -> dict[str, str]:
    pairs = re.findall(
        r'<span class="stat__value">(\d+)</span><span class="stat__label">([^<]+)</span>',
        response.content.decode(),
    )
    return {label.strip(): value for value, label in pairs}


def _approve(programme, role, capacity=None):
    Application.objects.create(
        programme=programme,
        membership=make_member(programme.organisation),
        role=role,
        status="approved",
        capacity=capacity,
    )


def test_one_and_several_read_right(client, coordinator, programme):
    _approve(programme, "mentor", capacity=1)
    _approve(programme, "mentee")
    _approve(programme, "mentee")
    client.force_login(coordinator.user)
    counters = _counters(client.get(reverse("enrolment:applications", args=[programme.pk])))
    assert counters["approved mentor"] == "1"
    assert counters["approved mentees"] == "2"
    assert counters["mentor place"] == "1"


def test_the_counters_read_in_french(client, coordinator, programme):
    coordinator.user.language = "fr"
    coordinator.user.save()
    _approve(programme, "mentor", capacity=3)
    client.force_login(coordinator.user)
    counters = _counters(client.get(reverse("enrolment:applications", args=[programme.pk])))
    assert counters["mentor accepté"] == "1"
    assert counters["places chez les mentors"] == "3"
