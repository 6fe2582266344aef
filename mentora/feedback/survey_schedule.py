"""When surveys open and close.

A survey opens on a date, or on a date the programme's calendar gives: its mid-point, a number
of days before its end, or as each relationship closes. A relative opening is stored as dates
(`opens_on`, `closes_on`) so that lists, the API and the scheduler read one thing; they are
derived again whenever they may have moved: by the coordinator's Open, and by every scheduler
run while the survey is still a draft or scheduled (a programme whose dates change takes its
surveys along until they open). Once open, a survey's dates stay: its invitations carry them.

The coordinator's Open opens a survey whose day has come and schedules the others; the
scheduler (`run_survey_schedule`, each hour) opens scheduled surveys on their day, invites the
members of relationships that closed, and closes surveys once their last day has passed.
Every invitation is unique in the database, so a restart or two workers invite nobody twice.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from mentora.accounts.models import Membership
from mentora.accounts.services import record_audit
from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import Opening, Survey, SurveyStatus
from mentora.feedback.services import insert_once
from mentora.feedback.survey_services import closure_invitations, open_survey
from mentora.programs.models import Programme

# The rules whose dates follow the programme's calendar until the survey opens.
CALENDAR_RULES = (Opening.MID_POINT, Opening.BEFORE_END)


def opening_dates(
    *,
    programme: Programme,
    opening: str,
    opens_on: date | None,
    closes_on: date | None,
    days_before_end: int | None,
    answer_days: int,
    today: date,
) -> tuple[date, date]:
    """The days a survey opens and closes under its opening rule; FeedbackError when the
    programme's calendar lacks a date the rule needs.

    On a date: the coordinator's days. At the mid-point (start + half the programme, rounded
    down) or N days before the end: that day, then `answer_days` days to answer, possibly past
    the programme's end (people answer after it ends). As each relationship closes: from the
    coordinator's first day (today when not given) to their last day (the programme's end
    plus `answer_days` when not given), so that the last relationships to close get their
    time to answer.
    """
    if opening == Opening.FIXED:
        assert opens_on is not None and closes_on is not None
        return opens_on, closes_on
    if opening == Opening.AT_CLOSURE:
        if closes_on is None:
            if programme.ends_on is None:
                raise FeedbackError("no_end_date")
            closes_on = programme.ends_on + timedelta(days=answer_days)
        return opens_on or today, closes_on
    starts, ends = programme.starts_on, programme.ends_on
    if starts is None or ends is None:
        raise FeedbackError("no_programme_dates")
    if opening == Opening.MID_POINT:
        first = starts + timedelta(days=(ends - starts).days // 2)
    else:
        first = ends - timedelta(days=days_before_end or 0)
    return first, first + timedelta(days=answer_days - 1)


def current_dates(survey: Survey, today: date | None = None) -> tuple[date, date]:
    """A draft's or scheduled survey's dates as its rule gives them today: a calendar rule
    follows the programme's dates, which may have changed since the survey was saved (its
    stored dates stand when the programme lost a date). Other surveys keep their dates."""
    if survey.status not in (SurveyStatus.DRAFT, SurveyStatus.SCHEDULED) or (
        survey.opening not in CALENDAR_RULES
    ):
        return survey.opens_on, survey.closes_on
    try:
        return opening_dates(
            programme=survey.programme,
            opening=survey.opening,
            opens_on=survey.opens_on,
            closes_on=survey.closes_on,
            days_before_end=survey.days_before_end,
            answer_days=survey.answer_days,
            today=today or timezone.localdate(),
        )
    except FeedbackError:
        return survey.opens_on, survey.closes_on


def _keep_dates(survey: Survey, opens_on: date, closes_on: date) -> bool:
    """Store `survey`'s derived dates; whether they had moved."""
    if (survey.opens_on, survey.closes_on) == (opens_on, closes_on):
        return False
    survey.opens_on, survey.closes_on = opens_on, closes_on
    Survey.objects.filter(pk=survey.pk).update(opens_on=opens_on, closes_on=closes_on)
    return True


# The coordinators' Open and Unschedule ----------------------------------------------------


