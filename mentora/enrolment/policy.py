"""Who may apply to a programme, and who may read its applications and application form.

Anyone of the organisation (or of a partner) applies to a published programme; the
programme's coordinators review the applications and edit the form.
"""

from __future__ import annotations

from django.http import Http404

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application, Question
from mentora.programs.models import Programme, Status
from mentora.programs.policy import get_programme_to_manage, get_public_programme


def can_apply(actor: Membership, programme: Programme) -> bool:
    """Anyone of the organisation (or a partner) may apply to a published programme."""
    return programme.status != Status.DRAFT


def get_programme_to_apply(actor: Membership, pk: int) -> Programme:
    programme = get_public_programme(actor, pk)
    if not can_apply(actor, programme):
        raise Http404
    return programme


def get_own_application(actor: Membership, programme: Programme) -> Application | None:
    """The person's live application, else their latest one, else None."""
    applications = Application.objects.filter(programme=programme, membership=actor)
    return applications.active().first() or applications.order_by("-submitted_at").first()


def get_application_to_review(actor: Membership, programme_pk: int, pk: int) -> Application:
    """An application and its answers: the programme's coordinators only."""
    programme = get_programme_to_manage(actor, programme_pk)
    application = (
        Application.objects.select_related("membership__user", "membership__department")
        .filter(programme=programme, pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_question_to_manage(actor: Membership, programme_pk: int, pk: int) -> Question:
    programme = get_programme_to_manage(actor, programme_pk)
    question = Question.objects.filter(programme=programme, pk=pk).first()
    if question is None:
        raise Http404
    return question
