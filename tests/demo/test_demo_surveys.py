"""The demo's programmes carry their surveys: open in the running and closing programmes,
closed in the closed one with fewer than k answers, every row at its date."""

from __future__ import annotations

from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.demo.surveys import COMMENTS
from mentora.feedback.models import (
    FeedbackInvitation,
    Instrument,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyKind,
    SurveyResponse,
    SurveyStatus,
)
from mentora.feedback.services import day_end
from mentora.feedback.survey_selectors import survey_results
from mentora.mentorships.models import Participant
from mentora.profiles.models import Skill
from mentora.programs.models import Status

K = 5


def _survey(organisation, status):
    return Survey.objects.get(programme__organisation=organisation, programme__status=status)


def test_the_running_programme_has_an_open_mid_point_survey_answered_by_about_seventy_percent(
    demo,
):
    survey = _survey(demo, Status.RUNNING)
    results = survey_results(survey)
    assert survey.kind == SurveyKind.MID_POINT and survey.status == SurveyStatus.OPEN
    assert survey.opens_on < timezone.localdate() < survey.closes_on
    assert results.response_rate is not None and 60 <= results.response_rate <= 80


def test_the_demo_mentee_has_the_mid_point_survey_to_answer_and_the_mentor_answered_it(demo):
    mentee = Membership.objects.get(user__email="mentee@demo.mentora.fr")
    mentor = Membership.objects.get(user__email="mentor@demo.mentora.fr")
    surveys = FeedbackInvitation.objects.filter(instrument=Instrument.SURVEY)
    assert surveys.of(mentee).pending().filter(survey__kind=SurveyKind.MID_POINT).exists()
    assert surveys.of(mentor).filter(survey_response__isnull=False).exists()


def test_the_closing_programme_end_survey_is_open_with_a_positive_nps(demo):
    survey = _survey(demo, Status.CLOSING)
    results = survey_results(survey)
    [nps] = [question.nps for question in results.questions if question.nps]
    assert survey.kind == SurveyKind.END_OF_PROGRAMME and survey.status == SurveyStatus.OPEN
    assert nps.answers >= K and 20 <= nps.score <= 60
    assert all(score is not None for score in results.subscales.values())


def test_the_closing_programme_survey_invited_the_groups_that_closed_since_it_opened(demo):
    survey = _survey(demo, Status.CLOSING)
    members = Participant.objects.filter(mentorship__programme=survey.programme)
    invited = survey.invitations.values_list("membership_id", flat=True)
    assert set(invited) == set(members.values_list("membership_id", flat=True))


def test_the_closed_programme_end_survey_closed_at_its_end_with_four_answers(demo):
    survey = _survey(demo, Status.CLOSED)
    assert survey.kind == SurveyKind.END_OF_PROGRAMME and survey.status == SurveyStatus.CLOSED
    assert survey.closes_on == survey.programme.ends_on
    assert survey.invitations.count() == 6
    assert SurveyResponse.objects.filter(invitation__survey=survey).count() == 4 < K


def test_surveys_and_invitations_are_dated_at_the_opening_never_in_the_future(demo):
    now = timezone.now()
    for survey in Survey.objects.all():
        assert survey.opened_at is not None
        assert survey.created_at < survey.opened_at <= now
        assert timezone.localdate(survey.opened_at) == survey.opens_on
        for invitation in survey.invitations.all():
            assert invitation.created_at == survey.opened_at
            assert invitation.due_on == survey.opens_on
            assert invitation.closes_at == day_end(survey.closes_on)


def test_answers_are_sent_while_their_survey_is_open_never_in_the_future(demo):
    now = timezone.now()
    for response in SurveyResponse.objects.select_related("invitation__survey"):
        invitation = response.invitation
        assert invitation.survey.opened_at < response.submitted_at <= now
        assert response.submitted_at < invitation.closes_at
        assert invitation.answered_at == response.submitted_at


def test_every_survey_answer_is_valid_for_its_question(demo):
    skills = set(Skill.objects.filter(organisation=demo).values_list("pk", flat=True))
    for answer in SurveyAnswer.objects.select_related("question"):
        question, values = answer.question, answer.values
        match question.kind:
            case QuestionKind.SCALE5:
                assert answer.number is not None and 1 <= answer.number <= 5
            case QuestionKind.SCALE10:
                assert answer.number is not None and 0 <= answer.number <= 10
            case QuestionKind.SINGLE:
                assert len(values) == 1 and values[0] in question.choices
            case QuestionKind.MULTIPLE:
                assert values and set(values) <= set(question.choices)
            case QuestionKind.SKILLS:
                assert values and set(values) <= skills
            case QuestionKind.TEXT:
                assert answer.text.strip()


def test_every_response_answers_every_required_question(demo):
    for response in SurveyResponse.objects.select_related("invitation__survey"):
        required = response.invitation.survey.questions.filter(required=True)
        answered = response.answers.values_list("question_id", flat=True)
        assert set(required.values_list("pk", flat=True)) <= set(answered)


def test_comments_are_written_in_their_author_language(demo):
    comments = SurveyAnswer.objects.filter(question__kind=QuestionKind.TEXT).select_related(
        "response__invitation__membership__user"
    )
    assert comments.exists()
    for comment in comments:
        author = comment.response.invitation.membership.user
        language = "en" if author.language == "en" else "fr"
        written = {
            text for texts in COMMENTS.values() for t in texts[language].values() for text in t
        }
        assert comment.text in written


def test_load_demo_prints_the_survey_counts_of_each_programme(demo_output):
    assert "Surveys of Mentorat Talents 2027 — surveys: 1, invitations: 16" in demo_output
    assert "Surveys of Onboarding buddies 2026 — surveys: 1, invitations: 6, answers: 4" in (
        demo_output
    )
