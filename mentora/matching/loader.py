"""Load a programme's approved applications and profiles into engine participants.

A fixed number of queries whatever the programme's size: applications, profiles, skills,
preferences, the organisation's reporting lines, current relationships, open requests,
pair rules and (when the programme requires it) training progress.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db.models import Count

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application, ApplicationStatus
from mentora.matching.engine import Instance, Participant, Rules, SkillNeed, Weights
from mentora.matching.models import HOLDING_STATUSES, MentorRequest, PairRule, PairRuleKind
from mentora.matching.selectors.places import places_used_by
from mentora.mentorships.models import Participant as RelationshipMember
from mentora.mentorships.models import Stage
from mentora.profiles.models import Profile, ProfileSkill, SkillDirection, SkillPriority
from mentora.programs.models import Format, Kind, ParticipantRole, Programme

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("am", "pm", "ev")
# Reporting chains are walked at most this far up (and stop on a cycle).
MAX_CHAIN = 30


@dataclass
class Loaded:
    """What a run needs: the engine instance and who was left out before matching, and why."""

    instance: Instance
    # (membership id, role, reason key) for approved people the engine does not see.
    excluded: list[tuple[int, str, str]] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)


def slot_index(code: str) -> int | None:
    """'tue_pm' -> 4 (day x 3 + part); slots are the person's local half-days."""
    day, _sep, part = code.partition("_")
    if day not in DAYS or part not in PARTS:
        return None
    return DAYS.index(day) * 3 + PARTS.index(part)


