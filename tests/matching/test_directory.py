"""The directory of an informal programme: who each participant may pair with, and search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.matching.models import PairRule
from mentora.matching.selectors.directory import directory, seeker
from mentora.matching.services.pairing import decline_pairing, propose_pairing
from mentora.mentorships.services.closure import leave_mentorship
from tests.factories import (
    make_application,
    make_informal_programme,
    make_member,
    make_mentorship,
    make_organisation,
    make_participant,
    make_programme,
)


@pytest.fixture
def informal(organisation, coordinator):
    return make_informal_programme(organisation, coordinator)


def _names(programme, person, query=""):
    me = seeker(programme, person)
    return [str(m.user) for m in directory(programme, me, query)]


def _page(client, programme, person, query=""):
    client.force_login(person.user)
    url = reverse("matching:directory", args=[programme.pk])
    return client.get(url, {"q": query} if query else {})


def test_a_mentee_sees_the_mentors_and_not_the_other_mentees(informal):
    programme, people = informal
    assert _names(programme, people["mia"]) == ["Eva Excel", "Paul Python"]


def test_a_mentor_sees_the_mentees(informal):
    programme, people = informal
    assert _names(programme, people["paul"]) == ["Max Mentee", "Mia Mentee"]


def test_a_peer_sees_the_other_peers(organisation):
    programme = make_programme(organisation, kind="peer", status="running", is_formal=False)
    ana, ben, cleo = (
        make_participant(programme, "peer", level=3, first_name=name, last_name="Peer")
        for name in ("Ana", "Ben", "Cleo")
    )
    assert _names(programme, ana) == ["Ben Peer", "Cleo Peer"]


def test_a_mentor_without_a_free_place_is_not_listed(informal):
    programme, people = informal
    make_mentorship(programme, people["paul"], people["max"])
    assert _names(programme, people["mia"]) == ["Eva Excel"]


def test_a_mentor_with_a_place_left_is_still_listed(organisation, coordinator):
    programme, people = make_informal_programme(
        organisation, coordinator, default_mentor_capacity=2
    )
    make_mentorship(programme, people["paul"], people["max"])
    assert _names(programme, people["mia"]) == ["Eva Excel", "Paul Python"]


def test_a_paired_mentee_is_not_listed(informal):
    programme, people = informal
    make_mentorship(programme, people["eva"], people["max"])
    make_participant(programme, "mentor", level=5, first_name="Zoe", last_name="Zed")
    assert "Max Mentee" not in _names(programme, people["paul"])


def test_a_mentee_whose_relationship_ended_early_is_listed_again(informal):
    programme, people = informal
    mentorship = make_mentorship(programme, people["eva"], people["max"])
    leave_mentorship(participant=mentorship.participants.get(role="mentee"), reason="fit")
    assert "Max Mentee" in _names(programme, people["paul"])


def test_ones_manager_and_ones_reports_are_not_listed(informal):
    programme, people = informal
    people["mia"].manager = people["paul"]
    people["mia"].save()
    assert _names(programme, people["mia"]) == ["Eva Excel"]
    assert _names(programme, people["paul"]) == ["Max Mentee"]


def test_someone_who_declined_you_is_not_listed(informal):
    programme, people = informal
    proposal = propose_pairing(
        programme=programme, proposer=people["mia"], recipient=people["paul"]
    )
    decline_pairing(proposal=proposal, by=people["paul"])
    assert _names(programme, people["mia"]) == ["Eva Excel"]


def test_a_pair_the_coordinators_forbade_is_not_listed(informal):
    programme, people = informal
    PairRule.objects.create(
        programme=programme, mentee=people["mia"], mentor=people["eva"], kind="forbid"
    )
    assert _names(programme, people["mia"]) == ["Paul Python"]


def test_someone_you_would_rather_avoid_is_not_listed(informal):
    programme, people = informal
    people["eva"].applications.get(programme=programme).avoided_people.add(people["mia"])
    assert _names(programme, people["mia"]) == ["Paul Python"]


def test_a_participant_who_left_the_organisation_is_not_listed(informal):
    from datetime import date

    programme, people = informal
    people["eva"].left_on = date(2020, 1, 1)
    people["eva"].save()
    assert _names(programme, people["mia"]) == ["Paul Python"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("paul", ["Paul Python"]),
        ("data lead", ["Paul Python"]),
        ("finance", ["Eva Excel"]),
        ("excel", ["Eva Excel"]),
        ("python", ["Paul Python"]),
        ("nobody", []),
    ],
)
def test_the_search_reads_names_job_titles_departments_and_skills(informal, query, found):
    programme, people = informal
    assert _names(programme, people["mia"], query) == found


def test_the_page_shows_a_short_profile_of_each_mentor(client, informal):
    programme, people = informal
    page = _page(client, programme, people["mia"]).content.decode()
    assert "Data lead" in page
    assert "Python" in page
    assert "1 place left" in page
    assert "Propose to pair with Paul" in page


def test_the_page_searches(client, informal):
    programme, people = informal
    page = _page(client, programme, people["mia"], "finance").content.decode()
    assert "Eva Excel" in page
    assert "Paul Python" not in page


def test_a_paired_mentee_is_told_and_shown_nobody(client, informal):
    programme, people = informal
    make_mentorship(programme, people["eva"], people["mia"])
    page = _page(client, programme, people["mia"]).content.decode()
    assert "You have already been paired in this programme." in page
    assert "Propose to pair with Paul" not in page


def test_a_formal_programme_has_no_directory(client, organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator, is_formal=True)
    assert _page(client, programme, people["mia"]).status_code == 404


def test_a_closed_informal_programme_has_no_directory(client, organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator, status="closed")
    assert _page(client, programme, people["mia"]).status_code == 404


def test_the_directory_opens_while_the_programme_enrols(client, organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator, status="enrolling")
    assert _page(client, programme, people["mia"]).status_code == 200


def test_a_member_who_is_not_an_approved_participant_is_refused(client, informal, member):
    programme, _people = informal
    assert _page(client, programme, member).status_code == 403


def test_an_applicant_awaiting_review_is_refused(client, informal, member):
    programme, _people = informal
    make_application(programme, member, "mentee", status="submitted")
    assert _page(client, programme, member).status_code == 403


def test_the_coordinator_is_not_a_participant_of_the_directory(client, informal, coordinator):
    programme, _people = informal
    assert _page(client, programme, coordinator).status_code == 403


def test_a_member_of_another_organisation_cannot_see_the_directory(client, informal):
    programme, _people = informal
    stranger = make_member(make_organisation(name="Globex"))
    # Even approved in the programme by mistake, someone outside it sees nothing.
    make_application(programme, stranger, "mentee")
    response = _page(client, programme, stranger)
    assert response.status_code == 404
    assert b"Paul Python" not in response.content


def test_a_partner_organisations_participant_uses_the_directory(client, organisation, coordinator):
    partner = make_organisation(name="Partner")
    programme, people = make_informal_programme(organisation, coordinator, kind="inter_company")
    programme.partner_organisations.add(partner)
    guest = make_member(partner, first_name="Gus", last_name="Guest")
    make_application(programme, guest, "mentee")
    assert "Paul Python" in _page(client, programme, guest).content.decode()


def test_a_refused_proposal_gives_the_text_back(client, informal):
    programme, people = informal
    client.force_login(people["mia"].user)
    make_mentorship(programme, people["paul"], people["max"])  # Paul is full now
    response = client.post(
        reverse("matching:propose", args=[programme.pk]),
        {"recipient": people["eva"].pk, "message": "x" * 1001},
    )
    page = response.content.decode()
    assert "1,001 characters typed" in page
    assert "x" * 1001 in page


def test_the_page_reads_as_many_queries_for_two_mentors_as_for_twelve(client, informal):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme, people = informal
    client.force_login(people["mia"].user)
    url = reverse("matching:directory", args=[programme.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = queries()
    for n in range(10):
        make_participant(programme, "mentor", level=5, offered={"Python": 4}, first_name=f"M{n}")
    assert queries() == few


def test_a_persons_free_slots_read_in_the_weeks_order():
    from django.utils import translation

    from mentora.matching.templatetags.matching_tags import slot_labels

    with translation.override("en"):
        text = slot_labels(["fri_am", "mon_pm", "mon_am", "tue_pm"])
    assert text == "Monday morning, Monday afternoon, Tuesday afternoon, Friday morning"
