from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from mentora.accounts.models import Membership, Organisation, Role, User
from mentora.profiles.models import Skill
from mentora.programs.models import Kind, Programme, Status


@pytest.fixture(scope="module")
def _loaded_demo(django_db_setup, django_db_blocker):
    # Building the demo takes seconds: build it once for this module, then remove it.
    fast_hash = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast_hash):
        out = StringIO()
        call_command("load_demo", stdout=out)
        yield Organisation.objects.get(slug="lumiere"), out.getvalue()
        Organisation.objects.all().delete()
        User.objects.all().delete()


@pytest.fixture
def demo(_loaded_demo, db):
    return _loaded_demo


def test_demo_company_has_about_three_hundred_people(demo):
    organisation, _ = demo
    assert 280 <= Membership.objects.filter(organisation=organisation).count() <= 320


def test_demo_has_one_programme_of_each_kind(demo):
    organisation, _ = demo
    kinds = set(Programme.objects.filter(organisation=organisation).values_list("kind", flat=True))
    assert kinds == set(Kind.values)


def test_demo_programmes_are_in_various_states(demo):
    statuses = set(Programme.objects.values_list("status", flat=True))
    assert len(statuses) >= 5
    assert Status.RUNNING in statuses and Status.DRAFT in statuses


def test_demo_has_every_role(demo):
    organisation, _ = demo
    roles = set(Membership.objects.filter(organisation=organisation).values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_reporting_lines_have_no_cycle(demo):
    organisation, _ = demo
    managers = dict(
        Membership.objects.filter(organisation=organisation).values_list("pk", "manager_id")
    )
    for start in managers:
        seen, current = set(), start
        while current is not None:
            assert current not in seen, f"cycle through membership {current}"
            seen.add(current)
            current = managers[current]


def test_demo_people_have_profiles_with_languages_and_skills(demo):
    organisation, _ = demo
    members = Membership.objects.filter(organisation=organisation)
    assert all(m.profile.languages for m in members.select_related("profile")[:50])
    assert (
        members.filter(profile__skills__direction="offered").distinct().count() == members.count()
    )


def test_every_demo_skill_and_category_has_its_english_name(demo):
    organisation, _ = demo
    skills = Skill.objects.filter(organisation=organisation)
    assert skills.exists()
    assert all(s.name_translations.get("en") for s in skills)
    assert all(s.category_translations.get("en") for s in skills)


def test_demo_prints_the_logins(demo):
    _, output = demo
    assert "admin@demo.mentora.fr" in output
    assert "mentee@demo.mentora.fr" in output


def test_demo_logins_work(client, demo):
    assert client.login(username="coordination@demo.mentora.fr", password="mentora-demo")


def test_demo_running_programme_has_approved_mentors_and_mentees(demo):
    from mentora.enrolment.models import Application

    applications = Application.objects.filter(programme__name="Mentorat Talents 2027")
    assert applications.filter(role="mentor", status="approved").count() == 20
    assert applications.filter(membership__user__email="mentee@demo.mentora.fr").exists()


def test_demo_matching_programme_has_applicants_to_match(demo):
    from mentora.enrolment.models import Application

    reverse = Application.objects.filter(programme__kind="reverse", status="approved")
    assert reverse.filter(role="mentor").exists() and reverse.filter(role="mentee").exists()
