"""Answers that pick skills name them in the reader's language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.enrolment.models import Answer, Application, Question
from tests.factories import make_skill


@pytest.fixture
def skills_answer(programme, member):
    """The member's application, answering a "pick skills" question with one skill."""
    negotiation = make_skill(
        programme.organisation, name="Négociation", name_translations={"en": "Negotiation"}
    )
    application = Application.objects.create(
        programme=programme, membership=member, role="mentee", status="submitted"
    )
    question = Question.objects.create(programme=programme, label="Skills", kind="skills")
    Answer.objects.create(application=application, question=question, value=[negotiation.pk])
    return application


def _login(client, membership, language):
    membership.user.language = language
    membership.user.save(update_fields=["language"])
    client.force_login(membership.user)


def test_an_english_applicant_reads_the_skills_they_picked_in_english(
    client, member, programme, skills_answer
):
    _login(client, member, "en")
    html = client.get(reverse("enrolment:my_application", args=[programme.pk])).content.decode()
    assert "Negotiation" in html and "Négociation" not in html


def test_a_french_coordinator_reviews_the_skills_picked_in_french(
    client, coordinator, programme, skills_answer
):
    _login(client, coordinator, "fr")
    url = reverse("enrolment:application_detail", args=[programme.pk, skills_answer.pk])
    html = client.get(url).content.decode()
    assert "Négociation" in html and "Negotiation" not in html


def test_the_export_names_the_skills_picked_in_the_readers_language(
    client, coordinator, programme, skills_answer
):
    _login(client, coordinator, "en")
    response = client.get(reverse("enrolment:applications_export", args=[programme.pk]))
    assert response.content.decode("utf-8-sig").splitlines()[1].endswith("Negotiation")


def test_the_skills_question_offers_the_names_of_the_readers_language(client, member, programme):
    negotiation = make_skill(
        programme.organisation, name="Négociation", name_translations={"en": "Negotiation"}
    )
    Question.objects.create(programme=programme, label="Skills", kind="skills")
    _login(client, member, "en")
    form = client.get(reverse("enrolment:apply", args=[programme.pk])).context["form"]
    field = next(bound for _question, bound in form.question_fields())
    assert (negotiation.pk, "Negotiation") in [
        (int(str(value)), label) for value, label in field.field.choices
    ]
