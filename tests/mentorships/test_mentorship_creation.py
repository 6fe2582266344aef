from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import Mentorship, Stage
from mentora.mentorships.services.relationships import create_mentorship
from tests.factories import make_member, make_organisation, make_programme


def test_a_new_relationship_starts_in_establish_with_a_drafted_agreement(programme, member):
    mentor = make_member(programme.organisation)
    mentorship = create_mentorship(programme=programme, mentors=[mentor], mentees=[member])
    assert mentorship.stage == Stage.ESTABLISH
    assert mentorship.agreement.version == 1
    assert "stays between us" in mentorship.agreement.confidentiality
    assert mentorship.agreement.revisions.count() == 1


def test_one_to_one_programmes_refuse_a_second_mentee(programme, member):
    mentor, other = make_member(programme.organisation), make_member(programme.organisation)
    with pytest.raises(MentorshipError):
        create_mentorship(programme=programme, mentors=[mentor], mentees=[member, other])


def test_group_programmes_take_several_mentees(organisation):
    programme = make_programme(organisation, format="group", group_size=3)
    mentor = make_member(organisation)
    mentees = [make_member(organisation) for _ in range(3)]
    mentorship = create_mentorship(programme=programme, mentors=[mentor], mentees=mentees)
    assert mentorship.participants.count() == 4


def test_people_of_another_organisation_cannot_be_paired(programme, member):
    stranger = make_member(make_organisation())
    with pytest.raises(MentorshipError):
        create_mentorship(programme=programme, mentors=[stranger], mentees=[member])


def test_a_peer_relationship_has_peers_only(organisation):
    programme = make_programme(organisation, kind="peer")
    a, b = make_member(organisation), make_member(organisation)
    mentorship = create_mentorship(programme=programme, peers=[a, b])
    assert set(mentorship.participants.values_list("role", flat=True)) == {"peer"}


def test_coordinator_pairs_two_members_by_hand(client, programme, coordinator, member):
    mentor = make_member(programme.organisation)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("mentorships:create", args=[programme.pk]),
        {"mentors": [mentor.pk], "mentees": [member.pk]},
    )
    assert response.status_code == 302
    assert Mentorship.objects.get().participants.count() == 2


def test_the_form_explains_an_invalid_pairing(client, programme, coordinator, member):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("mentorships:create", args=[programme.pk]), {"mentees": [member.pk]}
    )
    assert "Choose at least one mentor and one mentee." in response.content.decode()
    assert not Mentorship.objects.exists()


def test_an_id_too_large_for_the_database_is_an_invalid_choice(client, programme, coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("mentorships:create", args=[programme.pk]),
        {"mentors": [str(2**70)], "mentees": [str(2**70 + 1)]},
    )
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()
    assert not Mentorship.objects.exists()


def test_relationships_created_together_are_all_refused_when_one_breaks_a_rule(programme):
    from mentora.mentorships.services.relationships import NewRelationship, create_mentorships

    a, b, c = (make_member(programme.organisation) for _ in range(3))
    stranger = make_member(make_organisation())
    with pytest.raises(MentorshipError):
        create_mentorships(
            programme=programme,
            relationships=[
                NewRelationship(mentors=[a], mentees=[b]),
                NewRelationship(mentors=[c], mentees=[stranger]),
            ],
        )
    assert not Mentorship.objects.exists()


def test_relationships_created_together_each_get_their_people_and_agreement(programme):
    from mentora.mentorships.services.relationships import NewRelationship, create_mentorships

    mentor, x, y = (make_member(programme.organisation) for _ in range(3))
    created = create_mentorships(
        programme=programme,
        relationships=[
            NewRelationship(mentors=[mentor], mentees=[x]),
            NewRelationship(mentors=[mentor], mentees=[y]),
        ],
    )
    assert [set(m.participants.values_list("membership_id", flat=True)) for m in created] == [
        {mentor.pk, x.pk},
        {mentor.pk, y.pk},
    ]
    assert [m.agreement.revisions.get().version for m in created] == [1, 1]
