"""Reverse and inter-company programmes, from the run to the relationship both people see."""

from __future__ import annotations

import pytest

from mentora.matching.services.publication import publish_run
from mentora.mentorships.models import Mentorship
from tests.factories import (
    make_application,
    make_member,
    make_organisation,
    make_participant,
    make_profile,
    make_profile_skill,
    make_programme,
    make_skill,
)


def _publish(run, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_run(run=run, actor=coordinator.user)


def _roles(mentorship):
    return dict(mentorship.participants.values_list("membership_id", "role"))


# Reverse mentoring ---------------------------------------------------------------------------


@pytest.fixture
def reverse(organisation, coordinator):
    programme = make_programme(organisation, kind="reverse", status="matching")
    programme.coordinators.add(coordinator.user)
    people = {
        "junior": make_participant(
            programme, "mentor", level=1, offered={"AI": 5}, first_name="Jade", last_name="Junior"
        ),
        # Offers the skill too, but is more senior than the mentee: not a reverse mentor.
        "veteran": make_participant(
            programme, "mentor", level=6, offered={"AI": 5}, first_name="Vic", last_name="Veteran"
        ),
        "senior": make_participant(
            programme, "mentee", level=5, sought={"AI": 3}, first_name="Sara", last_name="Senior"
        ),
    }
    return programme, people


def test_a_reverse_run_pairs_the_junior_mentor_with_the_senior_mentee(reverse, run_now):
    programme, people = reverse
    run = run_now(programme)
    assert run.parameters["kind"] == "reverse"
    assert list(run.proposals.values_list("mentee_id", "mentor_id")) == [
        (people["senior"].pk, people["junior"].pk)
    ]


def test_a_published_reverse_pair_makes_the_junior_the_mentor(
    client, reverse, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = reverse
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    mentorship = Mentorship.objects.get(programme=programme)
    assert _roles(mentorship) == {people["junior"].pk: "mentor", people["senior"].pk: "mentee"}
    client.force_login(people["senior"].user)
    assert "Your mentor: Jade Junior" in client.get("/matching/me/").content.decode()


# Inter-company -------------------------------------------------------------------------------


def _partner_participant(programme, organisation, role, skills, **names):
    """An approved participant who belongs to a partner organisation."""
    member = make_member(organisation, seniority_level=5 if role == "mentor" else 1, **names)
    profile = make_profile(
        member, languages=[{"code": "fr", "level": "native"}], availability=["mon_am"]
    )
    for name, level in skills.items():
        make_profile_skill(
            profile,
            make_skill(organisation, name=name),
            direction="offered" if role == "mentor" else "sought",
            level=level,
        )
    make_application(programme, member, role)
    return member


@pytest.fixture
def inter_company(organisation, coordinator):
    bank = make_organisation(name="Banque Rhodanienne")
    programme = make_programme(organisation, kind="inter_company", status="matching")
    programme.partner_organisations.add(bank)
    programme.coordinators.add(coordinator.user)
    people = {
        "banker": _partner_participant(
            programme, bank, "mentor", {"Python": 5}, first_name="Bruno", last_name="Banker"
        ),
        "py": make_participant(
            programme, "mentee", level=1, sought={"Python": 4}, first_name="Paul", last_name="Py"
        ),
        "excel": make_participant(
            programme, "mentor", level=5, offered={"Excel": 5}, first_name="Eric", last_name="Excel"
        ),
        "xl": make_participant(
            programme, "mentee", level=1, sought={"Excel": 4}, first_name="Xavier", last_name="Xl"
        ),
    }
    return programme, people


def test_an_inter_company_run_pairs_people_across_the_two_organisations(inter_company, run_now):
    programme, people = inter_company
    run = run_now(programme)
    assert run.parameters["inter_company"] is True
    pairs = set(run.proposals.values_list("mentee_id", "mentor_id"))
    assert pairs == {(people["py"].pk, people["banker"].pk), (people["xl"].pk, people["excel"].pk)}


def test_both_organisations_see_their_published_relationship(
    client, inter_company, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = inter_company
    assert _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks) == 2
    shared = Mentorship.objects.get(programme=programme, participants__membership=people["banker"])
    assert _roles(shared) == {people["banker"].pk: "mentor", people["py"].pk: "mentee"}
    for me, partner in (("banker", "Paul Py"), ("py", "Bruno Banker")):
        client.force_login(people[me].user)
        mine = client.get("/mentorships/")
        assert [row["mentorship"].pk for row in mine.context["rows"]] == [shared.pk]
        assert partner in mine.content.decode()
        assert client.get(f"/mentorships/{shared.pk}/").status_code == 200


def test_the_partner_sees_nothing_else_of_the_other_organisation(
    client, inter_company, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = inter_company
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    other = Mentorship.objects.get(programme=programme, participants__membership=people["xl"])
    client.force_login(people["banker"].user)
    assert client.get(f"/mentorships/{other.pk}/").status_code in (403, 404)
    assert client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/").status_code in (
        403,
        404,
    )
    for page in ("/matching/me/", "/mentorships/"):
        html = client.get(page).content.decode()
        assert "Xavier Xl" not in html
        assert "Eric Excel" not in html
