"""Who is already taken in a programme: mentors' places used, matched and waiting mentees."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from django.db.models import Count

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.models import HOLDING_STATUSES, MentorRequest
from mentora.mentorships.models import Participant, ParticipantQuerySet
from mentora.programs.models import ParticipantRole, Programme


def places_used_by(
    programme: Programme, mentor_ids: Collection[int] | None = None
) -> dict[int, int]:
    """Places each mentor has taken in the programme, in two queries: the open relationships
    they mentor plus the requests that hold one of their places. None means every mentor."""
    relationships = Participant.objects.in_open_relationships(programme).filter(
        role=ParticipantRole.MENTOR
    )
    requests = MentorRequest.objects.filter(programme=programme, status__in=HOLDING_STATUSES)
    if mentor_ids is not None:
        relationships = relationships.filter(membership_id__in=mentor_ids)
        requests = requests.filter(mentor_id__in=mentor_ids)
    used: Counter[int] = Counter(
        dict(
            relationships.values("membership_id")
            .annotate(n=Count("mentorship_id", distinct=True))
            .values_list("membership_id", "n")
        )
    )
    used.update(requests.values_list("mentor_id", flat=True))
    return dict(used)


def places_used(programme: Programme, mentor: Membership) -> int:
    """Places this mentor has taken in the programme (see places_used_by)."""
    return places_used_by(programme, [mentor.pk]).get(mentor.pk, 0)


def _matched_mentees(programme: Programme) -> ParticipantQuerySet:
    # Mentees and peers taken: in an open relationship, or through one that ran its course
    # (they are not matched twice in a programme); mentors are counted by their places.
    return Participant.objects.done_in(programme).filter(
        role__in=[ParticipantRole.MENTEE, ParticipantRole.PEER]
    )


def matched_mentees(programme: Programme) -> set[int]:
    """Members taken in the programme as mentee or peer: in an open relationship, or one
    completed to its end."""
    return set(_matched_mentees(programme).values_list("membership_id", flat=True))


def waiting_count(programme: Programme) -> int:
    """Approved mentees (or peers) with no relationship nor open request: the next run
    matches them (first matching, or rematch after an early end or a decline). Someone whose
    relationship ran its course is done, not waiting."""
    holding = MentorRequest.objects.filter(programme=programme, status__in=HOLDING_STATUSES)
    return (
        Application.objects.filter(
            programme=programme,
            status=ApplicationStatus.APPROVED,
            role__in=[ParticipantRole.MENTEE, ParticipantRole.PEER],
        )
        .exclude(membership__in=_matched_mentees(programme).values("membership_id"))
        .exclude(membership__in=holding.values("mentee_id"))
        # Peers: a hybrid proposal holds both of them (a mentor is never counted here).
        .exclude(membership__in=holding.values("mentor_id"))
        .count()
    )


def approved_application(
    programme: Programme, membership: Membership, role: str, *, lock: bool = False
) -> Application | None:
    """The member's approved application in this role; `lock` holds the row until commit."""
    applications = Application.objects.filter(
        programme=programme, membership=membership, status=ApplicationStatus.APPROVED, role=role
    )
    if lock:
        # The mentor's application is the row that holds their capacity: locking it
        # serialises every request and answer that could take one of their places.
        applications = applications.select_for_update()
    return applications.first()
