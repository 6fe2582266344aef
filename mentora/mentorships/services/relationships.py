"""Starting relationships: one by hand, many at a matching's publication, newcomers to a group."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from mentora.accounts.models import AuditEntry, Membership, User
from mentora.accounts.services import record_audit
from mentora.mentorships.content import default_agreement
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import (
    Agreement,
    AgreementRevision,
    Mentorship,
    Participant,
)
from mentora.mentorships.selectors import agreement_template, eligible_members
from mentora.mentorships.services.agreement import open_new_version
from mentora.mentorships.services.stages import require_open
from mentora.programs.models import Format, ParticipantRole, Programme


@dataclass(frozen=True)
class NewRelationship:
    """The people of one relationship to create: mentors and mentees, or peers."""

    mentors: Sequence[Membership] = ()
    mentees: Sequence[Membership] = ()
    peers: Sequence[Membership] = ()

    @property
    def people(self) -> list[Membership]:
        return [*self.mentors, *self.mentees, *self.peers]


# Rows written per INSERT, and people checked per eligibility query: bounded whatever the
# size of the organisation or of the publication.
BULK_BATCH = 500


def _check_shape(programme: Programme, relationship: NewRelationship) -> None:
    """The rules of the programme's format for one relationship."""
    mentors, mentees, peers = relationship.mentors, relationship.mentees, relationship.peers
    people = relationship.people
    if len({m.pk for m in people}) != len(people):
        raise MentorshipError(_("A person can only appear once in a relationship."))
    if peers and (mentors or mentees):
        raise MentorshipError(_("A peer relationship has peers only."))
    if peers and len(peers) < 2:
        raise MentorshipError(_("A peer relationship needs at least two people."))
    if not peers and (not mentors or not mentees):
        raise MentorshipError(_("Choose at least one mentor and one mentee."))
    if programme.format == Format.ONE_TO_ONE and (
        len(people) != 2 or (not peers and (len(mentors) != 1 or len(mentees) != 1))
    ):
        raise MentorshipError(_("A one-to-one programme pairs exactly two people."))


def _check_eligible(programme: Programme, people_ids: set[int]) -> None:
    """Everyone is an active member of the organisation or a partner: only these people are
    read, a slice at a time, never the whole organisation."""
    eligible = eligible_members(programme)
    ids = sorted(people_ids)
    for k in range(0, len(ids), BULK_BATCH):
        chunk = ids[k : k + BULK_BATCH]
        if eligible.filter(pk__in=chunk).count() != len(chunk):
            raise MentorshipError(
                _("Everyone must be an active member of the programme's organisation.")
            )


def _agreement_drafts(
    programme: Programme, relationships: Sequence[NewRelationship]
) -> list[dict[str, str]]:
    """Each relationship's first agreement: the programme's own template as written, else the
    default draft in the language of the people it is for (its mentees, or its peers); when
    they do not share one, the organisation's language."""
    template = agreement_template(programme)
    if template is not None:
        content = template.content()
        return [content for _ in relationships]
    readers = [r.mentees or r.peers for r in relationships]
    ids = sorted({m.pk for people in readers for m in people})
    language_of: dict[int, str] = {}
    for k in range(0, len(ids), BULK_BATCH):
        rows = Membership.objects.filter(pk__in=ids[k : k + BULK_BATCH]).values_list(
            "pk", "user__language", "organisation__default_language"
        )
        language_of.update({pk: own or default for pk, own, default in rows})
    drafts: dict[str, dict[str, str]] = {}
    contents = []
    for people in readers:
        languages = {language_of[m.pk] for m in people}
        language = (
            languages.pop() if len(languages) == 1 else programme.organisation.default_language
        )
        if language not in drafts:
            drafts[language] = default_agreement(programme, language)
        contents.append(drafts[language])
    return contents