@lru_cache(maxsize=256)
def tz_offset_hours(name: str) -> float:
    try:
        offset = datetime.now(UTC).astimezone(ZoneInfo(name)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return 0.0
    return offset.total_seconds() / 3600 if offset else 0.0


def engine_kind(programme: Programme) -> Kind:
    """The kind of matching the programme needs: peer, group, reverse or traditional."""
    if programme.kind == Kind.PEER:
        return Kind.PEER
    if programme.kind == Kind.GROUP or programme.format == Format.GROUP:
        return Kind.GROUP
    if programme.kind == Kind.REVERSE:
        return Kind.REVERSE
    return Kind.TRADITIONAL


def rules_from(parameters: dict) -> Rules:
    """Engine rules from a run's stored parameters."""
    weights = Weights(**{k: float(v) for k, v in parameters.get("weights", {}).items()})
    min_score = parameters.get("min_score")
    return Rules(
        kind=parameters.get("kind", Kind.TRADITIONAL),
        seniority_gap=int(parameters.get("seniority_gap", 1)),
        department=parameters.get("department", "prefer_other"),
        language_required=bool(parameters.get("language_required", True)),
        inter_company=bool(parameters.get("inter_company", False)),
        min_score=None if min_score in (None, "") else float(min_score),
        objective=parameters.get("objective", "matched_then_score"),
        weights=weights,
    )


def _chains(organisation_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Every member's reporting chain (manager first), from one query."""
    manager_of = dict(
        Membership.objects.filter(organisation_id__in=organisation_ids)
        .exclude(manager__isnull=True)
        .values_list("pk", "manager_id")
    )
    chains: dict[int, tuple[str, ...]] = {}

    def chain(pk: int) -> tuple[str, ...]:
        if pk in chains:
            return chains[pk]
        out: list[str] = []
        seen = {pk}
        current = manager_of.get(pk)
        while current is not None and current not in seen and len(out) < MAX_CHAIN:
            out.append(str(current))
            seen.add(current)
            current = manager_of.get(current)
        chains[pk] = tuple(out)
        return chains[pk]

    return {pk: chain(pk) for pk in manager_of}


def open_groups(
    programme: Programme, mentor_ids: list[int] | None = None
) -> dict[int, tuple[int, int]]:
    """Per group mentor, the open group that takes new mentees: (mentorship id, mentees).

    Open: neither closed nor closing, with the mentor still in it. A mentor with several
    (a second group opened by hand) fills the one with the fewest mentees first.
    """
    leads = (
        RelationshipMember.objects.in_open_relationships(programme)
        .filter(role=ParticipantRole.MENTOR)
        .exclude(mentorship__stage=Stage.CLOSURE)
    )
    if mentor_ids is not None:
        leads = leads.filter(membership_id__in=mentor_ids)
    pairs = list(leads.values_list("membership_id", "mentorship_id"))
    sizes = dict(
        RelationshipMember.objects.filter(
            mentorship_id__in={m for _p, m in pairs},
            role=ParticipantRole.MENTEE,
            left_at__isnull=True,
        )
        .values("mentorship_id")
        .annotate(n=Count("pk"))
        .values_list("mentorship_id", "n")
    )
    chosen: dict[int, tuple[int, int]] = {}
    for mentor_id, mentorship_id in sorted(pairs):
        size = sizes.get(mentorship_id, 0)
        if mentor_id not in chosen or size < chosen[mentor_id][1]:
            chosen[mentor_id] = (mentorship_id, size)
    return chosen


def load_programme(
    programme: Programme, parameters: dict, *, only: set[int] | None = None
) -> Loaded:
    """The programme's approved people still to be matched, as engine participants.

    People already in an open relationship of the programme (or holding a request) are
    left out; mentors count their current relationships and held places against their
    capacity. That is also how a rematch after a no-fault exit or a decline works: the
    freed people are simply free again at the next run. `only` restricts to given members.

    In a group programme a mentor whose open group has k of its N mentees takes part
    with the N - k free seats (a full group's mentor is left out), and publication adds
    whoever takes a seat to that group. Such a seat is scored on the pair with the mentor
    only: the cohesion with the group's current members is not counted, as they are not
    part of the run. Nobody who already left that group is seated in it again.
    """
    kind = parameters.get("kind") or engine_kind(programme)
    approved = Application.objects.filter(programme=programme, status=ApplicationStatus.APPROVED)
    applications = list(
        # The programme comes along: a mentor's capacity defaults to the programme's.
        approved.select_related("membership", "programme").only(
            "pk",
            "role",
            "goals",
            "capacity",
            "language",
            "programme__default_mentor_capacity",
            "membership__id",
            "membership__organisation_id",
            "membership__department_id",
            "membership__seniority_level",
            "membership__manager_id",
            "membership__left_on",
        )
    )
    member_ids = approved.values("membership_id")
    profiles = {
        row["membership_id"]: row
        for row in Profile.objects.filter(membership_id__in=member_ids).values(
            "pk",
            "membership_id",
            "career_goals",
            "years_of_experience",
            "time_zone",
            "languages",
            "availability",
        )
    }
    skills: dict[int, list[tuple[str, str, int, str]]] = defaultdict(list)
    for profile_id, name, direction, level, priority in ProfileSkill.objects.filter(
        profile__membership_id__in=member_ids
    ).values_list("profile_id", "skill__name", "direction", "level", "priority"):
        skills[profile_id].append((name, direction, level, priority))
    preferred: dict[int, list[str]] = defaultdict(list)
    for app_id, pk in Application.preferred_people.through.objects.filter(
        application__in=approved
    ).values_list("application_id", "membership_id"):
        preferred[app_id].append(str(pk))
    avoided: dict[int, list[str]] = defaultdict(list)
    for app_id, pk in Application.avoided_people.through.objects.filter(
        application__in=approved
    ).values_list("application_id", "membership_id"):
        avoided[app_id].append(str(pk))
    organisations = [
        programme.organisation_id,
        *programme.partner_organisations.values_list("pk", flat=True),
    ]
    chains = _chains(organisations)
    # (membership id, role) of everyone in an open relationship of the programme, or in one
    # that ran its course: a run never pairs them again.
    taking_part = set(
        RelationshipMember.objects.done_in(programme)
        .order_by()
        .values_list("membership_id", "role")
        .distinct()
    )
    holding = MentorRequest.objects.filter(programme=programme, status__in=HOLDING_STATUSES)
    requesting = set(holding.values_list("mentee_id", flat=True))
    if kind == Kind.PEER:
        # A hybrid proposal to two peers holds both of them until they answer.
        requesting |= set(holding.values_list("mentor_id", flat=True))
    places = places_used_by(programme)
    gate = _training_gate(programme, approved) if only is None else None
    groups: dict[int, tuple[int, int]] = {}
    left_group: list[tuple[str, str]] = []
    leading: set[int] = set()
    if kind == Kind.GROUP:
        groups = open_groups(programme)
        leading = set(
            RelationshipMember.objects.in_open_relationships(programme)
            .filter(role=ParticipantRole.MENTOR)
            .values_list("membership_id", flat=True)
        )
        mentor_of_group = {mentorship_id: pk for pk, (mentorship_id, _k) in groups.items()}
        for mentee_id, mentorship_id in RelationshipMember.objects.filter(
            mentorship_id__in=list(mentor_of_group),
            role=ParticipantRole.MENTEE,
            left_at__isnull=False,
        ).values_list("membership_id", "mentorship_id"):
            left_group.append((str(mentee_id), str(mentor_of_group[mentorship_id])))

    default_language = programme.organisation.default_language
    loaded = Loaded(instance=Instance(mentees=()))
    mentees: list[Participant] = []
    mentors: list[Participant] = []
    for application in applications:
        membership = application.membership
        pk = membership.pk
        role = application.role
        loaded.roles[pk] = role
        if only is not None and pk not in only:
            continue
        if membership.has_left:
            loaded.excluded.append((pk, role, "left_organisation"))
            continue
        # Scoring chosen people (`only`) keeps everyone; a run skips those already matched.
        skip = only is None
        matched = (pk, role) in taking_part or pk in requesting
        if skip and role in (ParticipantRole.MENTEE, ParticipantRole.PEER) and matched:
            continue  # already matched: not a candidate, not "unmatched" either
        capacity = 1
        if role == ParticipantRole.MENTOR:
            if kind == Kind.GROUP:
                capacity = programme.group_size or application.effective_capacity
                if pk in groups:
                    capacity -= groups[pk][1]  # the free seats of their open group
                leads = pk in leading
                if skip and (capacity <= 0 or (leads and pk not in groups)):
                    continue  # a full group, or only a closing one
            else:
                capacity = application.effective_capacity - places.get(pk, 0)
                if skip and capacity <= 0:
                    continue
        if skip and gate is not None and not gate.get(pk, True):
            loaded.excluded.append((pk, role, "training_incomplete"))
            continue
        profile: dict[str, Any] = profiles.get(pk) or {}  # type: ignore[assignment]
        languages = tuple(
            item.get("code") for item in profile.get("languages") or [] if item.get("code")
        ) or (application.language or default_language,)
        links = skills.get(profile["pk"], []) if profile else []
        participant = Participant(
            id=str(pk),
            role=role,  # type: ignore[arg-type]  # an application's role is one of the three
            level=membership.seniority_level or 1,
            years_experience=float(profile.get("years_of_experience") or 0),
            department=str(membership.department_id or ""),
            organisation=str(membership.organisation_id),
            manager_chain=chains.get(pk, ()),
            languages=languages,
            tz_offset_hours=tz_offset_hours(profile.get("time_zone") or "Europe/Paris"),
            availability=frozenset(
                i
                for i in (slot_index(code) for code in profile.get("availability") or [])
                if i is not None
            ),
            skills_offered=tuple(
                (name, level)
                for name, direction, level, _p in links
                if direction == SkillDirection.OFFERED
            ),
            skills_sought=tuple(
                SkillNeed(name, level, 2 if priority == SkillPriority.MUST_HAVE else 1)
                for name, direction, level, priority in links
                if direction == SkillDirection.SOUGHT
            ),
            goals=" ".join(filter(None, [application.goals, profile.get("career_goals")])),
            preferred=tuple(preferred.get(application.pk, ())),
            avoided=tuple(avoided.get(application.pk, ())),
            capacity=capacity,
        )
        (mentors if role == ParticipantRole.MENTOR else mentees).append(participant)

    rules = PairRule.objects.filter(programme=programme).values_list(
        "mentee_id", "mentor_id", "kind"
    )
    locks = tuple((str(a), str(b)) for a, b, k in rules if k == PairRuleKind.LOCK)
    forbidden = tuple((str(a), str(b)) for a, b, k in rules if k == PairRuleKind.FORBID)
    forbidden += tuple(left_group)
    if kind == Kind.PEER:
        forbidden += tuple((b, a) for a, b in forbidden)
    loaded.instance = Instance(
        mentees=tuple(mentees),
        mentors=tuple(mentors),
        rules=rules_from({**parameters, "kind": kind}),
        locks=locks,
        declined=forbidden,
        seed=int(parameters.get("seed", 0)),
    )
    return loaded


def _training_gate(programme: Programme, approved) -> dict[int, bool] | None:  # noqa: ANN001
    """Whether each approved person finished the training the programme requires."""
    try:
        from mentora.enrolment.training import required_steps, training_status
    except ImportError:  # the learning app is optional for matching
        return None
    if not required_steps(programme).exists():
        return None
    members = Membership.objects.filter(pk__in=approved.values("membership_id"))
    return {pk: status.complete for pk, status in training_status(programme, members).items()}
