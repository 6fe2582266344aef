"""Who may read what the analytics say (MEASURE.md, "Who sees what").

- Relationship health names the people of each pair: the programme's coordinators and the
  org admins read it and set the at-risk threshold; sponsors and members never do (403),
  people of another organisation do not see the programme at all (404).
- The dashboard's figures: coordinators and org admins read them all, sponsors k-anonymous
  (see `get_programme_dashboard`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from mentora.accounts.models import Membership, Organisation, Role
from mentora.programs.models import Programme
from mentora.programs.policy import (
    get_programme,
    get_programme_to_manage,
    is_programme_coordinator,
    is_programme_sponsor,
)


def get_programme_for_health(actor: Membership, pk: int) -> Programme:
    """A programme whose relationships' health the actor may read and whose at-risk threshold
    they may set; 404 from another organisation, 403 for sponsors and members."""
    return get_programme_to_manage(actor, pk)


def get_programme_dashboard(actor: Membership, pk: int) -> tuple[Programme, bool]:
    """A programme whose dashboard the actor may read, and whether they read it anonymised
    (k-anonymity, MEASURE.md): its coordinators and the org admins read every figure; its
    sponsors, and anyone holding the organisation's sponsor role, read the anonymised figures
    (a sponsor who also coordinates it reads it as a coordinator, unless sponsoring is their
    role in the organisation). 404 from another organisation, 403 for anyone else, as for the
    programme's own page."""
    programme = get_programme(actor, pk)
    if is_programme_coordinator(actor, programme) and actor.role != Role.SPONSOR:
        return programme, False
    if is_programme_sponsor(actor, programme) or is_programme_coordinator(actor, programme):
        return programme, True
    raise PermissionDenied


def get_organisation_for_overview(actor: Membership) -> Organisation:
    """The organisation whose overview the actor reads: every programme's figures side by
    side, for org admins only (403 for anyone else, sponsors included: the overview is not
    k-anonymous)."""
    if not actor.is_org_admin:
        raise PermissionDenied
    return actor.organisation


def get_programme_for_lessons(actor: Membership, pk: int) -> Programme:
    """A programme whose lessons learned the actor may write: its coordinators and the org
    admins (sponsors read them in the report only); 404 from another organisation, 403 for
    anyone else."""
    return get_programme_to_manage(actor, pk)


def get_programme_report(actor: Membership, pk: int) -> tuple[Programme, bool]:
    """A programme whose retrospective report the actor may download, and whether its figures
    are anonymised: the same readers, and the same k-anonymity, as its dashboard."""
    return get_programme_dashboard(actor, pk)
