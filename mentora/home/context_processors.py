"""Navigation shown in the layout, by role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.accounts.policy import can_manage_members, can_manage_organisation
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.mentorships.models import Participant
from mentora.profiles.policy import can_manage_skills
from mentora.programs.models import Status


def navigation(request: HttpRequest) -> dict[str, Any]:
    membership: Membership | None = getattr(request, "membership", None)
    if membership is None:
        return {"nav_items": [], "other_memberships": []}
    items = [
        (reverse("home:home"), _("Home")),
        (reverse("programs:list"), _("Programmes")),
        (reverse("learning:home"), _("Learning")),
    ]
    if Participant.objects.filter(membership=membership, left_at__isnull=True).exists():
        items.append((reverse("mentorships:mine"), _("My mentoring")))
    if Application.objects.filter(
        membership=membership,
        status=ApplicationStatus.APPROVED,
        programme__status__in=[Status.MATCHING, Status.RUNNING],
    ).exists():
        items.append((reverse("matching:mine"), _("My matches")))
    if can_manage_skills(membership):
        items.append((reverse("profiles:taxonomy"), _("Skills")))
    if can_manage_members(membership):
        items += [
            (reverse("accounts:members"), _("People")),
            (reverse("accounts:invitations"), _("Invitations")),
            (reverse("hr_import:list"), _("Import")),
            (reverse("accounts:audit_log"), _("Audit log")),
        ]
    if membership.is_org_admin:
        # Every programme side by side: org admins only (analytics.policy), never sponsors.
        items.append((reverse("analytics:overview"), _("Overview")))
    if can_manage_organisation(membership):
        items.append((reverse("accounts:organisation_settings"), _("Settings")))
    path = request.path
    nav = [
        {"url": url, "label": label, "active": path == url or (url != "/" and path.startswith(url))}
        for url, label in items
    ]
    others = (
        Membership.objects.active()
        .filter(user_id=membership.user_id)
        .exclude(pk=membership.pk)
        .select_related("organisation")
    )
    return {"nav_items": nav, "other_memberships": list(others)}
