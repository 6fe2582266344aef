"""Surveys: copied from a template in the coordinator's language, opened once to their
audience, answered once with every answer checked, and read as aggregates (NPS, subscales)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from mentora.feedback.errors import FeedbackError, SurveyInvalid
from mentora.feedback.models import (
    Audience,
    FeedbackInvitation,
    Instrument,
    QuestionKind,
    Subscale,
    SurveyAnswer,
    SurveyStatus,
)
from mentora.feedback.selectors import pending_count
from mentora.feedback.survey_selectors import nps_of, survey_results
from mentora.feedback.survey_services import (
    answer_survey,
    copy_template,
    delete_question,
    open_survey,
    remind,
    save_question,
    update_survey,
)
from mentora.mentorships.models import EndReason, Mentorship, Stage
from tests.factories import make_member, make_mentorship, make_skill


def _copy(programme, coordinator, key="end_of_programme", **kwargs):
    return copy_template(
        programme=programme,
        key=key,
        actor=coordinator,
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + timedelta(days=14),
        **kwargs,
    )


def _answers(survey, **by_kind):
    """One answer per question, by the question's kind (scales take `scale5`/`scale10`)."""
    return {
        q.pk: by_kind[q.kind] for q in survey.questions.all() if q.kind in by_kind and q.required
    }


@pytest.fixture
def pairs(pair, programme):
    """Three relationships: Maya mentors Noé, plus two more pairs."""
    mentorship, mentor, mentee = pair
    more = []
    for n in range(2):
        m = make_member(programme.organisation, first_name=f"Mentor{n}")
        e = make_member(programme.organisation, first_name=f"Mentee{n}")
        make_mentorship(programme, m, e)
        more += [m, e]
    return [mentor, mentee, *more]


