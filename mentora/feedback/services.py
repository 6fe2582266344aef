"""Writes of the feedback app: invitations (exactly once), answers, settings, the scheduler."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from mentora.accounts.models import User, still_here
from mentora.accounts.services import record_audit
from mentora.core.scheduling import plan_once
from mentora.feedback.cadence import PulseCadence
from mentora.feedback.errors import FeedbackError
from mentora.feedback.models import (
    COMMENT_MAX_LENGTH,
    SCALE_MAX,
    SCALE_MIN,
    SESSION_FEEDBACK_OPEN,
    FeedbackInvitation,
    FeedbackSettings,
    Fit,
    Instrument,
    PulseAnswer,
    SessionFeedback,
)
from mentora.mentorships.models import Meeting, MeetingStatus, Mentorship, Participant
from mentora.mentorships.rules import too_long_message
from mentora.programs.models import Programme

# Rows read and written per query by the scheduler: bounded whatever the organisation's size.
BATCH = 500
# The scheduler runs every hour: pulses are due on a day, so an hour's delay is invisible.
SCHEDULER_EVERY = timedelta(hours=1)


def _batches[T](items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def insert_once(rows: list[FeedbackInvitation]) -> None:
    """Insert invitations, skipping those that exist: INSERT … ON CONFLICT DO NOTHING on
    PostgreSQL, INSERT OR IGNORE on SQLite. The unique constraints decide, not a prior read,
    so a row another worker inserted a moment ago is skipped, never duplicated."""
    FeedbackInvitation.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)


def day_end(day: date) -> datetime:
    """The first instant after `day`, in the server's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


# Invitations -----------------------------------------------------------------------------


@transaction.atomic
def invite_to_session_feedback(*, meeting: Meeting) -> int:
    """Ask each member still in the relationship to rate a held meeting; once per person,
    however many times the meeting is marked held. Returns how many were newly invited."""
    mentorship = meeting.mentorship
    people = list(
        Participant.objects.active()
        .filter(still_here("membership__"), mentorship=mentorship)
        .values_list("membership_id", flat=True)
    )
    known = set(
        FeedbackInvitation.objects.filter(
            instrument=Instrument.SESSION, meeting=meeting
        ).values_list("membership_id", flat=True)
    )
    now = timezone.now()
    rows = [
        FeedbackInvitation(
            instrument=Instrument.SESSION,
            membership_id=person,
            programme_id=mentorship.programme_id,
            mentorship=mentorship,
            meeting=meeting,
            due_on=meeting.local_start.date(),
            closes_at=now + SESSION_FEEDBACK_OPEN,
            created_at=now,
        )
        for person in people
        if person not in known
    ]
    insert_once(rows)
    return len(rows)


def schedule_pulses(*, today: date | None = None) -> int:
    """Send the pulse due today (or still open) to every member of every open relationship
    whose programme keeps pulses on; a pulse already sent is skipped. Returns about how many
    were newly sent (a concurrent worker may have sent some of them first)."""
    today = today or timezone.localdate()
    relationships = (
        Mentorship.objects.open()
        .order_by("pk")
        .values_list(
            "pk",
            "programme_id",
            "created_at",
            "programme__feedback_settings__pulse_enabled",
            "programme__feedback_settings__pulse_first_after_days",
            "programme__feedback_settings__pulse_every_days",
        )
    )
    sent = 0
    for batch in _batches(relationships.iterator(chunk_size=BATCH)):
        due: dict[int, tuple[int, int, date, datetime]] = {}
        for pk, programme_id, created_at, enabled, first, every in batch:
            cadence = (
                PulseCadence()
                if enabled is None
                else PulseCadence(bool(enabled), int(first), int(every))
            )
            current = cadence.current(timezone.localdate(created_at), today)
            if current is not None:
                sequence, due_on = current
                closes_at = day_end(due_on + timedelta(days=cadence.open_days - 1))
                due[pk] = (programme_id, sequence, due_on, closes_at)
        if due:
            sent += _send_pulses(due)
    return sent