@transaction.atomic
def launch_survey(*, survey: Survey, actor: Membership) -> int | None:
    """The coordinator's Open on a draft: opened now when its opening day has come (invites
    as `open_survey`), else scheduled for that day, when the scheduler opens it. A calendar
    rule is derived afresh first, and refused when the programme lost a date it needs.
    Returns how many were invited, or None when the survey is scheduled."""
    survey = Survey.objects.select_for_update().select_related("programme").get(pk=survey.pk)
    if survey.status != SurveyStatus.DRAFT:
        raise FeedbackError("scheduled" if survey.status == SurveyStatus.SCHEDULED else "not_draft")
    if not survey.questions.exists():
        raise FeedbackError("no_questions")
    today = timezone.localdate()
    if survey.opening in CALENDAR_RULES:
        _keep_dates(
            survey,
            *opening_dates(
                programme=survey.programme,
                opening=survey.opening,
                opens_on=survey.opens_on,
                closes_on=survey.closes_on,
                days_before_end=survey.days_before_end,
                answer_days=survey.answer_days,
                today=today,
            ),
        )
    if survey.closes_on < today:
        raise FeedbackError("closes_past")
    if survey.opens_on > today:
        if Survey.objects.filter(pk=survey.pk, status=SurveyStatus.DRAFT).update(
            status=SurveyStatus.SCHEDULED
        ):
            _audit(survey, actor, "feedback.survey_schedule")
        return None
    # A survey opened on a date that has passed opens as of today, which is what its
    # invitations and lists then say; a calendar rule keeps the day the programme gave.
    if survey.opening not in CALENDAR_RULES:
        _keep_dates(survey, today, survey.closes_on)
    return open_survey(survey=survey, actor=actor)


@transaction.atomic
def unschedule_survey(*, survey: Survey, actor: Membership) -> Survey:
    """Put a scheduled survey back to draft, to change it; it invited nobody yet. Refused
    once the scheduler has opened it (the conditional update decides, not a prior read)."""
    if not Survey.objects.filter(pk=survey.pk, status=SurveyStatus.SCHEDULED).update(
        status=SurveyStatus.DRAFT
    ):
        raise FeedbackError("not_scheduled")
    survey.status = SurveyStatus.DRAFT
    _audit(survey, actor, "feedback.survey_unschedule")
    return survey


def _audit(survey: Survey, actor: Membership, action: str) -> None:
    record_audit(
        organisation=survey.programme.organisation,
        actor=actor.user,
        action=action,
        target=survey.programme,
        survey=survey.pk,
        opens_on=survey.opens_on.isoformat(),
    )


# The scheduler ------------------------------------------------------------------------------


def _follow_calendars(today: date) -> int:
    """Derive the dates of the drafts and scheduled surveys with a calendar rule again;
    returns how many moved."""
    moved = 0
    waiting = Survey.objects.filter(
        status__in=(SurveyStatus.DRAFT, SurveyStatus.SCHEDULED), opening__in=CALENDAR_RULES
    ).select_related("programme")
    for survey in waiting.iterator():
        moved += _keep_dates(survey, *current_dates(survey, today))
    return moved


def _open_due(today: date) -> int:
    """Open the scheduled surveys whose day has come and whose last day has not passed."""
    opened = 0
    due = Survey.objects.filter(
        status=SurveyStatus.SCHEDULED, opens_on__lte=today, closes_on__gte=today
    )
    for pk in due.values_list("pk", flat=True):
        try:
            open_survey(survey=Survey.objects.get(pk=pk), actor=None)
        except FeedbackError:
            continue  # another worker opened it a moment ago, or it went back to draft
        opened += 1
    return opened


def _invite_closed(today: date) -> int:
    """Invite the members of relationships that closed, for each open survey that opens as
    each relationship closes; returns about how many were invited (a concurrent worker may
    have invited some of them first: the unique constraint skips those)."""
    invited = 0
    surveys = Survey.objects.filter(
        status=SurveyStatus.OPEN, opening=Opening.AT_CLOSURE, closes_on__gte=today
    ).select_related("programme")
    for survey in surveys:
        with transaction.atomic():
            rows = closure_invitations(survey, today)
            insert_once(rows)
        invited += len(rows)
    return invited


def _close_past(today: date) -> int:
    """Close the open surveys whose last day has passed, and the scheduled ones that never
    opened in time (the worker was stopped all along): they invited nobody."""
    return Survey.objects.filter(
        status__in=(SurveyStatus.OPEN, SurveyStatus.SCHEDULED), closes_on__lt=today
    ).update(status=SurveyStatus.CLOSED)


def run_survey_schedule(*, today: date | None = None) -> dict[str, int]:
    """One pass of the surveys' schedule: calendars followed, surveys opened on their day,
    members of closed relationships invited, surveys past their last day closed."""
    today = today or timezone.localdate()
    _follow_calendars(today)
    return {
        "surveys_opened": _open_due(today),
        "survey_invitations": _invite_closed(today),
        "surveys_closed": _close_past(today),
    }
