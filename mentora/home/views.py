from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Invitation, Membership, Organisation, Role
from mentora.feedback.selectors import pending_count as feedback_pending_count
from mentora.programs.models import Programme, ProgrammeQuerySet, Status


def root(request: MemberRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home:home")
    return redirect("account_login")


@member_required
def home(request: MemberRequest) -> HttpResponse:
    """A dashboard that starts from what this person can do."""
    actor = request.membership
    user = request.user
    programmes = Programme.objects.of(actor.organisation)
    context: dict[str, Any] = {
        "enrolling": programmes.enrolling().order_by("enrolment_closes_on", "name")[:6],
        "coordinated": (
            programmes if actor.role == Role.ORG_ADMIN else programmes.filter(coordinators=user)
        ).order_by("status", "name"),
        "sponsored": programmes.filter(sponsors=user).order_by("status", "name"),
        # What the person was asked to answer: session feedback and pulse checks.
        "feedback_pending": feedback_pending_count(actor),
    }
    if actor.role == Role.ORG_ADMIN:
        context["org_stats"] = _organisation_counters(actor.organisation, programmes)
    return render(request, "home/home.html", context)


def _organisation_counters(
    organisation: Organisation, programmes: ProgrammeQuerySet
) -> list[dict[str, Any]]:
    """The admin's figures at a glance, each label read with its number (plural forms)."""
    members = Membership.objects.active().of(organisation).count()
    invitations = Invitation.objects.pending().filter(organisation=organisation).count()
    # Without order_by() the model's default ordering (-created_at) joins the GROUP BY and
    # every programme becomes a group of its own: each status would count 1.
    by_status = {
        row["status"]: row["n"]
        for row in programmes.order_by().values("status").annotate(n=Count("pk", distinct=True))
    }
    programmes_url = reverse("programs:list")
    return [
        {
            "value": members,
            "label": ngettext("member", "members", members),
            "url": reverse("accounts:members"),
        },
        {
            "value": invitations,
            "label": ngettext("pending invitation", "pending invitations", invitations),
            "url": reverse("accounts:invitations"),
        },
        *(
            {
                "value": by_status.get(status, 0),
                "label": _programmes_in(status, by_status.get(status, 0)),
                "url": f"{programmes_url}?status={status}",
            }
            for status in Status
        ),
    ]


def _programmes_in(status: str, count: int) -> str:
    """“6 programmes enrolling”: the words that follow a count of programmes in a status."""
    labels = {
        Status.DRAFT: ngettext("draft programme", "draft programmes", count),
        Status.ENROLLING: ngettext("programme enrolling", "programmes enrolling", count),
        Status.MATCHING: ngettext("programme in matching", "programmes in matching", count),
        Status.RUNNING: ngettext("programme running", "programmes running", count),
        Status.CLOSING: ngettext("programme closing", "programmes closing", count),
        Status.CLOSED: ngettext("closed programme", "closed programmes", count),
    }
    return labels[Status(status)]
