"""PDF certificate of participation, rendered from an HTML template with WeasyPrint."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from mentora.mentorships.models import Mentorship, Participant
from mentora.mentorships.selectors import active_participants, relationship_figures


def render_certificate(
    request: HttpRequest, mentorship: Mentorship, participant: Participant
) -> bytes:
    """The certificate of one member: programme, partners, dates, sessions and goals achieved."""
    from weasyprint import HTML  # imported here: loading pango is slow and only needed here

    others = [p for p in active_participants(mentorship) if p.pk != participant.pk]
    # The founding members count every meeting, those recorded after the fact included; a
    # member seated later in a group (after an exit) counts from the day they joined.
    joined_later = timezone.localdate(participant.joined_at) > timezone.localdate(
        mentorship.created_at
    )
    figures = relationship_figures(
        mentorship, since=participant.joined_at if joined_later else None
    )
    html = render_to_string(
        "mentorships/certificate.html",
        {
            "mentorship": mentorship,
            "programme": mentorship.programme,
            "participant": participant,
            "others": others,
            "held": figures.held,
            "achieved": figures.achieved,
            "started": participant.joined_at,
            "closed": mentorship.closed_at or timezone.now(),
        },
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
