"""How a relationship ends: a member's no-fault exit, or a closure agreed, checked and closed."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.mentorships.errors import FieldError, MentorshipError
from mentora.mentorships.models import EndReason, MeetingStatus, Mentorship, Participant, Stage
from mentora.mentorships.rules import check_lengths
from mentora.mentorships.selectors import agreement_is_signed, closure_can_open, closure_checklist
from mentora.mentorships.services.stages import refresh_stage, require_open
from mentora.programs.models import ParticipantRole


def _has_both_sides(participants: list[Participant]) -> bool:
    roles = [p.role for p in participants]
    if ParticipantRole.PEER in roles:
        return len(roles) >= 2
    return ParticipantRole.MENTOR in roles and ParticipantRole.MENTEE in roles


@transaction.atomic
def leave_mentorship(*, participant: Participant, reason: str, comment: str = "") -> Participant:
    """No-fault exit. When one side is left alone the relationship ends and its future
    meetings are cancelled; the coordinator sees the reason, the partner does not."""
    check_lengths(Participant, exit_comment=comment)
    mentorship = Mentorship.objects.select_for_update().get(pk=participant.mentorship_id)
    require_open(mentorship)
    participant.left_at = timezone.now()
    participant.exit_reason = reason
    participant.exit_comment = comment
    participant.save(update_fields=["left_at", "exit_reason", "exit_comment"])
    remaining = list(mentorship.participants.active())
    if not _has_both_sides(remaining):
        mentorship.stage = Stage.CLOSED
        mentorship.end_reason = EndReason.EXIT
        mentorship.closed_at = timezone.now()
        mentorship.save(update_fields=["stage", "end_reason", "closed_at"])
        _cancel_upcoming(mentorship)
        return participant
    # The one who left may have been the last signature or the last agreement to close
    # that the others were waiting for: the group moves on without them.
    if mentorship.stage == Stage.ESTABLISH and agreement_is_signed(mentorship.agreement):
        mentorship.stage = Stage.TRUST
        mentorship.save(update_fields=["stage"])
        refresh_stage(mentorship)
    if mentorship.stage not in {Stage.CLOSURE, Stage.CLOSED} and all(
        p.closure_agreed_at for p in remaining
    ):
        mentorship.stage = Stage.CLOSURE
        mentorship.closure_opened_at = timezone.now()
        mentorship.save(update_fields=["stage", "closure_opened_at"])
    return participant


def _cancel_upcoming(mentorship: Mentorship) -> None:
    """Cancel the planned meetings still to come; calendars see the change (new SEQUENCE)."""
    mentorship.meetings.upcoming().update(
        status=MeetingStatus.CANCELLED, sequence=F("sequence") + 1, updated_at=timezone.now()
    )


@transaction.atomic
def propose_closure(*, participant: Participant) -> Mentorship:
    """Agree to close; the closure checklist opens once everyone agreed (or the programme ends)."""
    mentorship = Mentorship.objects.select_for_update().get(pk=participant.mentorship_id)
    if mentorship.stage in {Stage.CLOSURE, Stage.CLOSED}:
        return mentorship
    if participant.closure_agreed_at is None:
        participant.closure_agreed_at = timezone.now()
        participant.save(update_fields=["closure_agreed_at"])
    if closure_can_open(mentorship):
        mentorship.stage = Stage.CLOSURE
        mentorship.closure_opened_at = timezone.now()
        mentorship.save(update_fields=["stage", "closure_opened_at"])
    return mentorship


@transaction.atomic
def save_closure_summary(*, mentorship: Mentorship, summary: str) -> Mentorship:
    """Edit the summary of achievements."""
    if not summary.strip():
        raise FieldError("summary", _("The summary cannot be empty."))
    check_lengths(Mentorship, closure_summary=summary)
    mentorship.closure_summary = summary
    mentorship.save(update_fields=["closure_summary"])
    return mentorship


@transaction.atomic
def save_recognition(
    *, participant: Participant, recognition: str, alumni_opt_in: bool
) -> Participant:
    """Record a member's message of recognition and alumni choice."""
    check_lengths(Participant, recognition=recognition)
    participant.recognition = recognition
    participant.alumni_opt_in = alumni_opt_in
    participant.save(update_fields=["recognition", "alumni_opt_in"])
    return participant


@transaction.atomic
def close_mentorship(*, mentorship: Mentorship, actor: User) -> Mentorship:
    """Close a relationship in closure once its closing meeting is held and summary written."""
    mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if mentorship.stage != Stage.CLOSURE:
        raise MentorshipError(_("Open the closure first."))
    checklist = closure_checklist(mentorship)
    if not (checklist["closing_meeting"] and checklist["summary"]):
        raise MentorshipError(_("Hold the closing meeting and write the summary before closing."))
    mentorship.stage = Stage.CLOSED
    mentorship.end_reason = EndReason.COMPLETED
    mentorship.closed_at = timezone.now()
    mentorship.save(update_fields=["stage", "end_reason", "closed_at"])
    _cancel_upcoming(mentorship)
    return mentorship
