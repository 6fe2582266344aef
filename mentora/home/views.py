from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import Invitation, Membership, Role
from mentora.programs.models import Programme, Status


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
    }
    if actor.role == Role.ORG_ADMIN:
        context["org_stats"] = {
            "members": Membership.objects.active().of(actor.organisation).count(),
            "pending_invitations": Invitation.objects.pending()
            .filter(organisation=actor.organisation)
            .count(),
            "by_status": {
                row["status"]: row["n"]
                for row in programmes.values("status").annotate(n=Count("pk", distinct=True))
            },
        }
        context["statuses"] = Status.choices
    return render(request, "home/home.html", context)
