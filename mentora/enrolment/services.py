"""State changes of enrolment: applying, withdrawing, reviewing, and the application form."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mentora.accounts.models import Membership, User
from mentora.accounts.services import record_audit
from mentora.enrolment.errors import EnrolmentError
from mentora.enrolment.models import (
    DECISIONS,
    Answer,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    EnrolmentInvitation,
    Question,
    QuestionAudience,
)
from mentora.enrolment.selectors import mentee_places_left
from mentora.mentorships.models import Participant
from mentora.programs.models import EnrolmentMode, ParticipantRole, Programme, Status


class ApplicationDetails(TypedDict, total=False):
    """What an applicant says beyond their role: the keyword arguments of an application."""

    goals: str
    capacity: int | None
    department_preference: str
    meeting_mode: str
    language: str
    preferred_people: Iterable[Membership]
    avoided_people: Iterable[Membership]


# The e-mail an application's new status sends. A waitlist says why: the coordinators chose
# it ("waitlisted"), or every place was taken ("waitlisted_full").
WAITLISTED_FULL = "waitlisted_full"


def _notify(application: Application, event: str) -> None:
    from mentora.enrolment.tasks import send_application_email

    transaction.on_commit(lambda: send_application_email.enqueue(application.pk, event))


def _record(application: Application, actor: User | None, message: str = "") -> None:
    ApplicationEvent.objects.create(
        application=application, status=application.status, actor=actor, message=message
    )


def _is_full_for(programme: Programme, role: str) -> bool:
    if role == ParticipantRole.MENTOR:
        return False
    left = mentee_places_left(programme)
    return left is not None and left <= 0


def check_can_apply(*, programme: Programme, membership: Membership, today: date) -> None:
    """Raise EnrolmentError when this person may not apply now."""
    if not programme.enrolment_is_open(today):
        raise EnrolmentError("closed")
    if programme.applications.active().filter(membership=membership).exists():
        raise EnrolmentError("already_applied")
    if (
        programme.enrolment_mode == EnrolmentMode.INVITATION
        and not programme.enrolment_invitations.filter(membership=membership).exists()
    ):
        raise EnrolmentError("not_invited")


@transaction.atomic
def submit_application(
    *,
    programme: Programme,
    membership: Membership,
    role: str,
    answers: dict[Question, Any],
    today: date,
    **details: Unpack[ApplicationDetails],
) -> Application:
    """Apply to a programme; open and invitation programmes accept at once, unless full."""
    # Lock the programme row so that two last-minute applicants cannot both take the last place.
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    check_can_apply(programme=programme, membership=membership, today=today)
    if role not in programme.roles:
        raise EnrolmentError("role")
    unknown = set(details) - ApplicationDetails.__optional_keys__
    if unknown:
        raise TypeError(f"not part of an application: {sorted(unknown)}")
    fields: dict[str, Any] = dict(details)
    preferred = fields.pop("preferred_people", None) or []
    avoided = fields.pop("avoided_people", None) or []
    if programme.enrolment_mode == EnrolmentMode.APPROVAL:
        status, event = ApplicationStatus.SUBMITTED, "received"
    elif _is_full_for(programme, role):
        status, event = ApplicationStatus.WAITLISTED, WAITLISTED_FULL
    else:
        status, event = ApplicationStatus.APPROVED, str(ApplicationStatus.APPROVED)
    application = Application.objects.create(
        programme=programme, membership=membership, role=role, status=status, **fields
    )
    application.preferred_people.set(preferred)
    application.avoided_people.set(avoided)
    Answer.objects.bulk_create(
        [Answer(application=application, question=q, value=v) for q, v in answers.items()]
    )
    _record(application, membership.user)
    _notify(application, event)
    return application


def _is_matched(application: Application) -> bool:
    """Whether the applicant is in a live relationship of the programme already."""
    return (
        Participant.objects.in_open_relationships(application.programme_id)
        .filter(membership_id=application.membership_id)
        .exists()
    )


@transaction.atomic
def withdraw_application(*, application: Application, actor: User) -> Application:
    """Leave a programme before matching; the application stays in the history."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_active:
        raise EnrolmentError("not_active")
    if application.programme.status not in (Status.ENROLLING, Status.MATCHING):
        raise EnrolmentError("too_late")
    if _is_matched(application):
        # Matched already: leaving now would strand the partner; the exit goes through the
        # relationship (and its coordinator), not through the application.
        raise EnrolmentError("too_late")
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status", "updated_at"])
    _record(application, actor)
    return application


