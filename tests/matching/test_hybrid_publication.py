"""Hybrid matching: the algorithm proposes, people confirm before any relationship starts."""

from __future__ import annotations

import pytest

from mentora.matching.errors import MatchingError
from mentora.matching.models import MatchNotice, MentorRequest
from mentora.matching.selectors.places import waiting_count
from mentora.matching.services.choice import answer_proposal
from mentora.matching.services.publication import publish_run
from mentora.mentorships.models import Mentorship
from tests.factories import make_participant, make_programme


@pytest.fixture
def hybrid_peers(organisation, coordinator):
    programme = make_programme(organisation, kind="peer", status="matching", matching_mode="hybrid")
    programme.coordinators.add(coordinator.user)
    peers = [
        make_participant(
            programme,
            "peer",
            level=3,
            offered={"Sales": 3},
            sought={"Sales": 2},
            first_name=name,
            last_name="Peer",
        )
        for name in ("Ana", "Ben", "Cleo", "Dan")
    ]
    return programme, peers


def _publish(run, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_run(run=run, actor=coordinator.user)


def test_a_hybrid_peer_run_publishes_proposals_not_relationships(
    hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _peers = hybrid_peers
    run = run_now(programme)
    assert _publish(run, coordinator, django_capture_on_commit_callbacks) == 2
    assert not Mentorship.objects.filter(programme=programme).exists()
    assert MentorRequest.objects.filter(programme=programme, status="proposed").count() == 2
    assert MatchNotice.objects.filter(programme=programme, kind="peer_proposed").count() == 4


def test_a_peer_relationship_starts_once_both_peers_confirm(
    hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _peers = hybrid_peers
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    proposal = MentorRequest.objects.filter(programme=programme).first()
    answer_proposal(request=proposal, confirm=True, by=proposal.mentee)
    assert not Mentorship.objects.filter(programme=programme).exists()
    answer_proposal(request=proposal, confirm=True, by=proposal.mentor)
    mentorship = Mentorship.objects.get(programme=programme)
    assert sorted(mentorship.participants.values_list("membership_id", "role")) == sorted(
        [(proposal.mentee_id, "peer"), (proposal.mentor_id, "peer")]
    )


def test_a_peer_cannot_confirm_twice_for_the_other(
    hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _peers = hybrid_peers
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    proposal = MentorRequest.objects.filter(programme=programme).first()
    answer_proposal(request=proposal, confirm=True, by=proposal.mentee)
    with pytest.raises(MatchingError):
        answer_proposal(request=proposal, confirm=True, by=proposal.mentee)
    assert not Mentorship.objects.filter(programme=programme).exists()


def test_a_peer_declining_frees_both_and_the_pair_is_not_proposed_again(
    hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _peers = hybrid_peers
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    proposal = MentorRequest.objects.filter(programme=programme).first()
    answer_proposal(request=proposal, confirm=False, by=proposal.mentor)
    assert waiting_count(programme) == 2
    again = run_now(programme)
    assert again.mentees_count == 2
    pair = {proposal.mentee_id, proposal.mentor_id}
    assert all({p.mentee_id, p.mentor_id} != pair for p in again.proposals.all())


def test_peers_holding_a_proposal_are_not_matched_again(
    hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _peers = hybrid_peers
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    assert waiting_count(programme) == 0
    assert run_now(programme).mentees_count == 0


def test_a_peer_sees_the_proposed_peer_and_confirms_on_their_matching_page(
    client, hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _peers = hybrid_peers
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    proposal = MentorRequest.objects.filter(programme=programme).select_related(
        "mentee__user", "mentor__user"
    )[0]
    client.force_login(proposal.mentor.user)
    html = client.get("/matching/me/").content.decode()
    assert f"We propose {proposal.mentee.user} as your peer" in html
    answer = client.post(f"/matching/requests/{proposal.pk}/confirm/", {"answer": "confirm"})
    assert answer["Location"] == "/matching/me/"
    html = client.get("/matching/me/").content.decode()
    assert f"Waiting for {proposal.mentee.user} to confirm" in html


def test_someone_outside_the_pair_cannot_answer_a_peer_proposal(
    client, hybrid_peers, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, peers = hybrid_peers
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    proposal = MentorRequest.objects.filter(programme=programme).first()
    outsider = next(p for p in peers if p.pk not in (proposal.mentee_id, proposal.mentor_id))
    client.force_login(outsider.user)
    answer = client.post(f"/matching/requests/{proposal.pk}/confirm/", {"answer": "confirm"})
    assert answer.status_code == 404


def test_only_the_mentee_answers_a_proposed_mentor(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from tests.factories import make_matching_programme

    programme, people = make_matching_programme(organisation, coordinator, matching_mode="hybrid")
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    proposed = MentorRequest.objects.get(mentee=people["py"])
    with pytest.raises(MatchingError, match="Only the mentee"):
        answer_proposal(request=proposed, confirm=True, by=people["python"])
    assert not Mentorship.objects.filter(programme=programme).exists()
