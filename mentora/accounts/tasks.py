"""Background e-mail about accounts."""

from __future__ import annotations

from django.tasks import task

from mentora.accounts import emails


@task
def send_invitation_email(invitation_id: int) -> None:
    emails.send_invitation(invitation_id)