@transaction.atomic
def _send_pulses(due: dict[int, tuple[int, int, date, datetime]]) -> int:
    people = Participant.objects.active().filter(still_here("membership__"), mentorship_id__in=due)
    known = set(
        FeedbackInvitation.objects.filter(
            instrument=Instrument.PULSE, mentorship_id__in=due
        ).values_list("mentorship_id", "membership_id", "sequence")
    )
    now = timezone.now()
    rows = []
    for mentorship_id, membership_id in people.values_list("mentorship_id", "membership_id"):
        programme_id, sequence, due_on, closes_at = due[mentorship_id]
        if (mentorship_id, membership_id, sequence) in known:
            continue
        rows.append(
            FeedbackInvitation(
                instrument=Instrument.PULSE,
                membership_id=membership_id,
                programme_id=programme_id,
                mentorship_id=mentorship_id,
                sequence=sequence,
                due_on=due_on,
                closes_at=closes_at,
                created_at=now,
            )
        )
    insert_once(rows)
    return len(rows)


def run_scheduler(*, today: date | None = None) -> dict[str, int]:
    """One pass of the feedback scheduler: what is due today is sent, once; surveys open,
    invite and close on their days."""
    # Imported here: the surveys' modules build on this one.
    from mentora.feedback.survey_schedule import run_survey_schedule

    return {"pulses": schedule_pulses(today=today), **run_survey_schedule(today=today)}


def plan_scheduler_run(*, run_at: datetime) -> bool:
    """Enqueue the scheduler for the hour of `run_at`, unless that hour's run was already
    planned (by a previous run, another worker or `manage.py schedule_feedback`); returns
    whether this call planned it (see `plan_once`)."""
    from mentora.feedback.tasks import run_feedback_scheduler

    slot = run_at.replace(minute=0, second=0, microsecond=0)
    return plan_once(run_feedback_scheduler, slot=slot, chain="feedback")


def plan_next_scheduler_run() -> bool:
    """Keep the hourly chain going: plan the run of the next hour."""
    return plan_scheduler_run(run_at=timezone.now() + SCHEDULER_EVERY)


# Answers ---------------------------------------------------------------------------------


def _check_scale(field: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not SCALE_MIN <= value <= SCALE_MAX:
        raise FeedbackError("scale", field)


def _check_comment(comment: str) -> None:
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            "too_long", "comment", too_long_message(COMMENT_MAX_LENGTH, len(comment))
        )


def _locked_invitation(invitation: FeedbackInvitation) -> FeedbackInvitation:
    """The invitation, locked for the answer's transaction: two tabs or a double click
    answer one after the other, and the second one sees the first."""
    return (
        # Only the invitation's row: PostgreSQL cannot lock the nullable side of the join.
        FeedbackInvitation.objects.select_for_update(of=("self",))
        .select_related("meeting", "mentorship")
        .get(pk=invitation.pk)
    )


def _revise(answer: Any, values: dict[str, Any], *, replace: bool) -> bool:
    """Apply a second submission to an existing answer; whether anything changed.

    The same answer again (a double click) changes nothing and is no error. A different one
    replaces the first only within the edit window, and only when the person knew they were
    replacing it (the edit form says so); else they are told, and keep what they typed.
    """
    if all(getattr(answer, name) == value for name, value in values.items()):
        return False
    if not answer.is_editable:
        raise FeedbackError("locked")
    if not replace:
        raise FeedbackError("already_answered")
    for name, value in values.items():
        setattr(answer, name, value)
    answer.updated_at = timezone.now()
    answer.save()
    return True


