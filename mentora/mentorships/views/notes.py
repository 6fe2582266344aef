"""Notes on meetings (shared or private), private notes and the journal of a relationship."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import policy, selectors
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import JournalEntryForm, NoteForm
from mentora.mentorships.services.notes import (
    add_meeting_note,
    delete_meeting_note,
    delete_private_note,
    edit_meeting_note,
    save_journal_entry,
    save_private_note,
)
from mentora.mentorships.views.common import (
    base_context,
    closed_guard,
    open_relationship_of,
    relationship_of,
    show_refusal,
)
from mentora.mentorships.views.meetings import meeting_page


@member_required
@require_POST
@closed_guard
def meeting_note_add(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Add a shared note (members only) or a private note (author only) to a meeting."""
    mentorship, me = open_relationship_of(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            if request.POST.get("visibility") == "private":
                save_private_note(
                    mentorship=mentorship,
                    author=request.membership,
                    body=form.cleaned_data["body"],
                    meeting=meeting,
                )
                messages.success(request, _("Your private note was saved. Only you can read it."))
            else:
                add_meeting_note(
                    meeting=meeting, author=request.membership, body=form.cleaned_data["body"]
                )
                messages.success(
                    request, _("Your note is shared with the members of the relationship.")
                )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            return redirect(meeting)
    # Refused: the page comes back with the note as typed and what is wrong with it.
    return meeting_page(request, mentorship, me, meeting, note_form=form)


@member_required
@closed_guard
def meeting_note_edit(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    """The author rewrites their shared note; the other members read the new text."""
    mentorship, me = open_relationship_of(request, pk)
    note = policy.get_own_meeting_note(mentorship, request.membership, note_pk)
    form = NoteForm(request.POST or None, initial={"body": note.body})
    if request.method == "POST" and form.is_valid():
        try:
            edit_meeting_note(note=note, body=form.cleaned_data["body"])
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your shared note was saved."))
            return redirect(note.meeting)
    return render(
        request,
        "mentorships/shared_note.html",
        base_context(mentorship, me, note=note, form=form),
    )


@member_required
@require_POST
def meeting_note_delete(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    note = policy.get_own_meeting_note(mentorship, request.membership, note_pk)
    meeting = note.meeting
    delete_meeting_note(note=note)
    messages.success(request, _("The note was deleted."))
    return redirect(meeting)


@member_required
def private_notes(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    if request.method == "POST" and not policy.can_change(mentorship):
        messages.error(request, _("This relationship is closed: it can no longer be changed."))
        return redirect("mentorships:private_notes", pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            save_private_note(
                mentorship=mentorship, author=request.membership, body=form.cleaned_data["body"]
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your private note was saved. Only you can read it."))
            return redirect("mentorships:private_notes", pk)
    return render(
        request,
        "mentorships/private_notes.html",
        base_context(
            mentorship,
            me,
            notes=selectors.own_private_notes(request.membership, mentorship),
            form=form,
        ),
    )


@member_required
def private_note(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    note = policy.get_private_note(mentorship, request.membership, note_pk)
    form = NoteForm(request.POST or None, initial={"body": note.body})
    if request.method == "POST" and form.is_valid():
        try:
            save_private_note(
                mentorship=mentorship,
                author=request.membership,
                body=form.cleaned_data["body"],
                note=note,
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your private note was saved."))
            return redirect("mentorships:private_notes", pk)
    return render(
        request,
        "mentorships/private_note.html",
        base_context(mentorship, me, note=note, form=form),
    )


@member_required
@require_POST
def private_note_delete(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    note = policy.get_private_note(mentorship, request.membership, note_pk)
    delete_private_note(note=note)
    messages.success(request, _("The note was deleted."))
    return redirect("mentorships:private_notes", pk)


@member_required
def journal(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    if request.method == "POST" and not policy.can_change(mentorship):
        messages.error(request, _("This relationship is closed: it can no longer be changed."))
        return redirect("mentorships:journal", pk)
    form = JournalEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_journal_entry(
                mentorship=mentorship,
                author=request.membership,
                title=data["title"],
                body=data["body"],
                shared_excerpt=data["shared_excerpt"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your journal entry was saved."))
            return redirect("mentorships:journal", pk)
    return render(
        request,
        "mentorships/journal.html",
        base_context(
            mentorship,
            me,
            entries=selectors.own_journal_entries(request.membership, mentorship),
            shared=selectors.shared_excerpts(mentorship, request.membership),
            form=form,
        ),
    )


@member_required
def journal_entry(request: MemberRequest, pk: int, entry_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    entry = policy.get_journal_entry(mentorship, request.membership, entry_pk)
    form = JournalEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            save_journal_entry(
                mentorship=mentorship,
                author=request.membership,
                title=data["title"],
                body=data["body"],
                shared_excerpt=data["shared_excerpt"],
                entry=entry,
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your journal entry was saved."))
            return redirect("mentorships:journal", pk)
    return render(
        request,
        "mentorships/journal_entry.html",
        base_context(mentorship, me, entry=entry, form=form),
    )
