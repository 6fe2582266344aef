"""Mentee chooses: shortlist, requests holding a place, answers, hybrid, and capacity races."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, close_old_connections, connection

from mentora.matching.errors import MatchingError
from mentora.matching.models import MentorRequest
from mentora.matching.selectors.places import places_used
from mentora.matching.services.choice import answer_proposal, answer_request, request_mentor
from mentora.matching.services.publication import publish_run
from mentora.matching.services.settings import matching_settings
from mentora.mentorships.models import Mentorship
from tests.factories import make_matching_programme, make_participant


@pytest.fixture
def choosing(organisation, coordinator):
    programme, people = make_matching_programme(
        organisation, coordinator, matching_mode="mentee_choice", default_mentor_capacity=1
    )
    return programme, people


def test_the_shortlist_ranks_the_mentor_who_offers_the_sought_skill_first(client, choosing):
    programme, people = choosing
    client.force_login(people["py"].user)
    page = client.get(f"/matching/programmes/{programme.pk}/choose/").content.decode()
    assert page.index("Pia Python") < page.index("Eric Excel")
    assert "offers Python at level 5" in page


def test_a_request_then_an_acceptance_starts_the_relationship(choosing):
    programme, people = choosing
    request = request_mentor(
        programme=programme, mentee=people["py"], mentor=people["python"], message="Hi"
    )
    answer_request(request=request, accept=True)
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_the_last_place_goes_to_the_first_request_and_the_second_is_told(choosing):
    programme, people = choosing
    request_mentor(programme=programme, mentee=people["py"], mentor=people["python"])
    with pytest.raises(MatchingError, match="no place left"):
        request_mentor(programme=programme, mentee=people["both"], mentor=people["python"])


def test_a_declined_request_frees_the_place(choosing):
    programme, people = choosing
    request = request_mentor(programme=programme, mentee=people["py"], mentor=people["python"])
    answer_request(request=request, accept=False)
    request_mentor(programme=programme, mentee=people["both"], mentor=people["python"])
    assert MentorRequest.objects.filter(status="pending").count() == 1


def test_hybrid_mentees_confirm_the_proposed_mentor(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    programme, people = make_matching_programme(organisation, coordinator, matching_mode="hybrid")
    run = run_now(programme)
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=run, actor=coordinator.user)
    proposed = MentorRequest.objects.get(mentee=people["py"], status="proposed")
    answer_proposal(request=proposed, confirm=True)
    assert Mentorship.objects.filter(programme=programme).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_mentees_racing_for_the_last_place_cannot_exceed_capacity(organisation, coordinator):
    """Threads on real connections: PostgreSQL locks the mentor's application row; SQLite
    (IMMEDIATE transactions) serialises the two writers. Either way one wins."""
    programme, people = make_matching_programme(
        organisation, coordinator, matching_mode="mentee_choice", default_mentor_capacity=1
    )
    late = make_participant(programme, "mentee", level=1, sought={"Python": 3})
    barrier = threading.Barrier(2, timeout=10)

    def ask(mentee):
        try:
            barrier.wait()
            return request_mentor(programme=programme, mentee=mentee, mentor=people["python"])
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(ask, mentee) for mentee in (people["py"], late)]
    errors = [future.exception() for future in futures]
    # The loser is told the place is taken, or (SQLite) refused as a second writer.
    assert errors.count(None) == 1
    assert all(isinstance(e, MatchingError | OperationalError) for e in errors if e is not None)
    assert MentorRequest.objects.filter(mentor=people["python"], status="pending").count() == 1


def test_both_sides_of_a_chosen_pair_read_why(client, choosing):
    programme, people = choosing
    request = request_mentor(programme=programme, mentee=people["py"], mentor=people["python"])
    answer_request(request=request, accept=True)
    client.force_login(people["python"].user)
    page = client.get("/matching/me/").content.decode()
    assert "Your mentee: Paul Py" in page
    assert "offers Python at level 5, sought at level 4" in page


def test_a_mentee_in_a_coordinator_led_programme_cannot_choose(client, scenario):
    programme, people = scenario
    client.force_login(people["py"].user)
    assert client.get(f"/matching/programmes/{programme.pk}/choose/").status_code == 403


def test_the_shortlist_shows_when_each_mentor_is_free(client, choosing):
    programme, people = choosing
    client.force_login(people["py"].user)
    page = client.get(f"/matching/programmes/{programme.pk}/choose/").content.decode()
    assert "Monday morning, Tuesday afternoon, Thursday morning" in page


def test_a_hybrid_publication_never_overfills_a_mentor_taken_since_the_run(
    organisation, coordinator, run_now
):
    programme, people = make_matching_programme(
        organisation, coordinator, matching_mode="hybrid", default_mentor_capacity=1
    )
    run = run_now(programme)
    taken = run.proposals.first().mentor
    late = make_participant(programme, "mentee", level=1, sought={"Python": 3})
    request_mentor(programme=programme, mentee=late, mentor=taken)
    with pytest.raises(MatchingError, match="no place left"):
        publish_run(run=run, actor=coordinator.user)
    assert not MentorRequest.objects.filter(status="proposed").exists()


def test_a_hybrid_mentee_asking_for_alternatives_frees_the_place_and_sees_other_mentors(
    client, organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    programme, people = make_matching_programme(organisation, coordinator, matching_mode="hybrid")
    run = run_now(programme)
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=run, actor=coordinator.user)
    proposed = MentorRequest.objects.get(mentee=people["py"], status="proposed")
    client.force_login(people["py"].user)
    answer = client.post(f"/matching/requests/{proposed.pk}/confirm/", {"answer": "alternatives"})
    assert answer["Location"] == f"/matching/programmes/{programme.pk}/choose/"
    proposed.refresh_from_db()
    assert proposed.status == "cancelled"
    assert places_used(programme, people["python"]) == 1  # Bea's proposal only
    page = client.get(answer["Location"]).content.decode()
    assert "Pia Python" in page
    assert "Eric Excel" in page


def test_the_shortlist_shows_reasons_but_no_score(client, choosing):
    from mentora.matching import pairs
    from mentora.matching.loader import load_programme

    programme, people = choosing
    parameters = matching_settings(programme).parameters
    me = load_programme(programme, parameters, only={people["py"].pk}).instance.mentees[0]
    loaded = load_programme(programme, parameters).instance
    ranked = pairs.shortlist(loaded.rules, me, loaded.mentors)
    assert ranked
    client.force_login(people["py"].user)
    page = client.get(f"/matching/programmes/{programme.pk}/choose/").content.decode()
    assert "offers Python at level 5" in page
    for candidate in ranked:
        assert f"{candidate.score:.2f}" not in page
