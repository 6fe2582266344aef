"""PDF certificate of participation, rendered from an HTML template with WeasyPrint."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from mentora.mentorships.models import GoalStatus, MeetingStatus, Mentorship, Participant


def render_certificate(
    request: HttpRequest, mentorship: Mentorship, participant: Participant
) -> bytes:
    """The certificate of one member: programme, partners, dates, sessions and goals achieved."""
    from weasyprint import HTML  # imported here: loading pango is slow and only needed here

    others = [
        p
        for p in mentorship.participants.select_related("membership__user")
        if p.pk != participant.pk and p.left_at is None
    ]
    html = render_to_string(
        "mentorships/certificate.html",
        {
            "mentorship": mentorship,
            "programme": mentorship.programme,
            "participant": participant,
            "others": others,
            "held": mentorship.meetings.filter(status=MeetingStatus.HELD).count(),
            "achieved": mentorship.goals.filter(status=GoalStatus.ACHIEVED),
            "started": mentorship.created_at,
            "closed": mentorship.closed_at or timezone.now(),
        },
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
