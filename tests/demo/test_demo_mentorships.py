from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from mentora.demo.mentorships import seed_mentorships
from mentora.mentorships.models import Mentorship, Stage
from tests.factories import make_member, make_programme


def _organisation_with_programmes(organisation):
    today = timezone.localdate()
    running = make_programme(
        organisation,
        status="running",
        starts_on=today - timedelta(days=120),
        ends_on=today + timedelta(days=240),
    )
    closing = make_programme(
        organisation,
        status="closing",
        format="group",
        group_size=3,
        kind="group",
        starts_on=today - timedelta(days=330),
        ends_on=today + timedelta(days=30),
    )
    for _ in range(30):
        make_member(organisation)
    return running, closing


def test_the_demo_has_relationships_at_several_stages(organisation):
    running, closing = _organisation_with_programmes(organisation)
    seed_mentorships(organisation, random.Random(7))
    stages = set(Mentorship.objects.filter(programme=running).values_list("stage", flat=True))
    assert {Stage.ESTABLISH, Stage.LEARNING} <= stages
    assert Mentorship.objects.filter(programme=closing, stage=Stage.CLOSED).exists()


def test_the_demo_is_the_same_for_the_same_seed(organisation):
    _organisation_with_programmes(organisation)
    seed_mentorships(organisation, random.Random(7))
    order = ("pk", "participants__membership_id")
    first = list(
        Mentorship.objects.order_by(*order).values_list("stage", "participants__membership_id")
    )
    Mentorship.objects.all().delete()
    seed_mentorships(organisation, random.Random(7))
    again = Mentorship.objects.order_by(*order).values_list("stage", "participants__membership_id")
    assert list(again) == first
