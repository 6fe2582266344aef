"""Notes shared on a meeting, private notes and the journal: each written by its author only."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mentora.accounts.models import Membership
from mentora.mentorships.errors import FieldError
from mentora.mentorships.models import JournalEntry, Meeting, MeetingNote, Mentorship, PrivateNote
from mentora.mentorships.rules import check_lengths
from mentora.mentorships.services.stages import require_open


def _require_text(field: str, text: str) -> None:
    if not text.strip():
        raise FieldError(field, _("Write something first."))


@transaction.atomic
def add_meeting_note(*, meeting: Meeting, author: Membership, body: str) -> MeetingNote:
    """Share a note about a meeting with the other members."""
    _require_text("body", body)
    check_lengths(MeetingNote, body=body)
    return MeetingNote.objects.create(meeting=meeting, author=author, body=body)


@transaction.atomic
def edit_meeting_note(*, note: MeetingNote, body: str) -> MeetingNote:
    """Rewrite a shared note (its author only, checked by the policy); the other members
    read the new text, marked as edited."""
    require_open(note.meeting.mentorship)
    _require_text("body", body)
    check_lengths(MeetingNote, body=body)
    if body != note.body:
        note.body = body
        note.edited_at = timezone.now()
        note.save(update_fields=["body", "edited_at", "updated_at"])
    return note


@transaction.atomic
def delete_meeting_note(*, note: MeetingNote) -> None:
    """Remove a shared note (its author only, checked by the policy)."""
    note.delete()


@transaction.atomic
def save_private_note(
    *,
    mentorship: Mentorship,
    author: Membership,
    body: str,
    meeting: Meeting | None = None,
    note: PrivateNote | None = None,
) -> PrivateNote:
    """Write or edit a note only its author will ever read."""
    _require_text("body", body)
    check_lengths(PrivateNote, body=body)
    if note is None:
        return PrivateNote.objects.create(
            mentorship=mentorship, author=author, body=body, meeting=meeting
        )
    note.body = body
    note.save(update_fields=["body", "updated_at"])
    return note


@transaction.atomic
def delete_private_note(*, note: PrivateNote) -> None:
    """Remove a private note."""
    note.delete()


@transaction.atomic
def save_journal_entry(
    *,
    mentorship: Mentorship,
    author: Membership,
    title: str,
    body: str,
    shared_excerpt: str = "",
    entry: JournalEntry | None = None,
) -> JournalEntry:
    """Write or edit a journal entry; only its shared excerpt, if any, reaches the partner."""
    _require_text("title", title)
    _require_text("body", body)
    check_lengths(JournalEntry, title=title, body=body, shared_excerpt=shared_excerpt)
    if entry is None:
        entry = JournalEntry(mentorship=mentorship, author=author)
    entry.title = title
    entry.body = body
    entry.shared_excerpt = shared_excerpt
    entry.save()
    return entry
