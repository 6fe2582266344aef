from __future__ import annotations

from mentora.accounts.models import Membership, Role
from mentora.analytics.models import KpiPoint
from mentora.profiles.models import Skill
from mentora.programs.models import Kind, Programme, Status


def test_demo_company_has_about_three_hundred_people(demo):
    assert 280 <= Membership.objects.filter(organisation=demo).count() <= 320


def test_no_demo_person_has_their_first_name_as_family_name(demo):
    members = Membership.objects.filter(organisation=demo).select_related("user")
    assert not [m.user for m in members if m.user.first_name == m.user.last_name]


def test_demo_has_one_programme_of_each_kind(demo):
    kinds = set(Programme.objects.filter(organisation=demo).values_list("kind", flat=True))
    assert kinds == set(Kind.values)


def test_demo_programmes_are_in_various_states(demo):
    statuses = set(Programme.objects.values_list("status", flat=True))
    assert len(statuses) >= 5
    assert Status.RUNNING in statuses and Status.DRAFT in statuses


def test_demo_has_every_role(demo):
    roles = set(Membership.objects.filter(organisation=demo).values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_reporting_lines_have_no_cycle(demo):
    managers = dict(Membership.objects.filter(organisation=demo).values_list("pk", "manager_id"))
    for start in managers:
        seen, current = set(), start
        while current is not None:
            assert current not in seen, f"cycle through membership {current}"
            seen.add(current)
            current = managers[current]


def test_demo_people_have_profiles_with_languages_and_skills(demo):
    members = Membership.objects.filter(organisation=demo)
    assert all(m.profile.languages for m in members.select_related("profile")[:50])
    assert (
        members.filter(profile__skills__direction="offered").distinct().count() == members.count()
    )


def test_every_demo_skill_and_category_has_its_english_name(demo):
    skills = Skill.objects.filter(organisation=demo)
    assert skills.exists()
    assert all(s.name_translations.get("en") for s in skills)
    assert all(s.category_translations.get("en") for s in skills)


def test_demo_prints_the_logins(demo_output):
    assert "admin@demo.mentora.fr" in demo_output
    assert "mentee@demo.mentora.fr" in demo_output


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


def test_the_running_programmes_objectives_have_a_weekly_history(demo):
    programme = Programme.objects.get(organisation=demo, status=Status.RUNNING)
    weeks = KpiPoint.objects.filter(programme=programme, metric="satisfaction").values("week")
    assert weeks.count() >= 10
    assert KpiPoint.objects.filter(
        programme=programme, metric="sessions_per_pair", value__gt=0
    ).exists()
