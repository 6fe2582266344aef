"""E-mails about matching, each written in its recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from mentora.matching.models import MatchNotice


def send_match_notice(notice_id: int) -> None:
    notice = (
        MatchNotice.objects.select_related(
            "programme", "membership__user", "membership__organisation"
        )
        .filter(pk=notice_id, emailed_at__isnull=True)
        .first()
    )
    if notice is None:
        return
    with translation.override(notice.membership.language):
        context = {
            "notice": notice,
            "programme": notice.programme,
            "url": settings.SITE_URL + reverse("matching:mine"),
        }
        subject = f"{notice.get_kind_display()} — {notice.programme.name}"
        body = render_to_string("matching/email/notice.txt", context)
    send_mail(
        subject, body, notice.membership.organisation.email_from, [notice.membership.user.email]
    )
    MatchNotice.objects.filter(pk=notice.pk).update(emailed_at=timezone.now())