def _answer(
    model: type[Model],
    invitation: FeedbackInvitation,
    values: dict[str, Any],
    *,
    replace: bool,
    check: Callable[[FeedbackInvitation], None],
) -> Any:
    """The one way an instrument is answered: a second submission revises the first (see
    `_revise`); a first one needs the invitation open and the instrument's own `check`."""
    invitation = _locked_invitation(invitation)
    existing = model.objects.filter(invitation=invitation).first()  # type: ignore[attr-defined]
    if existing is not None:
        _revise(existing, values, replace=replace)
        return existing
    if invitation.is_closed:
        raise FeedbackError("closed")
    check(invitation)
    return _first_answer(model, invitation, values)


def _first_answer(
    model: type[Model], invitation: FeedbackInvitation, values: dict[str, Any]
) -> Any:
    now = timezone.now()
    try:
        with transaction.atomic():
            answer = model.objects.create(  # type: ignore[attr-defined]
                invitation=invitation, submitted_at=now, updated_at=now, **values
            )
    except IntegrityError:
        # Another request answered between our read and our write (SQLite does not lock
        # rows): theirs stands, ours is a second submission.
        existing = model.objects.get(invitation=invitation)  # type: ignore[attr-defined]
        _revise(existing, values, replace=False)
        return existing
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    return answer


@transaction.atomic
def answer_session_feedback(
    *,
    invitation: FeedbackInvitation,
    rating: int,
    progress: int,
    comment: str = "",
    share_name: bool = False,
    replace: bool = False,
) -> SessionFeedback:
    """Rate a held meeting (rating and progress 1–5, optional comment), or change one's
    rating within 7 days (`replace`: the person is editing, not answering afresh)."""
    _check_scale("rating", rating)
    _check_scale("progress", progress)
    _check_comment(comment)
    values = {"rating": rating, "progress": progress, "comment": comment, "share_name": share_name}

    def meeting_held(invitation: FeedbackInvitation) -> None:
        if invitation.meeting is None or invitation.meeting.status != MeetingStatus.HELD:
            raise FeedbackError("not_held")

    return _answer(SessionFeedback, invitation, values, replace=replace, check=meeting_held)


@transaction.atomic
def answer_pulse(
    *,
    invitation: FeedbackInvitation,
    quality: int,
    fit: str,
    comment: str = "",
    share_name: bool = False,
    replace: bool = False,
) -> PulseAnswer:
    """Answer a pulse check (quality 1–5, fit, optional comment), or change one's answer
    within 7 days."""
    _check_scale("quality", quality)
    if fit not in Fit.values:
        raise FeedbackError("fit", "fit")
    _check_comment(comment)
    values = {"quality": quality, "fit": fit, "comment": comment, "share_name": share_name}

    def still_in_relationship(invitation: FeedbackInvitation) -> None:
        still_in = Participant.objects.active().filter(
            mentorship=invitation.mentorship, membership_id=invitation.membership_id
        )
        if invitation.mentorship.is_closed or not still_in.exists():
            raise FeedbackError("relationship_closed")

    return _answer(PulseAnswer, invitation, values, replace=replace, check=still_in_relationship)


# Settings --------------------------------------------------------------------------------


@transaction.atomic
def save_feedback_settings(
    *,
    programme: Programme,
    actor: User,
    pulse_enabled: bool,
    pulse_first_after_days: int,
    pulse_every_days: int,
) -> FeedbackSettings:
    """Change how often the programme's relationships get a pulse, or turn pulses off. Pulses
    already sent stay; the next ones follow the new cadence."""
    settings, _created = FeedbackSettings.objects.update_or_create(
        programme=programme,
        defaults={
            "pulse_enabled": pulse_enabled,
            "pulse_first_after_days": pulse_first_after_days,
            "pulse_every_days": pulse_every_days,
            "updated_by": actor,
        },
    )
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="feedback.settings",
        target=programme,
        pulse_enabled=pulse_enabled,
        pulse_first_after_days=pulse_first_after_days,
        pulse_every_days=pulse_every_days,
    )
    return settings
