"""E-mails about enrolment, each written in its recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application
from mentora.programs.models import Programme

SUBJECTS = {
    "received": lambda p: _("We received your application to %(name)s") % {"name": p},
    "approved": lambda p: _("You are in: %(name)s") % {"name": p},
    "waitlisted": lambda p: _("You are on the waitlist of %(name)s") % {"name": p},
    "waitlisted_full": lambda p: _("You are on the waitlist of %(name)s") % {"name": p},
    "declined": lambda p: _("Your application to %(name)s") % {"name": p},
}


def send_application_email(application_id: int, event: str) -> None:
    application = Application.objects.select_related(
        "programme", "membership__user", "membership__organisation"
    ).get(pk=application_id)
    if event not in SUBJECTS:
        return
    with translation.override(application.membership.language):
        context = {
            "application": application,
            "event": event,
            "url": settings.SITE_URL
            + reverse("enrolment:my_application", args=[application.programme_id]),
        }
        subject = SUBJECTS[event](application.programme.name)
        body = render_to_string("enrolment/email/application.txt", context)
    send_mail(
        subject,
        body,
        application.membership.organisation.email_from,
        [application.membership.user.email],
    )


def send_enrolment_invitation(programme_id: int, membership_id: int) -> None:
    programme = Programme.objects.get(pk=programme_id)
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership_id)
    with translation.override(membership.language):
        context = {
            "programme": programme,
            "url": settings.SITE_URL + reverse("programs:public", args=[programme.pk]),
        }
        subject = _("You are invited to apply to %(name)s") % {"name": programme.name}
        body = render_to_string("enrolment/email/enrolment_invitation.txt", context)
    send_mail(subject, body, membership.organisation.email_from, [membership.user.email])