def test_copying_the_end_template_writes_it_in_the_coordinators_language(programme, coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    survey = _copy(programme, coordinator, with_scale=True)
    assert survey.title == "Bilan de fin de programme"
    assert survey.status == SurveyStatus.DRAFT
    kinds = [q.kind for q in survey.questions.all()]
    assert kinds[:5] == ["scale5", "scale5", "skills", "scale10", "text"]
    assert len(kinds) == 14
    subscales = [q.subscale for q in survey.questions.all() if q.subscale]
    assert sorted(set(subscales)) == ["career", "psychosocial", "role_model"]
    assert all(subscales.count(s) == 3 for s in set(subscales))
    assert survey.questions.first().text.startswith("Dans l'ensemble")


def test_copying_without_the_scale_leaves_it_out(programme, coordinator):
    survey = _copy(programme, coordinator)
    assert survey.questions.count() == 5
    assert survey.title == "End-of-programme survey"


def test_a_draft_can_be_edited_question_by_question(programme, coordinator):
    survey = _copy(programme, coordinator, key="mid_point")
    update_survey(survey=survey, title="Halfway", audience=Audience.MENTEES)
    first = survey.questions.first()
    save_question(survey=survey, question=first, text="Happy so far?")
    added = save_question(
        survey=survey, kind=QuestionKind.MULTIPLE, text="Topics?", choices=["A", "B"]
    )
    delete_question(question=survey.questions.get(kind=QuestionKind.TEXT))
    survey.refresh_from_db()
    assert survey.title == "Halfway"
    assert survey.audience == Audience.MENTEES
    assert survey.questions.first().text == "Happy so far?"
    assert list(survey.questions.all())[-1] == added
    assert not survey.questions.filter(kind=QuestionKind.TEXT).exists()


def test_an_open_survey_can_no_longer_be_edited(programme, coordinator, pairs):
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    with pytest.raises(FeedbackError) as refused:
        save_question(survey=survey, kind=QuestionKind.TEXT, text="Late question")
    assert refused.value.code == "not_draft"


def test_opening_invites_the_audience_once(programme, coordinator, pairs, sponsor):
    survey = _copy(programme, coordinator)
    update_survey(survey=survey, audience=Audience.MENTEES)
    assert open_survey(survey=survey, actor=coordinator) == 3
    with pytest.raises(FeedbackError):
        open_survey(survey=survey, actor=coordinator)
    invited = FeedbackInvitation.objects.filter(survey=survey)
    assert invited.count() == 3
    assert set(invited.values_list("membership_id", flat=True)) == {
        pairs[1].pk,
        pairs[3].pk,
        pairs[5].pk,
    }
    assert set(invited.values_list("instrument", flat=True)) == {Instrument.SURVEY}


def test_the_database_refuses_a_second_invitation_of_a_person(programme, coordinator, pairs):
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    first = FeedbackInvitation.objects.filter(survey=survey).first()
    first.pk = None
    with pytest.raises(IntegrityError):
        first.save()


def test_sponsors_are_never_invited_even_when_they_take_part(programme, coordinator, sponsor):
    mentee = make_member(programme.organisation)
    make_mentorship(programme, sponsor, mentee)
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    assert list(survey.invitations.values_list("membership_id", flat=True)) == [mentee.pk]


def test_an_open_survey_is_pending_until_answered(programme, coordinator, pair):
    _mentorship, mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    assert pending_count(mentee) == 1
    invitation = survey.invitations.get(membership=mentee)
    answer_survey(invitation=invitation, answers=_answers(survey, scale5=4, scale10=9))
    assert pending_count(mentee) == 0
    assert pending_count(mentor) == 1


def test_every_invalid_answer_is_reported_at_once_and_nothing_saved(programme, coordinator, pair):
    _mentorship, _mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    invitation = survey.invitations.get(membership=mentee)
    satisfaction, usefulness, _skills, nps, _text = survey.questions.all()
    with pytest.raises(SurveyInvalid) as refused:
        answer_survey(invitation=invitation, answers={satisfaction.pk: 6, nps.pk: "eleven"})
    assert refused.value.errors == {
        satisfaction.pk: "Choose a number from 1 to 5.",
        usefulness.pk: "Please answer this question.",
        nps.pk: "Choose a number from 0 to 10.",
    }
    assert not SurveyAnswer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_a_skill_of_another_organisation_is_refused(programme, coordinator, pair, outsider):
    _mentorship, _mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    foreign = make_skill(outsider.organisation)
    skills = survey.questions.get(kind=QuestionKind.SKILLS)
    answers = {**_answers(survey, scale5=4, scale10=9), skills.pk: [foreign.pk]}
    with pytest.raises(SurveyInvalid) as refused:
        answer_survey(invitation=survey.invitations.get(membership=mentee), answers=answers)
    assert refused.value.errors == {skills.pk: "Choose among the skills offered."}


def test_a_second_submission_is_refused_and_keeps_the_first(programme, coordinator, pair):
    _mentorship, _mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    invitation = survey.invitations.get(membership=mentee)
    answer_survey(invitation=invitation, answers=_answers(survey, scale5=4, scale10=9))
    with pytest.raises(FeedbackError) as refused:
        answer_survey(invitation=invitation, answers=_answers(survey, scale5=1, scale10=0))
    assert refused.value.code == "survey_answered"
    assert sorted(SurveyAnswer.objects.values_list("number", flat=True)) == [4, 4, 9]


def test_a_closed_survey_cannot_be_answered(programme, coordinator, pair):
    _mentorship, _mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    survey.status = SurveyStatus.CLOSED
    survey.save()
    with pytest.raises(FeedbackError) as refused:
        answer_survey(
            invitation=survey.invitations.get(membership=mentee),
            answers=_answers(survey, scale5=4, scale10=9),
        )
    assert refused.value.code == "survey_closed"


def test_the_one_reminder_marks_those_who_have_not_answered(programme, coordinator, pair):
    _mentorship, mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    answer_survey(
        invitation=survey.invitations.get(membership=mentee),
        answers=_answers(survey, scale5=4, scale10=9),
    )
    assert remind(survey=survey) == 1
    assert survey.invitations.get(membership=mentor).reminded_at is not None
    assert survey.invitations.get(membership=mentee).reminded_at is None
    with pytest.raises(FeedbackError) as refused:
        remind(survey=survey)
    assert refused.value.code == "reminded"


def test_nps_and_subscale_scores_equal_a_hand_computation(programme, coordinator):
    """Seven mentees answer. NPS answers 10, 9, 9, 8, 7, 6, 2: 3 promoters, 2 passives,
    2 detractors, round(100 × (3 − 2) / 7) = round(14.29) = 14. Subscales: the mean of the
    21 answers to their three items (below)."""
    mentees = []
    for n in range(7):
        mentor = make_member(programme.organisation, first_name=f"M{n}")
        mentee = make_member(programme.organisation, first_name=f"E{n}")
        make_mentorship(programme, mentor, mentee)
        mentees.append(mentee)
    survey = _copy(programme, coordinator, with_scale=True)
    update_survey(survey=survey, audience=Audience.MENTEES)
    open_survey(survey=survey, actor=coordinator)
    nps_question = survey.questions.get(kind=QuestionKind.SCALE10)
    career = list(survey.questions.filter(subscale=Subscale.CAREER))
    psychosocial = list(survey.questions.filter(subscale=Subscale.PSYCHOSOCIAL))
    role_model = list(survey.questions.filter(subscale=Subscale.ROLE_MODEL))
    nps_values = [10, 9, 9, 8, 7, 6, 2]
    career_values = [(5, 4, 3), (4, 4, 4), (2, 3, 1)] + [(3, 3, 3)] * 4
    for mentee, nps, items in zip(mentees, nps_values, career_values, strict=True):
        answers = _answers(survey, scale5=5, scale10=nps)
        answers.update({q.pk: v for q, v in zip(career, items, strict=True)})
        answers.update({q.pk: 4 for q in psychosocial})
        answers.update({q.pk: v for q, v in zip(role_model, (1, 2, 2), strict=True)})
        answer_survey(invitation=survey.invitations.get(membership=mentee), answers=answers)

    results = survey_results(survey)

    assert (results.invited, results.answered, results.response_rate) == (7, 7, 100)
    nps = next(r for r in results.questions if r.question == nps_question).nps
    assert (nps.score, nps.promoters, nps.passives, nps.detractors) == (14, 3, 2, 2)
    # Career: (12 + 12 + 6 + 4 × 9) / 21 = 66 / 21 = 3.142… → 3.1.
    assert results.subscales == {
        "career": Decimal("3.1"),
        "psychosocial": Decimal("4.0"),
        "role_model": Decimal("1.7"),  # 5 / 3 = 1.666… → 1.7
    }


def test_nps_rounds_half_away_from_zero_and_spans_the_range():
    assert nps_of({10: 1, 0: 1}).score == 0
    assert nps_of({10: 3}).score == 100
    assert nps_of({0: 2}).score == -100
    # 1 promoter, 7 passives: 100 / 8 = 12.5 → 13.
    assert nps_of({9: 1, 7: 7}).score == 13


def test_free_text_is_shown_with_a_name_only_with_consent(programme, coordinator, pair):
    _mentorship, mentor, mentee = pair
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    for person, words, share in ((mentor, "Named.", True), (mentee, "Anonymous.", False)):
        answers = {**_answers(survey, scale5=4, scale10=9), text.pk: words}
        answer_survey(
            invitation=survey.invitations.get(membership=person), answers=answers, share_name=share
        )
    comments = next(r for r in survey_results(survey).questions if r.question == text).comments
    by_text = {c.text: c for c in comments}
    assert by_text["Named."].name == str(mentor.user)
    assert by_text["Anonymous."].name is None
    assert by_text["Anonymous."].on is None


def test_choices_and_skills_are_stored_as_chosen(programme, coordinator, pair):
    _mentorship, _mentor, mentee = pair
    survey = _copy(programme, coordinator)
    topics = save_question(
        survey=survey, kind=QuestionKind.MULTIPLE, text="Topics?", choices=["A", "B", "C"]
    )
    open_survey(survey=survey, actor=coordinator)
    skill = make_skill(programme.organisation)
    skills = survey.questions.get(kind=QuestionKind.SKILLS)
    answers = {
        **_answers(survey, scale5=4, scale10=9),
        topics.pk: ["C", "A"],
        skills.pk: [str(skill.pk)],
    }
    answer_survey(invitation=survey.invitations.get(membership=mentee), answers=answers)
    stored = {a.question_id: a.values for a in SurveyAnswer.objects.all()}
    assert stored[topics.pk] == ["A", "C"]
    assert stored[skills.pk] == [skill.pk]
    results = {r.question.pk: r for r in survey_results(survey).questions}
    assert [(o.label, o.count) for o in results[skills.pk].options] == [(skill.name, 1)]
    assert [(o.value, o.count) for o in results[topics.pk].options] == [
        ("A", 1),
        ("B", 0),
        ("C", 1),
    ]


def test_an_option_not_offered_is_refused(programme, coordinator, pair):
    _mentorship, _mentor, mentee = pair
    survey = _copy(programme, coordinator, key="mid_point")
    open_survey(survey=survey, actor=coordinator)
    pace = survey.questions.get(kind=QuestionKind.SINGLE)
    answers = {**_answers(survey, scale5=4), pace.pk: "Every day"}
    with pytest.raises(SurveyInvalid) as refused:
        answer_survey(invitation=survey.invitations.get(membership=mentee), answers=answers)
    assert refused.value.errors == {pace.pk: "Choose one of the options offered."}


def test_no_reminder_after_the_closing_day(programme, coordinator, pair):
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    survey.opens_on = survey.closes_on = timezone.localdate() - timedelta(days=1)
    survey.save()
    with pytest.raises(FeedbackError) as refused:
        remind(survey=survey)
    assert refused.value.code == "survey_closed"


def test_a_person_who_left_the_relationship_is_not_invited(programme, coordinator, pair):
    mentorship, mentor, mentee = pair
    mentorship.participants.filter(membership=mentor).update(left_at=timezone.now())
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    assert list(survey.invitations.values_list("membership_id", flat=True)) == [mentee.pk]


def test_people_whose_relationship_ran_its_course_are_asked_those_who_ended_early_are_not(
    programme, coordinator, pair
):
    done, done_mentor, done_mentee = pair
    early_mentor = make_member(programme.organisation, first_name="Early")
    early = make_mentorship(programme, early_mentor, make_member(programme.organisation))
    Mentorship.objects.filter(pk=done.pk).update(stage=Stage.CLOSED, end_reason=EndReason.COMPLETED)
    Mentorship.objects.filter(pk=early.pk).update(stage=Stage.CLOSED, end_reason=EndReason.EXIT)
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    invited = set(survey.invitations.values_list("membership_id", flat=True))
    assert {done_mentor.pk, done_mentee.pk} <= invited
    assert early_mentor.pk not in invited


def test_a_comment_is_marked_with_its_authors_language(programme, coordinator, pair):
    _mentorship, mentor, mentee = pair
    mentor.user.language = "en"
    mentor.user.save()
    survey = _copy(programme, coordinator)
    open_survey(survey=survey, actor=coordinator)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    answers = {**_answers(survey, scale5=4, scale10=9), text.pk: "Useful."}
    answer_survey(invitation=survey.invitations.get(membership=mentor), answers=answers)
    comments = next(r for r in survey_results(survey).questions if r.question == text).comments
    assert [(c.text, c.language) for c in comments] == [("Useful.", "en")]
