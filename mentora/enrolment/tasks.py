"""Background e-mail about enrolment."""

from __future__ import annotations

from django.tasks import task

from mentora.enrolment import emails


@task
def send_application_email(application_id: int, event: str) -> None:
    emails.send_application_email(application_id, event)


@task
def send_enrolment_invitation_email(programme_id: int, membership_id: int) -> None:
    emails.send_enrolment_invitation(programme_id, membership_id)