@transaction.atomic
def create_mentorships(
    *,
    programme: Programme,
    relationships: Sequence[NewRelationship],
    created_by: User | None = None,
) -> list[Mentorship]:
    """Start many relationships of a programme at once (a matching's publication), each with
    its agreement drafted; all or none. Returns them in the order given.

    The same rules as `create_mentorship`, checked for every relationship before any is
    written; rows are inserted in batches, so the number of queries does not grow with the
    number of relationships.
    """
    for relationship in relationships:
        _check_shape(programme, relationship)
    _check_eligible(programme, {m.pk for r in relationships for m in r.people})
    if not relationships:
        return []

    mentorships = [Mentorship(programme=programme, created_by=created_by) for _ in relationships]
    # SQLite and PostgreSQL both return the new ids from a bulk INSERT.
    Mentorship.objects.bulk_create(mentorships, batch_size=BULK_BATCH)
    Participant.objects.bulk_create(
        [
            Participant(mentorship=mentorship, membership=person, role=role)
            for mentorship, relationship in zip(mentorships, relationships, strict=True)
            for people, role in (
                (relationship.mentors, ParticipantRole.MENTOR),
                (relationship.mentees, ParticipantRole.MENTEE),
                (relationship.peers, ParticipantRole.PEER),
            )
            for person in people
        ],
        batch_size=BULK_BATCH,
    )
    contents = _agreement_drafts(programme, relationships)
    agreements = [
        Agreement(mentorship=mentorship, updated_by=created_by, **content)
        for mentorship, content in zip(mentorships, contents, strict=True)
    ]
    Agreement.objects.bulk_create(agreements, batch_size=BULK_BATCH)
    AgreementRevision.objects.bulk_create(
        [
            AgreementRevision(agreement=agreement, version=1, content=content, edited_by=created_by)
            for agreement, content in zip(agreements, contents, strict=True)
        ],
        batch_size=BULK_BATCH,
    )
    if created_by is not None:
        # One audit entry per relationship, as when a coordinator pairs people by hand.
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    organisation_id=programme.organisation_id,
                    actor=created_by,
                    action="mentorship.create",
                    target=str(mentorship)[:200],
                    details={"programme": programme.pk, "people": [m.pk for m in r.people]},
                )
                for mentorship, r in zip(mentorships, relationships, strict=True)
            ],
            batch_size=BULK_BATCH,
        )
    return mentorships


@transaction.atomic
def create_mentorship(
    *,
    programme: Programme,
    mentors: Iterable[Membership] = (),
    mentees: Iterable[Membership] = (),
    peers: Iterable[Membership] = (),
    created_by: User | None = None,
) -> Mentorship:
    """Start a relationship (by hand or from matching) with its agreement drafted.

    One-to-one programmes pair one mentor with one mentee, or two peers; group programmes
    take one or more mentors and several mentees (or a group of peers mentoring itself).
    """
    relationship = NewRelationship(mentors=list(mentors), mentees=list(mentees), peers=list(peers))
    [mentorship] = create_mentorships(
        programme=programme, relationships=[relationship], created_by=created_by
    )
    return mentorship


@transaction.atomic
def add_group_mentees(
    *, mentorship: Mentorship, mentees: Sequence[Membership], added_by: User | None = None
) -> list[Participant]:
    """Seat more mentees in an open group (a rematch into a free seat after an exit).

    The agreement opens a new version, as a change after signing does: the whole group,
    newcomers included, signs it again. Someone who already took part in the group (and
    left it) cannot join it again.
    """
    mentorship = (
        Mentorship.objects.select_for_update().select_related("programme").get(pk=mentorship.pk)
    )
    require_open(mentorship)
    programme = mentorship.programme
    if programme.format != Format.GROUP:
        raise MentorshipError(
            _("A group relationship gathers one or more mentors and several mentees.")
        )
    ids = {m.pk for m in mentees}
    if not ids:
        return []
    if len(ids) != len(mentees) or mentorship.participants.filter(membership_id__in=ids).exists():
        raise MentorshipError(_("A person can only appear once in a relationship."))
    _check_eligible(programme, ids)
    added = Participant.objects.bulk_create(
        [
            Participant(mentorship=mentorship, membership=person, role=ParticipantRole.MENTEE)
            for person in mentees
        ]
    )
    open_new_version(Agreement.objects.select_for_update().get(mentorship=mentorship), added_by)
    record_audit(
        organisation=programme.organisation,
        actor=added_by,
        action="mentorship.add_mentees",
        target=mentorship,
        programme=programme.pk,
        people=sorted(ids),
    )
    return added
