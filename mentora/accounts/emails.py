"""E-mails about accounts, written in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mentora.accounts.models import Invitation, User


def send_invitation(invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(
        pk=invitation_id
    )
    if not invitation.is_usable:
        return
    existing = User.objects.filter(email=invitation.email).first()
    language = (existing.language if existing else "") or invitation.organisation.default_language
    with translation.override(language):
        context = {
            "invitation": invitation,
            "url": settings.SITE_URL
            + reverse("accounts:accept_invitation", args=[invitation.token]),
        }
        subject = _("You are invited to join %(organisation)s on Mentora") % {
            "organisation": invitation.organisation.name
        }
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