@transaction.atomic
def decide_applications(
    *,
    programme: Programme,
    application_ids: Iterable[int],
    decision: str,
    actor: User,
    message: str = "",
) -> dict[str, int]:
    """Approve, decline or waitlist applications in bulk; approvals beyond the places waitlist."""
    if decision not in DECISIONS:
        raise EnrolmentError("decision")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    applications = list(
        programme.applications.active()
        .filter(pk__in=list(application_ids))
        .exclude(status=decision)
        .select_related("membership__user")
        .order_by("submitted_at", "pk")
    )
    left = mentee_places_left(programme)
    counts = {str(status): 0 for status in DECISIONS}
    events: dict[int, str] = {}
    now = timezone.now()
    for application in applications:
        status, event, note = decision, str(decision), message
        takes_a_place = (
            decision == ApplicationStatus.APPROVED
            and application.role != ParticipantRole.MENTOR
            and left is not None
        )
        if takes_a_place and left is not None:
            if left <= 0:
                # No place left: the approval becomes a waitlist, and the e-mail says so. The
                # coordinators' message was written for an approval, so it is not sent with it.
                status, event, note = ApplicationStatus.WAITLISTED, WAITLISTED_FULL, ""
            else:
                left -= 1
        if status == application.status:
            continue
        application.status = status
        application.decided_at = now
        application.decided_by = actor
        application.decision_message = note
        events[application.pk] = event
        counts[str(status)] += 1
    Application.objects.bulk_update(
        applications, ["status", "decided_at", "decided_by", "decision_message"]
    )
    ApplicationEvent.objects.bulk_create(
        [
            ApplicationEvent(
                application=a, status=a.status, actor=actor, message=a.decision_message
            )
            for a in applications
            if a.pk in events
        ]
    )
    for application in applications:
        if application.pk in events:
            _notify(application, events[application.pk])
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="applications.decide",
        target=programme,
        decision=decision,
        counts=counts,
    )
    return counts


@transaction.atomic
def invite_to_programme(
    *, programme: Programme, memberships: Iterable[Membership], actor: User
) -> int:
    """Allow these people to apply to an invitation-only programme."""
    already = set(programme.enrolment_invitations.values_list("membership_id", flat=True))
    new = [
        EnrolmentInvitation(programme=programme, membership=m, invited_by=actor)
        for m in memberships
        if m.pk not in already
    ]
    EnrolmentInvitation.objects.bulk_create(new)
    for invitation in new:
        from mentora.enrolment.tasks import send_enrolment_invitation_email

        transaction.on_commit(
            lambda pk=invitation.membership_id: send_enrolment_invitation_email.enqueue(  # type: ignore[misc]
                programme.pk, pk
            )
        )
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="programme.invite",
        target=programme,
        count=len(new),
    )
    return len(new)


@transaction.atomic
def save_question(
    *,
    programme: Programme,
    question: Question | None,
    actor: User,
    label: str,
    kind: str,
    help_text: str = "",
    choices: list[str] | None = None,
    required: bool = False,
    audience: str = QuestionAudience.ALL,
) -> Question:
    """Add a question to the application form, or change one."""
    if question is None:
        last = programme.questions.aggregate(last=Max("position"))["last"]
        question = Question(programme=programme, position=(last or 0) + 1)
    question.label, question.help_text, question.kind = label, help_text, kind
    question.choices, question.required, question.audience = choices or [], required, audience
    question.save()
    record_audit(
        organisation=programme.organisation, actor=actor, action="question.save", target=question
    )
    return question


@transaction.atomic
def delete_question(*, question: Question, actor: User) -> None:
    """Remove a question; answers already given go with it."""
    record_audit(
        organisation=question.programme.organisation,
        actor=actor,
        action="question.delete",
        target=question,
    )
    question.delete()


@transaction.atomic
def move_question(*, question: Question, direction: int) -> None:
    """Swap a question with its neighbour above (-1) or below (+1)."""
    siblings = list(question.programme.questions.order_by("position", "pk"))
    index = siblings.index(question)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, item in enumerate(siblings, start=1):
        item.position = position
    Question.objects.bulk_update(siblings, ["position"])
