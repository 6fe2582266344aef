"""The first agreement of a relationship is written in its readers' language."""

from __future__ import annotations

import pytest
from django.utils import translation

from mentora.accounts.models import OrganisationAgreementText
from mentora.mentorships.services.relationships import NewRelationship, create_mentorships
from tests.factories import make_member, make_organisation, make_programme

pytestmark = pytest.mark.django_db


def test_an_english_speaking_mentee_gets_an_english_agreement_whoever_publishes():
    organisation = make_organisation(default_language="fr")
    programme = make_programme(organisation)
    mentor = make_member(organisation, language="fr")
    mentee = make_member(organisation, language="en")
    with translation.override("fr"):
        [mentorship] = create_mentorships(
            programme=programme,
            relationships=[NewRelationship(mentors=[mentor], mentees=[mentee])],
        )
    agreement = mentorship.agreement
    assert "stays between us" in agreement.confidentiality
    assert "Chaque" not in agreement.meeting_frequency
    assert "Monthly" in agreement.meeting_frequency or "month" in agreement.meeting_frequency


def test_each_pair_of_one_publication_reads_its_own_language():
    organisation = make_organisation(default_language="en")
    programme = make_programme(organisation)
    french = NewRelationship(
        mentors=[make_member(organisation)], mentees=[make_member(organisation, language="fr")]
    )
    english = NewRelationship(
        mentors=[make_member(organisation)], mentees=[make_member(organisation, language="en")]
    )
    first, second = create_mentorships(programme=programme, relationships=[french, english])
    assert "reste entre nous" in first.agreement.confidentiality
    assert "stays between us" in second.agreement.confidentiality
    assert first.agreement.revisions.get().content["confidentiality"].startswith("Ce que")


def test_a_group_without_a_shared_language_reads_the_organisations():
    organisation = make_organisation(default_language="fr")
    programme = make_programme(organisation, format="group", group_size=3)
    mentees = [make_member(organisation, language=lang) for lang in ("en", "fr")]
    with translation.override("en"):
        [mentorship] = create_mentorships(
            programme=programme,
            relationships=[NewRelationship(mentors=[make_member(organisation)], mentees=mentees)],
        )
    assert "reste entre nous" in mentorship.agreement.confidentiality


def test_the_organisations_own_wording_is_used_in_the_readers_language():
    organisation = make_organisation(default_language="fr")
    OrganisationAgreementText.objects.create(
        organisation=organisation, language="en", boundaries="No talk about pay, ever."
    )
    OrganisationAgreementText.objects.create(
        organisation=organisation, language="fr", boundaries="Jamais de salaire."
    )
    programme = make_programme(organisation)
    [mentorship] = create_mentorships(
        programme=programme,
        relationships=[
            NewRelationship(
                mentors=[make_member(organisation)],
                mentees=[make_member(organisation, language="en")],
            )
        ],
    )
    assert mentorship.agreement.boundaries == "No talk about pay, ever."
    assert "stays between us" in mentorship.agreement.confidentiality
