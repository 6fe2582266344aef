"""Proposals to pair on the pages: propose, see on the home and programme pages, answer,
withdraw; what coordinators see; what nobody else sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.matching.models import PairingProposal
from mentora.matching.services.pairing import accept_pairing, decline_pairing, propose_pairing
from mentora.mentorships.models import Mentorship
from tests.factories import make_informal_programme, make_member, make_organisation


@pytest.fixture
def informal(organisation, coordinator):
    return make_informal_programme(organisation, coordinator)


@pytest.fixture
def proposed(informal):
    """Mia proposed to pair with Paul, with a message."""
    programme, people = informal
    proposal = propose_pairing(
        programme=programme,
        proposer=people["mia"],
        recipient=people["paul"],
        message="I would love to learn Python with you.",
    )
    return programme, people, proposal


def _answer(client, proposal, answer, next_url=""):
    data = {"answer": answer, **({"next": next_url} if next_url else {})}
    return client.post(reverse("matching:pairing_answer", args=[proposal.pk]), data)


def test_a_mentee_proposes_from_the_directory(client, informal):
    programme, people = informal
    client.force_login(people["mia"].user)
    response = client.post(
        reverse("matching:propose", args=[programme.pk]),
        {"recipient": people["paul"].pk, "message": "Hello", "q": "python"},
    )
    assert response.url == reverse("matching:directory", args=[programme.pk]) + "?q=python"
    proposal = PairingProposal.objects.get()
    assert (proposal.proposer, proposal.recipient, proposal.message) == (
        people["mia"],
        people["paul"],
        "Hello",
    )


def test_the_recipient_reads_the_proposal_and_its_message_on_the_home_page(client, proposed):
    _programme, people, _proposal = proposed
    client.force_login(people["paul"].user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Mia Mentee proposes to pair with you" in page
    assert "I would love to learn Python with you." in page


def test_the_recipient_reads_the_proposal_on_the_programme_page(client, proposed):
    programme, people, _proposal = proposed
    client.force_login(people["paul"].user)
    page = client.get(programme.get_public_url()).content.decode()
    assert "Mia Mentee proposes to pair with you" in page
    assert "Open the directory" in page


def test_the_proposer_sees_the_proposal_waiting(client, proposed):
    _programme, people, _proposal = proposed
    client.force_login(people["mia"].user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Waiting for Paul Python to answer" in page


def test_accepting_opens_the_new_relationship(client, proposed):
    _programme, people, proposal = proposed
    client.force_login(people["paul"].user)
    response = _answer(client, proposal, "accept", next_url="/home/")
    mentorship = Mentorship.objects.get()
    assert response.url == mentorship.get_absolute_url()


def test_declining_from_the_home_page_comes_back_to_it(client, proposed):
    _programme, people, proposal = proposed
    client.force_login(people["paul"].user)
    response = _answer(client, proposal, "decline", next_url="/home/")
    assert response.url == "/home/"
    proposal.refresh_from_db()
    assert proposal.status == "declined"


def test_an_address_elsewhere_is_not_followed(client, proposed):
    programme, people, proposal = proposed
    client.force_login(people["paul"].user)
    response = _answer(client, proposal, "decline", next_url="https://evil.example/")
    assert response.url == reverse("matching:directory", args=[programme.pk])


def test_the_proposer_reads_the_decline_on_the_home_page(client, proposed):
    _programme, people, proposal = proposed
    decline_pairing(proposal=proposal, by=people["paul"])
    client.force_login(people["mia"].user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Paul Python declined your proposal" in page
    page = client.get(reverse("matching:mine")).content.decode()
    assert "Your pairing proposal was declined" in page


def test_the_proposer_reads_the_acceptance_and_opens_the_relationship(client, proposed):
    _programme, people, proposal = proposed
    mentorship = accept_pairing(proposal=proposal, by=people["paul"]).mentorship
    client.force_login(people["mia"].user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Paul Python accepted your proposal" in page
    assert mentorship.get_absolute_url() in page


def test_a_refused_answer_is_explained(client, proposed):
    _programme, people, proposal = proposed
    proposal.status = "withdrawn"
    proposal.save()
    client.force_login(people["paul"].user)
    response = _answer(client, proposal, "accept", next_url="/home/")
    page = client.get(response.url).content.decode()
    assert "This proposal was already answered or withdrawn." in page


def test_the_proposer_withdraws_from_the_home_page(client, proposed):
    _programme, people, proposal = proposed
    client.force_login(people["mia"].user)
    response = client.post(
        reverse("matching:pairing_withdraw", args=[proposal.pk]), {"next": "/home/"}
    )
    assert response.url == "/home/"
    proposal.refresh_from_db()
    assert proposal.status == "withdrawn"


def test_nobody_else_answers_a_proposal(client, proposed):
    _programme, people, proposal = proposed
    client.force_login(people["eva"].user)
    assert _answer(client, proposal, "accept").status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "pending"


def test_the_recipient_cannot_withdraw_a_proposal_made_to_them(client, proposed):
    _programme, people, proposal = proposed
    client.force_login(people["paul"].user)
    response = client.post(reverse("matching:pairing_withdraw", args=[proposal.pk]))
    assert response.status_code == 404


def test_nobody_else_sees_a_proposal_or_its_message(client, proposed):
    _programme, people, _proposal = proposed
    client.force_login(people["eva"].user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Mia Mentee proposes" not in page
    assert "I would love to learn Python" not in page


def test_proposing_to_someone_outside_the_programmes_organisations_is_not_found(client, informal):
    programme, people = informal
    stranger = make_member(make_organisation(name="Globex"))
    client.force_login(people["mia"].user)
    response = client.post(
        reverse("matching:propose", args=[programme.pk]), {"recipient": stranger.pk}
    )
    assert response.status_code == 404


def test_coordinators_see_who_proposed_to_whom_but_never_the_message(client, proposed, coordinator):
    programme, _people, _proposal = proposed
    client.force_login(coordinator.user)
    page = client.get(reverse("matching:pairings", args=[programme.pk])).content.decode()
    assert "Mia Mentee" in page
    assert "Paul Python" in page
    assert "Awaiting an answer" in page
    assert "I would love to learn Python" not in page


def test_coordinators_see_the_relationships_proposals_started(client, proposed, coordinator):
    programme, people, proposal = proposed
    accept_pairing(proposal=proposal, by=people["paul"])
    client.force_login(coordinator.user)
    page = client.get(reverse("matching:pairings", args=[programme.pk])).content.decode()
    assert "badge--stage-establish" in page


def test_a_coordinator_of_another_programme_cannot_see_the_proposals(
    client, proposed, other_coordinator
):
    programme, _people, _proposal = proposed
    client.force_login(other_coordinator.user)
    response = client.get(reverse("matching:pairings", args=[programme.pk]))
    assert response.status_code == 403


def test_a_member_of_another_organisation_cannot_see_the_proposals(client, proposed, outsider):
    programme, _people, _proposal = proposed
    client.force_login(outsider.user)
    response = client.get(reverse("matching:pairings", args=[programme.pk]))
    assert response.status_code == 404


def test_the_programme_page_links_coordinators_to_the_proposals(client, informal, coordinator):
    programme, _people = informal
    client.force_login(coordinator.user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("matching:pairings", args=[programme.pk]) in page
    assert "participants can find a partner themselves" in page


def test_a_formal_programme_page_offers_no_proposals(client, organisation, coordinator):
    programme, _people = make_informal_programme(organisation, coordinator, is_formal=True)
    client.force_login(coordinator.user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("matching:pairings", args=[programme.pk]) not in page
    assert "once its members have signed their agreement" in page


def test_a_formal_programmes_participants_get_no_directory_panel(client, organisation, coordinator):
    programme, people = make_informal_programme(organisation, coordinator, is_formal=True)
    client.force_login(people["mia"].user)
    page = client.get(programme.get_public_url()).content.decode()
    assert "Open the directory" not in page


def test_the_directory_reads_in_french(client, informal):
    programme, people = informal
    people["mia"].user.language = "fr"
    people["mia"].user.save()
    client.force_login(people["mia"].user)
    page = client.get(reverse("matching:directory", args=[programme.pk])).content.decode()
    assert "Trouver un binôme" in page
    assert "1 place restante" in page


def test_applicants_to_an_informal_programme_are_told_who_sees_their_profile(
    client, organisation, coordinator, member
):
    programme, _people = make_informal_programme(organisation, coordinator, status="enrolling")
    client.force_login(member.user)
    page = client.get(reverse("enrolment:apply", args=[programme.pk])).content.decode()
    assert "see a short profile of you in the programme's directory" in page


def test_a_paired_participant_is_no_longer_invited_to_the_directory(client, proposed):
    programme, people, proposal = proposed
    accept_pairing(proposal=proposal, by=people["paul"])
    client.force_login(people["mia"].user)
    page = client.get(programme.get_public_url()).content.decode()
    assert "Open the directory" not in page
    assert "Paul Python accepted your proposal" in page
