"""The mentoring agreement: programme drafts, edits that open a new version, signatures."""

from __future__ import annotations

from typing import TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from mentora.accounts.models import User
from mentora.accounts.services import record_audit
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import (
    Agreement,
    AgreementRevision,
    AgreementSignature,
    AgreementTemplate,
    Participant,
    Stage,
)
from mentora.mentorships.rules import check_lengths
from mentora.mentorships.selectors import agreement_is_signed
from mentora.mentorships.services.stages import refresh_stage
from mentora.programs.models import Programme


class AgreementSections(TypedDict, total=False):
    """The sections of an agreement or of a programme's draft; a section not given, or given
    as None, stays as it is."""

    expectations_mentor: str | None
    expectations_mentee: str | None
    boundaries: str | None
    meeting_frequency: str | None
    meeting_channel: str | None
    confidentiality: str | None
    duration: str | None


def _sections(given: AgreementSections) -> dict[str, str]:
    """The sections given, each within its length limit (a clause is a paragraph)."""
    unknown = set(given) - AgreementSections.__optional_keys__
    if unknown:
        raise TypeError(f"not a section of an agreement: {sorted(unknown)}")
    sections = {name: str(text) for name, text in given.items() if text is not None}
    check_lengths(Agreement, **sections)
    return sections


@transaction.atomic
def update_agreement(
    *,
    agreement: Agreement,
    actor: User,
    **given: Unpack[AgreementSections],
) -> Agreement:
    """Save the sections given; a change opens a new version that everyone signs again."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    sections = _sections(given)
    changed = {name: text for name, text in sections.items() if getattr(agreement, name) != text}
    if not changed:
        return agreement
    for name, text in changed.items():
        setattr(agreement, name, text)
    open_new_version(agreement, actor)
    return agreement


def open_new_version(agreement: Agreement, actor: User | None) -> None:
    """Save the agreement as a new version, kept in its history; signatures of earlier
    versions no longer count, so everyone signs again."""
    agreement.version += 1
    agreement.updated_by = actor
    agreement.save()
    AgreementRevision.objects.create(
        agreement=agreement, version=agreement.version, content=agreement.content(), edited_by=actor
    )


@transaction.atomic
def sign_agreement(*, agreement: Agreement, participant: Participant) -> AgreementSignature:
    """Sign the current version; once every member has, the relationship leaves *establish*."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if participant.mentorship_id != agreement.mentorship_id or not participant.is_active:
        raise MentorshipError(_("Only members of the relationship sign its agreement."))
    signature, _created = AgreementSignature.objects.get_or_create(
        agreement=agreement, participant=participant, version=agreement.version
    )
    mentorship = agreement.mentorship
    if mentorship.stage == Stage.ESTABLISH and agreement_is_signed(agreement):
        mentorship.stage = Stage.TRUST
        mentorship.save(update_fields=["stage"])
        refresh_stage(mentorship)
    return signature


@transaction.atomic
def save_agreement_template(
    *,
    programme: Programme,
    actor: User,
    **given: Unpack[AgreementSections],
) -> AgreementTemplate:
    """Set the draft new relationships of the programme start from (None keeps a section)."""
    template, _created = AgreementTemplate.objects.get_or_create(programme=programme)
    sections = _sections(given)
    for name, text in sections.items():
        setattr(template, name, text)
    template.save()
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="agreement_template.save",
        target=programme,
    )
    return template
