"""Informal programmes: proposals to pair, their answers, what they close, and races."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import OperationalError, close_old_connections, connection

from mentora.accounts.models import AuditEntry
from mentora.matching.errors import MatchingError
from mentora.matching.models import MatchNotice, MentorRequest, PairingProposal
from mentora.matching.services.pairing import (
    accept_pairing,
    decline_pairing,
    propose_pairing,
    withdraw_pairing,
)
from mentora.mentorships.models import Mentorship, Stage
from tests.factories import (
    make_informal_programme,
    make_member,
    make_mentorship,
    make_participant,
    make_programme,
)


@pytest.fixture
def informal(organisation, coordinator):
    return make_informal_programme(organisation, coordinator)


def _propose(programme, proposer, recipient, message=""):
    return propose_pairing(
        programme=programme, proposer=proposer, recipient=recipient, message=message
    )


def test_an_accepted_proposal_starts_the_relationship(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"], "I want to learn Python")
    accepted = accept_pairing(proposal=proposal, by=people["paul"])
    mentorship = Mentorship.objects.get(programme=programme)
    assert accepted.mentorship == mentorship
    assert accepted.status == "accepted"
    assert {(p.membership, p.role) for p in mentorship.participants.all()} == {
        (people["paul"], "mentor"),
        (people["mia"], "mentee"),
    }


def test_the_relationship_starts_with_its_agreement_drafted_but_optional(informal):
    programme, people = informal
    proposal = _propose(programme, people["paul"], people["mia"])
    mentorship = accept_pairing(proposal=proposal, by=people["mia"]).mentorship
    assert mentorship.agreement.version == 1
    assert mentorship.stage == Stage.ESTABLISH
    assert not mentorship.programme.agreement_required


def test_a_mentor_may_propose_to_a_mentee(informal):
    programme, people = informal
    proposal = _propose(programme, people["eva"], people["max"])
    assert proposal.recipient == people["max"]
    assert MatchNotice.objects.filter(membership=people["max"], kind="pairing_proposed").exists()


def test_peers_pair_up_as_peers(organisation, coordinator):
    programme = make_programme(organisation, kind="peer", status="running", is_formal=False)
    ana, ben = (
        make_participant(programme, "peer", level=3, first_name=name) for name in ("Ana", "Ben")
    )
    mentorship = accept_pairing(proposal=_propose(programme, ana, ben), by=ben).mentorship
    assert set(mentorship.participants.values_list("role", flat=True)) == {"peer"}


def test_a_mentee_cannot_propose_to_another_mentee(informal):
    programme, people = informal
    with pytest.raises(MatchingError, match="You cannot pair with Max Mentee"):
        _propose(programme, people["mia"], people["max"])


def test_a_formal_programme_refuses_proposals(organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator, is_formal=True)
    with pytest.raises(MatchingError, match="pairs come from the matching or the coordinators"):
        _propose(programme, people["mia"], people["paul"])


def test_a_closing_programme_starts_no_new_relationship(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    programme.status = "closing"
    programme.save()
    with pytest.raises(MatchingError, match="no longer starts new relationships"):
        accept_pairing(proposal=proposal, by=people["paul"])
    assert not Mentorship.objects.exists()


def test_someone_who_is_not_an_approved_participant_cannot_propose(informal, member):
    programme, people = informal
    with pytest.raises(MatchingError, match="Only approved participants"):
        _propose(programme, member, people["paul"])


def test_proposing_twice_to_the_same_person_is_refused(informal):
    programme, people = informal
    _propose(programme, people["mia"], people["paul"])
    with pytest.raises(MatchingError, match="already proposed to pair with Paul Python"):
        _propose(programme, people["mia"], people["paul"])


def test_the_database_refuses_a_second_pending_proposal_of_the_same_pair(informal):
    programme, people = informal
    _propose(programme, people["mia"], people["paul"])
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        PairingProposal.objects.create(
            programme=programme, proposer=people["mia"], recipient=people["paul"]
        )


def test_proposing_back_points_to_the_proposal_waiting_for_an_answer(informal):
    programme, people = informal
    _propose(programme, people["mia"], people["paul"])
    with pytest.raises(MatchingError, match="Mia Mentee has already proposed to pair with you"):
        _propose(programme, people["paul"], people["mia"])


def test_a_sixth_pending_proposal_is_refused(organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator)
    mentors = [make_participant(programme, "mentor", level=5) for _ in range(4)]
    for mentor in [people["paul"], people["eva"], *mentors[:3]]:
        _propose(programme, people["mia"], mentor)
    with pytest.raises(MatchingError, match="already have 5 proposals waiting"):
        _propose(programme, people["mia"], mentors[3])


def test_a_message_over_the_limit_is_refused_with_the_figures(informal):
    programme, people = informal
    with pytest.raises(MatchingError, match="1,001 characters typed, the limit is 1,000"):
        _propose(programme, people["mia"], people["paul"], "x" * 1001)


def test_a_mentee_already_paired_cannot_propose(informal):
    programme, people = informal
    make_mentorship(programme, people["eva"], people["mia"])
    with pytest.raises(MatchingError, match="You have already been paired"):
        _propose(programme, people["mia"], people["paul"])


def test_a_full_mentor_cannot_be_proposed_to(informal):
    programme, people = informal
    make_mentorship(programme, people["paul"], people["max"])
    with pytest.raises(MatchingError, match="Paul Python has no place left"):
        _propose(programme, people["mia"], people["paul"])


def test_ones_manager_cannot_be_proposed_to(organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator)
    people["mia"].manager = people["paul"]
    people["mia"].save()
    with pytest.raises(MatchingError, match="You cannot pair with Paul Python"):
        _propose(programme, people["mia"], people["paul"])


def test_accepting_closes_the_mentees_other_proposals(informal):
    programme, people = informal
    to_paul = _propose(programme, people["mia"], people["paul"])
    to_eva = _propose(programme, people["mia"], people["eva"])
    accept_pairing(proposal=to_paul, by=people["paul"])
    to_eva.refresh_from_db()
    assert to_eva.status == "overtaken"


def test_accepting_closes_the_other_proposals_to_a_mentor_now_full(informal):
    programme, people = informal
    from_mia = _propose(programme, people["mia"], people["paul"])
    from_max = _propose(programme, people["max"], people["paul"])
    accept_pairing(proposal=from_mia, by=people["paul"])
    from_max.refresh_from_db()
    assert from_max.status == "overtaken"
    assert MatchNotice.objects.filter(membership=people["max"], kind="pairing_closed").exists()


def test_a_mentor_with_a_place_left_keeps_the_other_proposals(organisation, coordinator):
    programme, people = make_informal_programme(
        organisation, coordinator, default_mentor_capacity=2
    )
    from_mia = _propose(programme, people["mia"], people["paul"])
    from_max = _propose(programme, people["max"], people["paul"])
    accept_pairing(proposal=from_mia, by=people["paul"])
    accept_pairing(proposal=from_max, by=people["paul"])
    assert Mentorship.objects.filter(programme=programme).count() == 2


def test_the_second_of_two_acceptances_for_one_mentee_is_refused_clearly(informal):
    programme, people = informal
    to_paul = _propose(programme, people["mia"], people["paul"])
    to_eva = _propose(programme, people["mia"], people["eva"])
    accept_pairing(proposal=to_paul, by=people["paul"])
    # Eva answers from a page drawn before Paul accepted.
    with pytest.raises(MatchingError, match="no longer possible"):
        accept_pairing(proposal=to_eva, by=people["eva"])
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_accepting_twice_starts_one_relationship(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    accept_pairing(proposal=proposal, by=people["paul"])
    with pytest.raises(MatchingError, match="already answered"):
        accept_pairing(proposal=proposal, by=people["paul"])
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_accepting_when_the_mentor_just_became_full_closes_the_proposal(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    # Meanwhile a coordinator pairs Paul by hand: his only place is gone.
    make_mentorship(programme, people["paul"], people["max"])
    with pytest.raises(MatchingError, match="You have no place left"):
        accept_pairing(proposal=proposal, by=people["paul"])
    proposal.refresh_from_db()
    assert proposal.status == "overtaken"
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_accepting_cancels_the_mentees_request_held_with_another_mentor(organisation, coordinator):
    programme, people = make_informal_programme(
        organisation, coordinator, matching_mode="mentee_choice"
    )
    held = MentorRequest.objects.create(
        programme=programme, mentee=people["mia"], mentor=people["eva"]
    )
    accept_pairing(proposal=_propose(programme, people["paul"], people["mia"]), by=people["mia"])
    held.refresh_from_db()
    assert held.status == "cancelled"


def test_only_the_recipient_accepts(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    with pytest.raises(MatchingError, match="Only the person it was made to"):
        accept_pairing(proposal=proposal, by=people["mia"])


def test_declining_tells_the_proposer(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    declined = decline_pairing(proposal=proposal, by=people["paul"])
    assert declined.status == "declined"
    assert MatchNotice.objects.filter(membership=people["mia"], kind="pairing_declined").exists()
    assert not Mentorship.objects.exists()


def test_after_a_decline_the_proposer_cannot_ask_again(informal):
    programme, people = informal
    decline_pairing(proposal=_propose(programme, people["mia"], people["paul"]), by=people["paul"])
    with pytest.raises(MatchingError, match="You cannot pair with Paul Python"):
        _propose(programme, people["mia"], people["paul"])


def test_only_the_recipient_declines(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    with pytest.raises(MatchingError, match="Only the person it was made to"):
        decline_pairing(proposal=proposal, by=people["eva"])


def test_the_proposer_withdraws_a_pending_proposal(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    assert withdraw_pairing(proposal=proposal, by=people["mia"]).status == "withdrawn"
    with pytest.raises(MatchingError, match="already answered or withdrawn"):
        accept_pairing(proposal=proposal, by=people["paul"])


def test_only_the_proposer_withdraws(informal):
    programme, people = informal
    proposal = _propose(programme, people["mia"], people["paul"])
    with pytest.raises(MatchingError, match="Only the person who made this proposal"):
        withdraw_pairing(proposal=proposal, by=people["paul"])


def test_a_withdrawn_proposal_can_be_made_again(informal):
    programme, people = informal
    withdraw_pairing(proposal=_propose(programme, people["mia"], people["paul"]), by=people["mia"])
    assert _propose(programme, people["mia"], people["paul"]).status == "pending"


def test_proposals_and_their_answers_are_in_the_audit_log(informal):
    programme, people = informal
    decline_pairing(proposal=_propose(programme, people["mia"], people["paul"]), by=people["paul"])
    accept_pairing(proposal=_propose(programme, people["mia"], people["eva"]), by=people["eva"])
    withdraw_pairing(proposal=_propose(programme, people["max"], people["paul"]), by=people["max"])
    actions = list(
        AuditEntry.objects.filter(action__startswith="pairing.")
        .order_by("pk")
        .values_list("action", "target")
    )
    assert actions == [
        ("pairing.propose", "Mia Mentee → Paul Python"),
        ("pairing.decline", "Mia Mentee → Paul Python"),
        ("pairing.propose", "Mia Mentee → Eva Excel"),
        ("pairing.accept", "Mia Mentee → Eva Excel"),
        ("pairing.propose", "Max Mentee → Paul Python"),
        ("pairing.withdraw", "Max Mentee → Paul Python"),
    ]


def test_the_audit_log_never_keeps_the_message(informal):
    programme, people = informal
    _propose(programme, people["mia"], people["paul"], "My private hopes")
    entry = AuditEntry.objects.get(action="pairing.propose")
    assert "My private hopes" not in f"{entry.target} {entry.details}"


def test_in_a_group_programme_the_mentee_joins_the_mentors_open_group(organisation, coordinator):
    programme, people = make_informal_programme(
        organisation, coordinator, format="group", group_size=3
    )
    accept_pairing(proposal=_propose(programme, people["mia"], people["paul"]), by=people["paul"])
    accept_pairing(proposal=_propose(programme, people["max"], people["paul"]), by=people["paul"])
    [group] = Mentorship.objects.filter(programme=programme)
    assert group.participants.filter(role="mentee").count() == 2


def test_a_full_group_takes_nobody_new(organisation, coordinator):
    programme, people = make_informal_programme(
        organisation, coordinator, format="group", group_size=2
    )
    for mentee in (people["mia"], people["max"]):
        accept_pairing(proposal=_propose(programme, mentee, people["paul"]), by=people["paul"])
    late = make_participant(programme, "mentee", level=2)
    with pytest.raises(MatchingError, match="Paul Python has no place left"):
        _propose(programme, late, people["paul"])


def test_a_member_of_another_organisation_cannot_be_proposed_to(informal):
    programme, people = informal
    from tests.factories import make_application, make_organisation

    stranger = make_member(make_organisation())
    make_application(programme, stranger, "mentor")
    with pytest.raises(MatchingError, match="no longer takes part"):
        _propose(programme, people["mia"], stranger)


@pytest.mark.django_db(transaction=True)
def test_two_mentors_accepting_the_same_mentee_at_once_start_one_relationship(
    organisation, coordinator
):
    """Threads on real connections: PostgreSQL locks both people's applications; SQLite
    (IMMEDIATE transactions) serialises the two writers. Either way one wins, and the other
    is told the proposal is no longer possible (or, on SQLite, refused as a second writer)."""
    programme, people = make_informal_programme(organisation, coordinator)
    to_paul = _propose(programme, people["mia"], people["paul"])
    to_eva = _propose(programme, people["mia"], people["eva"])
    barrier = threading.Barrier(2, timeout=10)

    def accept(proposal, mentor):
        try:
            barrier.wait()
            return accept_pairing(proposal=proposal, by=mentor)
        finally:
            close_old_connections()
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [
            pool.submit(accept, to_paul, people["paul"]),
            pool.submit(accept, to_eva, people["eva"]),
        ]
    errors = [future.exception() for future in futures]
    assert errors.count(None) == 1
    assert all(isinstance(e, MatchingError | OperationalError) for e in errors if e is not None)
    assert Mentorship.objects.filter(programme=programme).count() == 1


def test_someone_declined_may_still_accept_the_other_s_own_proposal(informal):
    programme, people = informal
    decline_pairing(proposal=_propose(programme, people["paul"], people["mia"]), by=people["mia"])
    # Mia changes her mind and asks Paul herself; Paul, once declined, may accept.
    accepted = accept_pairing(
        proposal=_propose(programme, people["mia"], people["paul"]), by=people["paul"]
    )
    assert accepted.status == "accepted"
