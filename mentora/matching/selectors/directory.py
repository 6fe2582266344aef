"""The directory of an informal programme: who a participant may pair with, and proposals.

In an informal programme approved participants also find a partner themselves: mentors for
a mentee, mentees for a mentor, other peers for a peer. A directory page costs a fixed
number of queries whatever the programme's size (the rows it reads grow with it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership, MembershipQuerySet
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.loader import MAX_CHAIN, open_groups
from mentora.matching.models import PairingProposal, PairingStatus, PairRule, PairRuleKind
from mentora.matching.selectors.places import places_used_by
from mentora.mentorships.models import Participant
from mentora.mentorships.selectors import eligible_members
from mentora.profiles.models import ProfileSkill, Skill, SkillDirection
from mentora.profiles.selectors import language_name
from mentora.programs.models import Format, ParticipantRole, Programme, Status

# From enrolment to the end of the running stage people can still pair up; a closing or
# closed programme starts no relationship.
DIRECTORY_STATUSES = (Status.ENROLLING, Status.MATCHING, Status.RUNNING)
PARTNER_ROLE = {
    ParticipantRole.MENTEE: ParticipantRole.MENTOR,
    ParticipantRole.MENTOR: ParticipantRole.MENTEE,
    ParticipantRole.PEER: ParticipantRole.PEER,
}
# Proposals one person may have waiting at once in a programme: enough to ask a few people,
# too few to ask everyone and leave them all waiting.
MAX_PENDING = 5
# How long the answers to one's proposals stay on the home page.
RECENT_DAYS = 14
# Words of a search that count (the rest is ignored).
MAX_SEARCH_WORDS = 5


def directory_is_open(programme: Programme) -> bool:
    """Informal programmes offer their directory while people can still pair up."""
    return not programme.is_formal and programme.status in DIRECTORY_STATUSES


@dataclass(frozen=True)
class Seeker:
    """A participant looking for a partner: their role and how many partners they can still
    take (a mentor's free places; 1 or 0 for mentees and peers)."""

    membership: Membership
    role: str
    places: int

    @property
    def partner_role(self) -> str:
        return PARTNER_ROLE[ParticipantRole(self.role)]

    @property
    def is_free(self) -> bool:
        return self.places > 0


def approved_role(programme: Programme, membership: Membership) -> str | None:
    """The role of the member's approved application to the programme, if any."""
    return (
        Application.objects.filter(
            programme=programme, membership=membership, status=ApplicationStatus.APPROVED
        )
        .values_list("role", flat=True)
        .first()
    )


def seeker(programme: Programme, membership: Membership) -> Seeker | None:
    """The member as a participant looking for a partner; None unless approved."""
    role = approved_role(programme, membership)
    if role is None:
        return None
    return Seeker(membership, role, free_places(programme, role, membership.pk))


def free_places(programme: Programme, role: str, membership_id: int) -> int:
    """How many partners this participant can still take in the programme."""
    if role == ParticipantRole.MENTOR:
        return mentor_places(programme, [membership_id]).get(membership_id, 0)
    # As the matching counts them: a mentee or a peer is taken by an open relationship, or
    # by one that ran its course (nobody is paired twice in a programme).
    taken = Participant.objects.done_in(programme).filter(membership_id=membership_id)
    return 0 if taken.exists() else 1


def mentor_places(programme: Programme, mentor_ids: Sequence[int] | None = None) -> dict[int, int]:
    """Free places of the programme's approved mentors (all of them, or those given), as
    matching counts them: open relationships and held requests against the capacity; in a
    group programme, the free seats of the mentor's open group."""
    applications = Application.objects.filter(
        programme=programme, status=ApplicationStatus.APPROVED, role=ParticipantRole.MENTOR
    )
    if mentor_ids is not None:
        applications = applications.filter(membership_id__in=mentor_ids)
    capacity = {
        pk: own or programme.default_mentor_capacity
        for pk, own in applications.values_list("membership_id", "capacity")
    }
    ids = list(capacity) if mentor_ids is not None else None
    if programme.format != Format.GROUP:
        used = places_used_by(programme, ids)
        return {pk: max(0, n - used.get(pk, 0)) for pk, n in capacity.items()}
    # As the matching does: a mentor leads one group at a time; one who leads only a
    # closing group takes nobody new.
    groups = open_groups(programme, ids)
    leading = Participant.objects.in_open_relationships(programme).filter(
        role=ParticipantRole.MENTOR
    )
    if ids is not None:
        leading = leading.filter(membership_id__in=ids)
    leaders = set(leading.values_list("membership_id", flat=True))
    free = {}
    for pk, n in capacity.items():
        seats = programme.group_size or n
        if pk in groups:
            seats -= groups[pk][1]
        elif pk in leaders:
            seats = 0
        free[pk] = max(0, seats)
    return free


def reporting_line(programme: Programme, membership: Membership) -> set[int]:
    """The member's managers up the chain and everyone they manage, directly or not: in
    one query over the reporting lines of the programme's organisations."""
    organisations = [
        programme.organisation_id,
        *programme.partner_organisations.values_list("pk", flat=True),
    ]
    manager_of = dict(
        Membership.objects.filter(organisation_id__in=organisations)
        .exclude(manager__isnull=True)
        .values_list("pk", "manager_id")
    )

    line: set[int] = set()
    current = manager_of.get(membership.pk)
    while current is not None and current not in line and len(line) < MAX_CHAIN:
        line.add(current)
        current = manager_of.get(current)
    reports: dict[int, list[int]] = defaultdict(list)
    for pk, manager_id in manager_of.items():
        reports[manager_id].append(pk)
    below = list(reports.get(membership.pk, ()))
    while below:
        pk = below.pop()
        if pk not in line and pk != membership.pk:
            line.add(pk)
            below.extend(reports.get(pk, ()))
    return line


def excluded_partners(
    programme: Programme, membership: Membership, *, asking: bool = True
) -> set[int]:
    """People this member may not pair with in the programme, whatever the directory shows;
    `asking`: nor ask again, having been declined by them."""
    out: set[int] = set()
    # Pairs the coordinators forbade, or that a mentor declined in a matching, either way.
    for mentee_id, mentor_id in PairRule.objects.filter(
        Q(mentee=membership) | Q(mentor=membership),
        programme=programme,
        kind=PairRuleKind.FORBID,
    ).values_list("mentee_id", "mentor_id"):
        out |= {mentee_id, mentor_id}
    # People either of the two said they would rather not be paired with.
    approved = Application.objects.filter(programme=programme, status=ApplicationStatus.APPROVED)
    out |= set(
        approved.filter(membership=membership)
        .exclude(avoided_people=None)
        .values_list("avoided_people", flat=True)
    )
    out |= set(approved.filter(avoided_people=membership).values_list("membership_id", flat=True))
    # Someone who declined this member's proposal is not asked again (they may still
    # propose themselves, and be accepted).
    if asking:
        out |= set(
            PairingProposal.objects.filter(
                programme=programme, proposer=membership, status=PairingStatus.DECLINED
            ).values_list("recipient_id", flat=True)
        )
    # Not one's own manager, nor someone one manages: mentoring needs a safe distance.
    out |= reporting_line(programme, membership)
    out.discard(membership.pk)
    return out


def _matches(word: str) -> Q:
    """A person whose name, job title, department or skills (in any language) hold `word`."""
    skilled = ProfileSkill.objects.filter(skill__in=Skill.objects.search(word)).values(
        "profile__membership_id"
    )
    return (
        Q(user__first_name__icontains=word)
        | Q(user__last_name__icontains=word)
        | Q(job_title__icontains=word)
        | Q(department__name__icontains=word)
        | Q(pk__in=skilled)
    )


def directory(programme: Programme, seeker: Seeker, query: str = "") -> MembershipQuerySet:
    """The programme's approved participants the seeker could pair with, by last name: the
    partner role only, nobody already paired in the programme (mentors: nobody without a
    free place), nobody the programme's rules keep apart from the seeker."""
    approved = Application.objects.filter(
        programme=programme, status=ApplicationStatus.APPROVED, role=seeker.partner_role
    )
    people = (
        eligible_members(programme)
        .filter(pk__in=approved.values("membership_id"))
        .exclude(pk=seeker.membership.pk)
    )
    if seeker.partner_role == ParticipantRole.MENTOR:
        full = [pk for pk, n in mentor_places(programme).items() if n <= 0]
        people = people.exclude(pk__in=full)
    else:
        people = people.exclude(
            pk__in=Participant.objects.done_in(programme).values("membership_id")
        )
    people = people.exclude(pk__in=excluded_partners(programme, seeker.membership))
    for word in query.split()[:MAX_SEARCH_WORDS]:
        people = people.filter(_matches(word))
    return people.select_related("user", "department", "profile").order_by(
        "user__last_name", "user__first_name", "pk"
    )


@dataclass
class Card:
    """One person of the directory as the seeker reads them: a short profile, the places a
    mentor has left, and any proposal waiting between the two."""

    membership: Membership
    bio: str = ""
    offered: list[str] = field(default_factory=list)
    sought: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    availability: list[str] = field(default_factory=list)
    places: int | None = None
    sent: PairingProposal | None = None
    received: PairingProposal | None = None


def directory_cards(
    programme: Programme, seeker: Seeker, people: Sequence[Membership]
) -> list[Card]:
    """Cards of one page of the directory, in three queries."""
    ids = [person.pk for person in people]
    cards = {person.pk: Card(membership=person) for person in people}
    for person in people:
        profile = getattr(person, "profile", None)
        if profile is not None:
            card = cards[person.pk]
            card.bio = profile.bio
            card.languages = [
                language_name(item["code"]) for item in profile.languages or [] if "code" in item
            ]
            card.availability = list(profile.availability or [])
    links = (
        ProfileSkill.objects.filter(profile__membership_id__in=ids)
        .select_related("skill", "profile")
        .order_by("-level", "skill__name")
    )
    for link in links:
        card = cards[link.profile.membership_id]
        names = card.offered if link.direction == SkillDirection.OFFERED else card.sought
        names.append(link.skill.display_name)
    if seeker.partner_role == ParticipantRole.MENTOR:
        for pk, n in mentor_places(programme, ids).items():
            cards[pk].places = n
    for proposal in PairingProposal.objects.filter(
        Q(proposer=seeker.membership, recipient_id__in=ids)
        | Q(recipient=seeker.membership, proposer_id__in=ids),
        programme=programme,
        status=PairingStatus.PENDING,
    ):
        if proposal.proposer_id == seeker.membership.pk:
            cards[proposal.recipient_id].sent = proposal
        else:
            cards[proposal.proposer_id].received = proposal
    return [cards[pk] for pk in ids]


# Proposals ------------------------------------------------------------------------------------


def _proposals() -> QuerySet[PairingProposal]:
    return PairingProposal.objects.select_related(
        "programme", "proposer__user", "proposer__department", "recipient__user", "mentorship"
    )


@dataclass(frozen=True)
class MyPairings:
    """A member's proposals: to answer, waiting for the other's answer, answered lately."""

    received: list[PairingProposal]
    sent: list[PairingProposal]
    answered: list[PairingProposal]

    def __bool__(self) -> bool:
        return bool(self.received or self.sent or self.answered)


def my_pairings(membership: Membership, programme: Programme | None = None) -> MyPairings:
    """The member's pending proposals, made and received, and the answers to the ones they
    made in the last days (in one programme, or all of them); three queries."""
    found = _proposals()
    if programme is not None:
        found = found.filter(programme=programme)
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    return MyPairings(
        received=list(
            found.filter(recipient=membership, status=PairingStatus.PENDING).order_by(
                "created_at", "pk"
            )[:20]
        ),
        sent=list(found.filter(proposer=membership, status=PairingStatus.PENDING)[:20]),
        answered=list(
            found.filter(proposer=membership, answered_at__gte=since)
            .exclude(status__in=[PairingStatus.PENDING, PairingStatus.WITHDRAWN])
            .order_by("-answered_at", "-pk")[:20]
        ),
    )


def pending_count(programme: Programme, membership: Membership) -> int:
    """Proposals the member made in the programme that still wait for an answer."""
    return PairingProposal.objects.filter(
        programme=programme, proposer=membership, status=PairingStatus.PENDING
    ).count()


def programme_pairings(programme: Programme) -> QuerySet[PairingProposal]:
    """Every proposal of the programme, latest first, for its coordinators (never the
    message, which is for the person it was written to)."""
    return (
        PairingProposal.objects.filter(programme=programme)
        .select_related("proposer__user", "recipient__user", "mentorship")
        .defer("message")
        .order_by("-created_at", "-pk")
    )


def pairing_counts(programme: Programme) -> dict[str, int]:
    """How many of the programme's proposals are in each status."""
    counts = {status: 0 for status in PairingStatus.values}
    counts.update(
        PairingProposal.objects.filter(programme=programme)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return counts


def unavailable_reason(seeker: Seeker) -> str:
    """Why the seeker cannot propose right now ("" when they can)."""
    if seeker.is_free:
        return ""
    if seeker.role == ParticipantRole.MENTOR:
        return _("You have no place left in this programme.")
    return _("You have already been paired in this programme.")
