"""Surveys open on a date or on the programme's calendar (its mid-point, N days before its end,
as each relationship closes): the coordinator's Open schedules a later day, the hourly
scheduler opens it on that day, invites the members of relationships as they close, once, and
closes the survey the day after its last day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from mentora.accounts.models import AuditEntry
from mentora.feedback import services
from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import FeedbackInvitation, Instrument, Survey, SurveyStatus
from mentora.feedback.services import day_end, insert_once
from mentora.feedback.survey_schedule import launch_survey, unschedule_survey
from mentora.feedback.survey_services import closure_invitations, update_survey
from mentora.mentorships.models import EndReason, Mentorship, Stage
from mentora.mentorships.services.closure import leave_mentorship

PARIS = ZoneInfo("Europe/Paris")
# The programme runs 20 weeks: its mid-point is Monday 15 March 2027.
STARTS, ENDS = date(2027, 1, 4), date(2027, 5, 24)


def _at(day: date, hour: int = 12, minute: int = 0):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS))


@pytest.fixture
def calendar(programme):
    programme.starts_on, programme.ends_on = STARTS, ENDS
    programme.save()
    return programme


def _copy(client, programme, coordinator, **fields) -> Survey:
    """A coordinator copies the end-of-programme template with an opening rule, on 1 Feb."""
    data = {"key": "end_of_programme", "answer_days": "14", **fields}
    with _at(date(2027, 2, 1)):
        # Signed in on the day: a session from the real today would have expired by then.
        client.force_login(coordinator.user)
        response = client.post(reverse("feedback:surveys", args=[programme.pk]), data)
    assert response.status_code == 302, response.content.decode()
    return Survey.objects.get()


def _run(day: date, hour: int = 12, minute: int = 0) -> dict[str, int]:
    with _at(day, hour, minute):
        return services.run_scheduler()


def _invited(survey: Survey) -> list[tuple[int, date]]:
    rows = FeedbackInvitation.objects.filter(survey=survey, instrument=Instrument.SURVEY)
    return sorted(rows.values_list("membership_id", "due_on"))


def _close(mentorship: Mentorship, day: date) -> None:
    """The relationship ran its course and closed at 16:00 on `day`."""
    Mentorship.objects.filter(pk=mentorship.pk).update(
        stage=Stage.CLOSED,
        end_reason=EndReason.COMPLETED,
        closed_at=datetime(day.year, day.month, day.day, 16, tzinfo=PARIS),
    )


@pytest.fixture
def mid_point(client, calendar, coordinator, pair):
    """A mid-point survey, scheduled on 1 February."""
    survey = _copy(client, calendar, coordinator, opening="mid_point")
    with _at(date(2027, 2, 1)):
        assert launch_survey(survey=survey, actor=coordinator) is None
    return survey


def test_a_mid_point_survey_is_derived_from_the_programmes_dates(mid_point):
    mid_point.refresh_from_db()
    assert (mid_point.opens_on, mid_point.closes_on) == (date(2027, 3, 15), date(2027, 3, 28))
    assert mid_point.status == SurveyStatus.SCHEDULED


def test_a_mid_point_survey_does_not_open_the_day_before(mid_point):
    _run(date(2027, 3, 14), hour=23, minute=30)
    mid_point.refresh_from_db()
    assert mid_point.status == SurveyStatus.SCHEDULED
    assert not _invited(mid_point)


def test_a_mid_point_survey_opens_on_the_mid_point(mid_point, pair):
    _mentorship, mentor, mentee = pair
    assert _run(date(2027, 3, 15), hour=0, minute=30)["surveys_opened"] == 1
    mid_point.refresh_from_db()
    assert mid_point.status == SurveyStatus.OPEN
    day = date(2027, 3, 15)
    assert _invited(mid_point) == sorted([(mentor.pk, day), (mentee.pk, day)])


def test_the_worker_opens_a_survey_once_however_often_it_runs(mid_point):
    _run(date(2027, 3, 15), hour=1)
    assert _run(date(2027, 3, 15), hour=2)["surveys_opened"] == 0
    assert len(_invited(mid_point)) == 2
    entry = AuditEntry.objects.get(action="feedback.survey_open_on_day")
    assert entry.actor is None and entry.details["invited"] == 2


def test_n_days_before_the_end_opens_on_that_day(client, calendar, coordinator, pair):
    survey = _copy(client, calendar, coordinator, opening="before_end", days_before_end="30")
    with _at(date(2027, 2, 1)):
        launch_survey(survey=survey, actor=coordinator)
    survey.refresh_from_db()
    assert (survey.opens_on, survey.closes_on) == (date(2027, 4, 24), date(2027, 5, 7))
    _run(date(2027, 4, 23), hour=23)
    assert not _invited(survey)
    _run(date(2027, 4, 24), hour=0, minute=30)
    assert len(_invited(survey)) == 2


def test_n_days_before_the_end_needs_the_number_of_days(client, calendar, coordinator):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("feedback:surveys", args=[calendar.pk]),
        {"key": "end_of_programme", "opening": "before_end", "answer_days": "14"},
    )
    assert "Say how many days before the programme ends it opens." in response.content.decode()
    assert not Survey.objects.exists()


def test_a_scheduled_survey_follows_the_programmes_new_dates(mid_point, calendar):
    calendar.ends_on = date(2027, 6, 21)  # four more weeks: the mid-point moves two
    calendar.save()
    _run(date(2027, 3, 15))
    mid_point.refresh_from_db()
    assert mid_point.status == SurveyStatus.SCHEDULED
    assert (mid_point.opens_on, mid_point.closes_on) == (date(2027, 3, 29), date(2027, 4, 11))


def test_a_relative_rule_without_the_programmes_dates_is_refused(client, programme, coordinator):
    programme.ends_on = None
    programme.save()
    client.force_login(coordinator.user)
    response = client.post(
        reverse("feedback:surveys", args=[programme.pk]),
        {"key": "mid_point", "opening": "mid_point", "answer_days": "14"},
    )
    assert "which has no start or end date yet" in response.content.decode()
    assert not Survey.objects.exists()


def test_opening_as_relationships_close_without_an_end_date_asks_for_the_last_day(
    client, programme, coordinator
):
    programme.ends_on = None
    programme.save()
    client.force_login(coordinator.user)
    response = client.post(
        reverse("feedback:surveys", args=[programme.pk]),
        {"key": "end_of_programme", "opening": "at_closure", "answer_days": "14"},
    )
    assert "choose the day the survey closes" in response.content.decode()


def test_a_scheduled_survey_goes_back_to_draft_to_be_edited(client, mid_point, coordinator):
    with pytest.raises(FeedbackError) as refused:
        update_survey(survey=mid_point, title="Halfway")
    assert refused.value.code == "scheduled"
    client.force_login(coordinator.user)
    client.post(reverse("feedback:survey_unschedule", args=[mid_point.pk]))
    mid_point.refresh_from_db()
    assert mid_point.status == SurveyStatus.DRAFT
    update_survey(survey=mid_point, title="Halfway")
    _run(date(2027, 3, 15))
    mid_point.refresh_from_db()
    assert (mid_point.title, mid_point.status) == ("Halfway", SurveyStatus.DRAFT)


def test_an_opened_survey_cannot_go_back_to_draft(mid_point, coordinator):
    _run(date(2027, 3, 15))
    with pytest.raises(FeedbackError) as refused:
        unschedule_survey(survey=mid_point, actor=coordinator)
    assert refused.value.code == "not_scheduled"


def test_the_open_button_says_schedule_for_a_later_day(client, calendar, coordinator):
    survey = _copy(client, calendar, coordinator, opening="mid_point")
    with _at(date(2027, 2, 1)):
        page = client.get(reverse("feedback:survey_manage", args=[survey.pk])).content.decode()
    assert "Schedule the survey" in page
    assert "Opens at the programme's mid-point, on 15 March 2027; closes on 28 March 2027." in page


def test_a_fixed_survey_whose_day_has_passed_opens_now_as_of_today(client, calendar, coordinator):
    survey = _copy(
        client,
        calendar,
        coordinator,
        opening="fixed",
        opens_on="2027-01-25",
        closes_on="2027-02-20",
    )
    with _at(date(2027, 2, 1)):
        launch_survey(survey=survey, actor=coordinator)
    survey.refresh_from_db()
    assert (survey.status, survey.opens_on) == (SurveyStatus.OPEN, date(2027, 2, 1))


def test_a_survey_closes_the_day_after_its_last_day(mid_point):
    _run(date(2027, 3, 15))
    _run(date(2027, 3, 28), hour=23, minute=30)
    mid_point.refresh_from_db()
    assert mid_point.status == SurveyStatus.OPEN
    assert _run(date(2027, 3, 29), hour=0, minute=30)["surveys_closed"] == 1
    mid_point.refresh_from_db()
    assert mid_point.status == SurveyStatus.CLOSED


@pytest.fixture
def at_closure(client, calendar, coordinator, pair):
    """A survey opened on 1 February that asks each person when their relationship closes."""
    survey = _copy(client, calendar, coordinator, opening="at_closure")
    with _at(date(2027, 2, 1)):
        assert launch_survey(survey=survey, actor=coordinator) == 0
    survey.refresh_from_db()
    return survey


def test_at_closure_lasts_until_the_programmes_end_plus_the_days_to_answer(at_closure):
    assert at_closure.status == SurveyStatus.OPEN
    assert (at_closure.opens_on, at_closure.closes_on) == (date(2027, 2, 1), date(2027, 6, 7))


def test_at_closure_invites_each_member_when_their_relationship_closes(at_closure, pair):
    mentorship, mentor, mentee = pair
    _run(date(2027, 3, 9))
    assert not _invited(at_closure)
    _close(mentorship, date(2027, 3, 10))
    assert _run(date(2027, 3, 10), hour=17)["survey_invitations"] == 2
    day = date(2027, 3, 10)
    assert _invited(at_closure) == sorted([(mentor.pk, day), (mentee.pk, day)])
    invitation = FeedbackInvitation.objects.filter(survey=at_closure).first()
    assert invitation.closes_at == day_end(date(2027, 3, 23))


def test_at_closure_never_runs_past_the_surveys_last_day(at_closure, pair):
    _close(pair[0], date(2027, 6, 1))
    _run(date(2027, 6, 1), hour=17)
    invitation = FeedbackInvitation.objects.filter(survey=at_closure).first()
    assert invitation.last_day == date(2027, 6, 7)


def test_at_closure_invites_once_when_the_scheduler_runs_twice(at_closure, pair):
    _close(pair[0], date(2027, 3, 10))
    _run(date(2027, 3, 10), hour=17)
    assert _run(date(2027, 3, 10), hour=18)["survey_invitations"] == 0
    assert len(_invited(at_closure)) == 2


def test_at_closure_invites_once_when_two_workers_run_at_once(at_closure, pair):
    _close(pair[0], date(2027, 3, 10))
    with _at(date(2027, 3, 10), hour=17):
        # The first worker reads who is owed an invitation, the second one sends them all,
        # then the first writes what it read: the unique constraint skips every row.
        read_by_first = closure_invitations(at_closure, date(2027, 3, 10))
        services.run_scheduler()
        insert_once(read_by_first)
    assert len(_invited(at_closure)) == 2


def test_a_second_invitation_to_one_survey_is_refused_by_the_database(at_closure, pair):
    _close(pair[0], date(2027, 3, 10))
    _run(date(2027, 3, 10), hour=17)
    first = FeedbackInvitation.objects.filter(survey=at_closure).first()
    first.pk = None
    with pytest.raises(IntegrityError):
        first.save()


def test_a_relationship_that_ended_early_counts_as_closed(at_closure, pair):
    mentorship, mentor, mentee = pair
    with _at(date(2027, 3, 10), hour=9):
        leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    _run(date(2027, 3, 10))
    day = date(2027, 3, 10)
    assert _invited(at_closure) == sorted([(mentor.pk, day), (mentee.pk, day)])


def test_relationships_closed_before_opening_are_invited_at_opening(
    client, calendar, coordinator, pair
):
    mentorship, mentor, mentee = pair
    _close(mentorship, date(2027, 1, 20))
    survey = _copy(client, calendar, coordinator, opening="at_closure")
    with _at(date(2027, 2, 1)):
        assert launch_survey(survey=survey, actor=coordinator) == 2
    day = date(2027, 2, 1)
    assert _invited(survey) == sorted([(mentor.pk, day), (mentee.pk, day)])


def test_at_closure_leaves_out_the_roles_outside_its_audience(at_closure, pair):
    Survey.objects.filter(pk=at_closure.pk).update(audience="mentees")
    _close(pair[0], date(2027, 3, 10))
    _run(date(2027, 3, 10), hour=17)
    assert _invited(at_closure) == [(pair[2].pk, date(2027, 3, 10))]


def test_the_rule_reads_in_french(client, calendar, coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    survey = _copy(client, calendar, coordinator, opening="mid_point")
    with _at(date(2027, 2, 1)):
        page = client.get(reverse("feedback:survey_manage", args=[survey.pk])).content.decode()
    assert (
        "S’ouvre à la mi-parcours du programme, le 15 mars 2027\u00a0; se ferme le 28 mars 2027."
        in page
    )
    assert "Programmer le questionnaire" in page


def test_the_list_shows_a_scheduled_survey(client, mid_point, calendar, coordinator):
    page = client.get(reverse("feedback:surveys", args=[calendar.pk])).content.decode()
    assert "Scheduled" in page
