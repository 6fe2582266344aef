"""Notes shared on a meeting, private notes and the journal: each written by its author only."""

from __future__ import annotations

from django.db import transaction

from mentora.accounts.models import Membership
from mentora.mentorships.models import JournalEntry, Meeting, MeetingNote, Mentorship, PrivateNote


@transaction.atomic
def add_meeting_note(*, meeting: Meeting, author: Membership, body: str) -> MeetingNote:
    """Share a note about a meeting with the other members."""
    return MeetingNote.objects.create(meeting=meeting, author=author, body=body)


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
    if entry is None:
        entry = JournalEntry(mentorship=mentorship, author=author)
    entry.title = title
    entry.body = body
    entry.shared_excerpt = shared_excerpt
    entry.save()
    return entry
