"""E-mails about accounts, written in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mentora.accounts.models import Invitation, InvitationPurpose, User


def send_invitation(invitation_id: int) -> None:
    """The invitation to join, or the access link of a member who cannot sign in yet."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(
        pk=invitation_id
    )
    if not invitation.is_usable:
        return
    organisation = invitation.organisation
    existing = User.objects.filter(email=invitation.email).first()
    language = (existing.language if existing else "") or organisation.default_language
    with translation.override(language):
        context = {
            "invitation": invitation,
            "person": existing,
            "url": settings.SITE_URL
            + reverse("accounts:accept_invitation", args=[invitation.token]),
        }
        if invitation.purpose == InvitationPurpose.ACCESS:
            subject = _("Your access to %(organisation)s on Mentora") % {
                "organisation": organisation.name
            }
            body = render_to_string("accounts/email/access_link.txt", context)
        else:
            subject = _("You are invited to join %(organisation)s on Mentora") % {
                "organisation": organisation.name
            }
            body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, organisation.email_from, [invitation.email])
