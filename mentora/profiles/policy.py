"""Who may see profiles and manage the skills taxonomy.

A profile is seen by its owner, and by the coordinators and org admins of the same
organisation (they review applications and match people). Other members and sponsors
never see an individual's profile: sponsors get aggregates only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentora.accounts.models import Membership
from mentora.profiles.models import ProfileSkill, Skill


def can_view_profile(actor: Membership | None, membership: Membership | None) -> bool:
    if actor is None or membership is None:
        return False
    if actor.organisation_id != membership.organisation_id:
        return False
    return actor.pk == membership.pk or actor.can_run_programmes


def can_manage_skills(actor: Membership | None) -> bool:
    """Coordinators and org admins curate the organisation's skills taxonomy."""
    return actor is not None and actor.can_run_programmes


def can_edit_work_record(membership: Membership) -> bool:
    """HR-managed people (with an employee id) get their job details from the HR import."""
    return not membership.employee_id


def get_viewable_membership(actor: Membership, pk: int) -> Membership:
    """A member of the actor's organisation whose profile the actor may read, else 404/403."""
    membership = (
        Membership.objects.filter(pk=pk, organisation_id=actor.organisation_id)
        .select_related("user", "department", "site", "manager__user", "organisation")
        .first()
    )
    if membership is None:
        raise Http404
    if not can_view_profile(actor, membership):
        raise PermissionDenied
    return membership


def get_skill_to_manage(actor: Membership, pk: int) -> Skill:
    if not can_manage_skills(actor):
        raise PermissionDenied
    skill = Skill.objects.filter(pk=pk, organisation_id=actor.organisation_id).first()
    if skill is None:
        raise Http404
    return skill


def get_own_profile_skill(actor: Membership, pk: int) -> ProfileSkill:
    """One skill line of the actor's own profile."""
    link = (
        ProfileSkill.objects.filter(pk=pk, profile__membership=actor)
        .select_related("skill", "profile")
        .first()
    )
    if link is None:
        raise Http404
    return link
