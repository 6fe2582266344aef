"""Profile completeness: one profile, the home card, and the bulk variant for review tables."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.accounts.models import Department, Membership, User
from mentora.profiles.models import Profile, ProfileSkill
from mentora.profiles.selectors import completeness_for_memberships, profile_completeness
from tests.factories import make_organisation, make_profile, make_profile_skill, make_skill


def _complete(member):
    member.job_title = "Analyst"
    member.department = Department.objects.create(organisation=member.organisation, name="IT")
    member.seniority_level = 2
    member.save()
    profile = make_profile(
        member,
        years_of_experience=3,
        bio="Hello",
        career_goals="Grow",
        languages=[{"code": "fr", "level": "native"}],
        availability=["mon_am"],
    )
    make_profile_skill(profile, make_skill(member.organisation), "offered")
    make_profile_skill(profile, make_skill(member.organisation), "sought")
    return profile


def test_empty_profile_lists_every_missing_part(member):
    completeness = profile_completeness(make_profile(member))
    assert completeness.percent == 0
    assert len(completeness.missing) == 10
    assert "Weekly availability" in completeness.missing


def test_complete_profile_is_at_one_hundred(member):
    completeness = profile_completeness(_complete(member))
    assert (completeness.percent, completeness.missing) == (100, [])


def test_each_missing_part_links_to_the_page_that_fixes_it(member):
    profile = _complete(member)
    profile.skills.filter(direction="sought").delete()
    completeness = profile_completeness(profile)
    assert completeness.percent == 90
    assert [(i.label, i.url) for i in completeness.items] == [
        ("Skills you seek", reverse("profiles:skills"))
    ]


def test_home_page_shows_the_completeness_card(client, member):
    _complete(member)
    client.force_login(member.user)
    page = client.get(reverse("home:home")).content.decode()
    assert "100%" in page and reverse("profiles:mine") in page


def test_home_page_card_lists_what_is_missing_before_the_first_visit(client, member):
    client.force_login(member.user)
    page = client.get(reverse("home:home")).content.decode()
    assert "0%" in page and reverse("profiles:edit_languages") in page
    assert not Profile.objects.exists()


def test_bulk_completeness_agrees_with_the_single_profile(member, coordinator, sponsor):
    _complete(member)
    partial = make_profile(coordinator, bio="Hi", languages=[{"code": "en", "level": "fluent"}])
    result = completeness_for_memberships([member.pk, coordinator.pk, sponsor.pk])
    assert result == {
        member.pk: 100,
        coordinator.pk: profile_completeness(partial).percent,
        sponsor.pk: 0,
    }


def test_bulk_completeness_accepts_a_queryset(member):
    _complete(member)
    memberships = Membership.objects.filter(pk=member.pk)
    assert completeness_for_memberships(memberships) == {member.pk: 100}


def _many_members(organisation, count):
    users = User.objects.bulk_create(
        [
            User(email=f"bulk{i}@{organisation.pk}.example.com", first_name="Bulk")
            for i in range(count)
        ]
    )
    memberships = Membership.objects.bulk_create(
        [Membership(user=user, organisation=organisation, job_title="Analyst") for user in users]
    )
    profiles = Profile.objects.bulk_create(
        [Profile(membership=m, languages=[{"code": "fr", "level": "native"}]) for m in memberships]
    )
    skill = make_skill(organisation)
    ProfileSkill.objects.bulk_create(
        [ProfileSkill(profile=p, skill=skill, direction="offered", level=3) for p in profiles]
    )
    return memberships


def test_bulk_completeness_queries_do_not_grow_with_people(organisation):
    few = _many_members(make_organisation(name="Small"), 2)
    many = _many_members(organisation, 500)  # still one batch: ids are sent 500 at a time
    with CaptureQueriesContext(connection) as few_queries:
        completeness_for_memberships([m.pk for m in few])
    with CaptureQueriesContext(connection) as many_queries:
        result = completeness_for_memberships([m.pk for m in many])
    assert len(many_queries) == len(few_queries)
    assert len(result) == 500 and set(result.values()) == {30}


def test_bulk_completeness_over_a_queryset_does_not_grow_with_people(organisation):
    small = make_organisation(name="Small")
    _many_members(small, 2)
    _many_members(organisation, 1200)
    with CaptureQueriesContext(connection) as few_queries:
        completeness_for_memberships(Membership.objects.filter(organisation=small))
    with CaptureQueriesContext(connection) as many_queries:
        result = completeness_for_memberships(Membership.objects.filter(organisation=organisation))
    assert len(many_queries) == len(few_queries)
    assert len(result) == 1200
