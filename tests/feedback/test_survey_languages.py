"""Bilingual surveys, the coordinators' side: a copy keeps every language of its template, a
draft is edited in both, an answer may name an option in either, and results read in the
reader's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from mentora.feedback.models import QuestionKind, SurveyAnswer
from mentora.feedback.survey_forms import QuestionForm, SurveyForm
from mentora.feedback.survey_selectors import survey_results
from mentora.feedback.survey_services import (
    answer_survey,
    copy_template,
    open_survey,
    save_question,
    update_survey,
)


@pytest.fixture
def french_coordinator(coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    return coordinator


@pytest.fixture
def english_coordinator(other_coordinator, programme):
    other_coordinator.user.language = "en"
    other_coordinator.user.save()
    programme.coordinators.add(other_coordinator.user)
    return other_coordinator


@pytest.fixture
def draft(programme, french_coordinator):
    """A French coordinator's copy of the mid-point template."""
    today = timezone.localdate()
    return copy_template(
        programme=programme,
        key="mid_point",
        actor=french_coordinator,
        opens_on=today,
        closes_on=today + timedelta(days=14),
    )


@pytest.fixture
def answered(draft, french_coordinator, pair):
    """The draft opened, and answered by the mentee reading English ("About right")."""
    open_survey(survey=draft, actor=french_coordinator)
    pace = draft.questions.get(kind=QuestionKind.SINGLE)
    answers = {q.pk: 4 for q in draft.questions.filter(kind=QuestionKind.SCALE5)}
    answer_survey(
        invitation=draft.invitations.get(membership=pair[2]),
        answers={**answers, pace.pk: "About right"},
    )
    return draft


def _pace(survey):
    return survey.questions.get(kind=QuestionKind.SINGLE)


def test_a_copy_keeps_the_templates_other_language(draft):
    pace = _pace(draft)
    assert draft.title == "Bilan à mi-parcours"
    assert draft.title_translations == {"en": "Mid-point check"}
    assert pace.choices == ["Trop espacées", "Juste comme il faut", "Trop fréquentes"]
    assert pace.translations == {
        "en": {
            "text": "Does the pace of your meetings suit you?",
            "choices": ["Too far apart", "About right", "Too frequent"],
        }
    }


def test_a_copy_keeps_no_options_for_questions_without_any(draft):
    free_text = draft.questions.get(kind=QuestionKind.TEXT)
    assert free_text.translations == {"en": {"text": "What should we keep or change?"}}


def test_an_english_participant_reads_a_french_copy_in_english(draft):
    pace = _pace(draft)
    assert draft.title_in("en") == "Mid-point check"
    assert pace.text_in("en") == "Does the pace of your meetings suit you?"
    assert pace.choices_in("en") == ["Too far apart", "About right", "Too frequent"]
    assert pace.choices_in("fr") == pace.choices


def test_an_answer_given_as_the_english_option_stores_the_french_one(answered):
    stored = SurveyAnswer.objects.get(question=_pace(answered))
    assert stored.values == ["Juste comme il faut"]


def test_a_multiple_choice_answer_may_mix_the_languages(draft, french_coordinator, pair):
    topics = save_question(
        survey=draft,
        kind=QuestionKind.MULTIPLE,
        text="Sujets ?",
        choices=["Carrière", "Équipe", "Santé"],
        translations={"en": {"text": "Topics?", "choices": ["Career", "Team", "Health"]}},
        required=False,
    )
    open_survey(survey=draft, actor=french_coordinator)
    answers = {q.pk: 4 for q in draft.questions.filter(kind=QuestionKind.SCALE5)}
    answer_survey(
        invitation=draft.invitations.get(membership=pair[2]),
        answers={**answers, _pace(draft).pk: "Too frequent", topics.pk: ["Health", "Carrière"]},
    )
    assert SurveyAnswer.objects.get(question=topics).values == ["Carrière", "Santé"]


def test_results_read_in_english_map_the_choices(answered):
    results = survey_results(answered, language="en")
    pace = next(r for r in results.questions if r.question.kind == QuestionKind.SINGLE)
    assert results.title == "Mid-point check"
    assert pace.text == "Does the pace of your meetings suit you?"
    assert [(o.value, o.label, o.count) for o in pace.options] == [
        ("Trop espacées", "Too far apart", 0),
        ("Juste comme il faut", "About right", 1),
        ("Trop fréquentes", "Too frequent", 0),
    ]


