"""A shared note is edited or deleted by its author only; the other members read the edit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentora.mentorships.services.notes import add_meeting_note
from tests.factories import make_meeting, make_pair


@pytest.fixture
def note(programme):
    mentorship, mentor, mentee = make_pair(programme)
    meeting = make_meeting(mentorship)
    return add_meeting_note(meeting=meeting, author=mentee, body="We agreed on a plan.")


def _members(note):
    mentorship = note.meeting.mentorship
    mentor = mentorship.participants.get(role="mentor").membership
    return mentorship, mentor, note.author


def _edit_url(note):
    return reverse("mentorships:meeting_note_edit", args=[note.meeting.mentorship_id, note.pk])


def test_the_author_edits_a_shared_note_and_the_partner_reads_the_edit(client, note):
    mentorship, mentor, mentee = _members(note)
    client.force_login(mentee.user)
    response = client.post(_edit_url(note), {"body": "We agreed on a better plan."})
    assert response.status_code == 302
    client.force_login(mentor.user)
    page = client.get(note.meeting.get_absolute_url()).content.decode()
    assert "We agreed on a better plan." in page
    assert "We agreed on a plan." not in page


def test_the_author_opens_the_edit_form_with_the_note(client, note):
    _mentorship, _mentor, mentee = _members(note)
    client.force_login(mentee.user)
    response = client.get(_edit_url(note))
    assert response.context["form"].initial["body"] == "We agreed on a plan."


def test_the_partner_cannot_edit_a_shared_note(client, note):
    _mentorship, mentor, _mentee = _members(note)
    client.force_login(mentor.user)
    assert client.get(_edit_url(note)).status_code == 404
    assert client.post(_edit_url(note), {"body": "Rewritten by someone else"}).status_code == 404
    note.refresh_from_db()
    assert note.body == "We agreed on a plan."


def test_the_page_offers_edit_and_delete_to_the_author_only(client, note):
    _mentorship, mentor, mentee = _members(note)
    client.force_login(mentee.user)
    assert _edit_url(note) in client.get(note.meeting.get_absolute_url()).content.decode()
    client.force_login(mentor.user)
    assert _edit_url(note) not in client.get(note.meeting.get_absolute_url()).content.decode()


def test_the_author_deletes_a_shared_note(client, note):
    mentorship, _mentor, mentee = _members(note)
    client.force_login(mentee.user)
    client.post(reverse("mentorships:meeting_note_delete", args=[mentorship.pk, note.pk]))
    assert not note.meeting.shared_notes.exists()


def test_the_partner_cannot_delete_a_shared_note(client, note):
    mentorship, mentor, _mentee = _members(note)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:meeting_note_delete", args=[mentorship.pk, note.pk])
    )
    assert response.status_code == 404
    assert note.meeting.shared_notes.exists()


def test_an_edited_note_says_it_was_edited(client, note):
    mentorship, mentor, mentee = _members(note)
    client.force_login(mentee.user)
    client.post(_edit_url(note), {"body": "We agreed on a better plan."})
    client.force_login(mentor.user)
    response = client.get(note.meeting.get_absolute_url())
    assert "(edited)" in response.content.decode()


def test_an_empty_edit_is_refused_and_the_note_kept(client, note):
    _mentorship, _mentor, mentee = _members(note)
    client.force_login(mentee.user)
    response = client.post(_edit_url(note), {"body": "  "})
    assert list(response.context["form"].errors) == ["body"]
    note.refresh_from_db()
    assert note.body == "We agreed on a plan."


def test_a_note_of_a_closed_relationship_can_no_longer_be_edited(client, note):
    mentorship, _mentor, mentee = _members(note)
    mentorship.stage = "closed"
    mentorship.save()
    client.force_login(mentee.user)
    client.post(_edit_url(note), {"body": "Changed after closing"})
    note.refresh_from_db()
    assert note.body == "We agreed on a plan."