def test_results_read_in_the_active_language_by_default(answered):
    with translation.override("fr"):
        results = survey_results(answered)
    pace = next(r for r in results.questions if r.question.kind == QuestionKind.SINGLE)
    assert results.title == "Bilan à mi-parcours"
    assert [o.label for o in pace.options][1] == "Juste comme il faut"


def test_translated_options_must_be_as_many_as_the_surveys():
    data = {
        "kind": "single",
        "text": "Rythme ?",
        "choice_lines": "Lent\nMoyen\nRapide",
        "translated_choice_lines": "Slow\nFast",
    }
    with translation.override("en"):
        form = QuestionForm(data, language="fr")
        assert not form.is_valid()
        assert form.errors["translated_choice_lines"] == [
            "Give 3 options in English, one per line: as many as in French."
        ]


def test_the_question_form_labels_each_language_by_name():
    with translation.override("fr"):
        form = QuestionForm(language="fr")
        labels = [str(form.fields[n].label) for n in ("text", "translated_choice_lines")]
    assert labels == ["Question (français)", "Options (anglais)"]


def test_the_question_page_saves_both_languages(client, draft, french_coordinator):
    client.force_login(french_coordinator.user)
    response = client.post(
        reverse("feedback:question_add", args=[draft.pk]),
        {
            "kind": "single",
            "text": "Format préféré ?",
            "choice_lines": "En personne\nEn visio",
            "translated_text": "Preferred format?",
            "translated_choice_lines": "In person\nBy video",
        },
    )
    assert response.status_code == 302
    question = draft.questions.last()
    assert question.choices == ["En personne", "En visio"]
    assert question.translations == {
        "en": {"text": "Preferred format?", "choices": ["In person", "By video"]}
    }


def test_a_question_written_from_scratch_may_stay_untranslated(client, draft, french_coordinator):
    client.force_login(french_coordinator.user)
    client.post(
        reverse("feedback:question_add", args=[draft.pk]),
        {"kind": "text", "text": "Autre chose ?"},
    )
    question = draft.questions.last()
    assert question.translations == {}
    assert question.text_in("en") == "Autre chose ?"


def test_the_title_in_the_other_language_is_edited_on_the_draft(draft):
    with translation.override("en"):
        assert str(SurveyForm(instance=draft).fields["title_translation"].label) == (
            "Title (English)"
        )
    update_survey(survey=draft, title_translation="Halfway check")
    draft.refresh_from_db()
    assert draft.title_translations == {"en": "Halfway check"}


def test_the_results_page_reads_in_english(client, answered, english_coordinator):
    client.force_login(english_coordinator.user)
    page = client.get(reverse("feedback:survey_manage", args=[answered.pk])).content.decode()
    assert "<h1>Mid-point check</h1>" in page
    assert "Does the pace of your meetings suit you?" in page
    assert "About right" in page
    assert "Juste comme il faut" not in page


def test_the_results_page_reads_in_french(client, answered, french_coordinator):
    client.force_login(french_coordinator.user)
    page = client.get(reverse("feedback:survey_manage", args=[answered.pk])).content.decode()
    assert "<h1>Bilan à mi-parcours</h1>" in page
    assert "Juste comme il faut" in page
    assert "About right" not in page


def test_the_survey_list_reads_in_each_coordinators_language(
    client, draft, programme, french_coordinator, english_coordinator
):
    url = reverse("feedback:surveys", args=[programme.pk])
    client.force_login(english_coordinator.user)
    assert "Mid-point check" in client.get(url).content.decode()
    client.force_login(french_coordinator.user)
    assert "Bilan à mi-parcours" in client.get(url).content.decode()


def test_the_draft_marks_a_question_not_yet_translated(client, draft, french_coordinator):
    save_question(survey=draft, kind=QuestionKind.TEXT, text="Autre chose ?")
    client.force_login(french_coordinator.user)
    page = client.get(reverse("feedback:survey_manage", args=[draft.pk])).content.decode()
    assert page.count("non traduite en anglais") == 1
