"""Texts have limits, enforced by the forms and by the services alike: a refusal says the limit
and how much was typed, and gives the text back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.errors import MentorshipError, TextTooLong
from mentora.mentorships.models import (
    CLAUSE_MAX_LENGTH,
    CONCERN_MAX_LENGTH,
    NOTE_MAX_LENGTH,
)
from mentora.mentorships.services.agreement import save_agreement_template, update_agreement
from mentora.mentorships.services.closure import (
    leave_mentorship,
    propose_closure,
    save_closure_summary,
    save_recognition,
)
from mentora.mentorships.services.concerns import raise_concern, resolve_concern
from mentora.mentorships.services.goals import add_action_item, create_goal
from mentora.mentorships.services.meetings import schedule_meeting
from mentora.mentorships.services.notes import (
    add_meeting_note,
    edit_meeting_note,
    save_journal_entry,
    save_private_note,
)
from tests.factories import (
    make_goal,
    make_meeting,
    make_organisation,
    make_pair,
    make_programme,
)


@pytest.fixture
def pair(programme):
    return make_pair(programme)


def _long(limit: int) -> str:
    # Words, as people write, and one character past the limit.
    text = ("lorem ipsum " * (limit // 12 + 2))[: limit + 1]
    return text[:-1] + "z"


def test_the_limits_are_the_documented_ones():
    assert (NOTE_MAX_LENGTH, CONCERN_MAX_LENGTH, CLAUSE_MAX_LENGTH) == (10_000, 5_000, 2_000)


# Forms ---------------------------------------------------------------------------------------


def _assert_refused(response, field: str, limit: int, typed: str):
    """Refused on the field, with the limit and the length typed; the text comes back."""
    error = response.context["form"].errors[field][0]
    assert f"{limit:,}" in error and f"{len(typed):,}" in error
    assert typed in response.content.decode()


def test_a_shared_note_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, _mentor, mentee = pair
    meeting = make_meeting(mentorship)
    body = _long(NOTE_MAX_LENGTH)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:meeting_note", args=[mentorship.pk, meeting.pk]),
        {"body": body, "visibility": "shared"},
    )
    form = response.context["note_form"]
    assert "10,000" in form.errors["body"][0] and "10,001" in form.errors["body"][0]
    assert body in response.content.decode()
    assert not meeting.shared_notes.exists()


def test_a_private_note_on_a_meeting_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, _mentor, mentee = pair
    meeting = make_meeting(mentorship)
    body = _long(NOTE_MAX_LENGTH)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:meeting_note", args=[mentorship.pk, meeting.pk]),
        {"body": body, "visibility": "private"},
    )
    assert "body" in response.context["note_form"].errors
    assert body in response.content.decode()
    assert not mentorship.private_notes.exists()


def test_a_private_note_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, _mentor, mentee = pair
    body = _long(NOTE_MAX_LENGTH)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:private_notes", args=[mentorship.pk]), {"body": body}
    )
    _assert_refused(response, "body", NOTE_MAX_LENGTH, body)
    assert not mentorship.private_notes.exists()


def test_a_journal_entry_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, _mentor, mentee = pair
    body = _long(NOTE_MAX_LENGTH)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:journal", args=[mentorship.pk]), {"title": "Week 1", "body": body}
    )
    _assert_refused(response, "body", NOTE_MAX_LENGTH, body)
    assert not mentorship.journal_entries.exists()


def test_a_concern_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, _mentor, mentee = pair
    body = _long(CONCERN_MAX_LENGTH)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:concern_create", args=[mentorship.pk]), {"body": body}
    )
    _assert_refused(response, "body", CONCERN_MAX_LENGTH, body)
    assert not mentorship.concerns.exists()


def test_an_agreement_clause_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, mentor, _mentee = pair
    clause = _long(CLAUSE_MAX_LENGTH)
    client.force_login(mentor.user)
    data = {**mentorship.agreement.content(), "boundaries": clause}
    response = client.post(reverse("mentorships:agreement_edit", args=[mentorship.pk]), data)
    _assert_refused(response, "boundaries", CLAUSE_MAX_LENGTH, clause)
    mentorship.agreement.refresh_from_db()
    assert mentorship.agreement.version == 1


def _in_closure(mentorship):
    for participant in mentorship.participants.all():
        propose_closure(participant=participant)
    return mentorship


def test_a_closure_summary_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, mentor, _mentee = pair
    _in_closure(mentorship)
    summary = _long(NOTE_MAX_LENGTH)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:closure_summary", args=[mentorship.pk]), {"summary": summary}
    )
    form = response.context["summary_form"]
    assert "10,000" in form.errors["summary"][0]
    assert summary in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.closure_summary == ""
    assert "The summary cannot be empty." not in response.content.decode()


def test_an_empty_closure_summary_says_so_on_its_field(client, pair):
    mentorship, mentor, _mentee = pair
    _in_closure(mentorship)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:closure_summary", args=[mentorship.pk]), {"summary": " "}
    )
    assert list(response.context["summary_form"].errors) == ["summary"]


def test_a_recognition_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, mentor, _mentee = pair
    _in_closure(mentorship)
    words = _long(CLAUSE_MAX_LENGTH)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:closure_recognition", args=[mentorship.pk]),
        {"recognition": words, "alumni_opt_in": "on"},
    )
    form = response.context["recognition_form"]
    assert "2,000" in form.errors["recognition"][0]
    assert words in response.content.decode()
    assert not mentorship.participants.get(membership=mentor).alumni_opt_in


def test_a_meeting_agenda_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, mentor, _mentee = pair
    agenda = _long(CLAUSE_MAX_LENGTH)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:meeting_create", args=[mentorship.pk]),
        {
            "date": "2099-01-10",
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "agenda": agenda,
        },
    )
    _assert_refused(response, "agenda", CLAUSE_MAX_LENGTH, agenda)
    assert not mentorship.meetings.exists()


def test_an_exit_comment_over_the_limit_is_refused_and_given_back(client, pair):
    mentorship, mentor, _mentee = pair
    comment = _long(CLAUSE_MAX_LENGTH)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:leave", args=[mentorship.pk]), {"reason": "fit", "comment": comment}
    )
    _assert_refused(response, "comment", CLAUSE_MAX_LENGTH, comment)
    assert mentorship.participants.get(membership=mentor).left_at is None


def test_a_text_at_the_limit_is_accepted(client, pair):
    mentorship, _mentor, mentee = pair
    client.force_login(mentee.user)
    client.post(
        reverse("mentorships:private_notes", args=[mentorship.pk]),
        {"body": "x" * NOTE_MAX_LENGTH},
    )
    assert len(mentorship.private_notes.get().body) == NOTE_MAX_LENGTH


def test_the_message_speaks_the_readers_language(client, db):
    programme = make_programme(make_organisation(default_language="fr"))
    mentorship, _mentor, mentee = make_pair(programme)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:concern_create", args=[mentorship.pk]),
        {"body": _long(CONCERN_MAX_LENGTH)},
    )
    error = response.context["form"].errors["body"][0]
    assert "caractères" in error and "5\xa0000" in error


# Services ------------------------------------------------------------------------------------


def test_the_services_refuse_notes_over_the_limit(pair):
    mentorship, _mentor, mentee = pair
    meeting = make_meeting(mentorship)
    body = _long(NOTE_MAX_LENGTH)
    with pytest.raises(TextTooLong) as refused:
        add_meeting_note(meeting=meeting, author=mentee, body=body)
    assert (refused.value.field, refused.value.limit, refused.value.length) == (
        "body",
        NOTE_MAX_LENGTH,
        NOTE_MAX_LENGTH + 1,
    )
    with pytest.raises(TextTooLong):
        save_private_note(mentorship=mentorship, author=mentee, body=body)
    with pytest.raises(TextTooLong):
        save_journal_entry(mentorship=mentorship, author=mentee, title="Week 1", body=body)
    assert not (meeting.shared_notes.exists() or mentorship.private_notes.exists())


def test_the_service_refuses_an_edited_shared_note_over_the_limit(pair):
    mentorship, _mentor, mentee = pair
    note = add_meeting_note(meeting=make_meeting(mentorship), author=mentee, body="Short.")
    with pytest.raises(TextTooLong):
        edit_meeting_note(note=note, body=_long(NOTE_MAX_LENGTH))
    note.refresh_from_db()
    assert note.body == "Short."


def test_the_service_refuses_a_concern_over_the_limit(pair):
    mentorship, _mentor, mentee = pair
    with pytest.raises(TextTooLong, match="5,000"):
        raise_concern(mentorship=mentorship, raised_by=mentee, body=_long(CONCERN_MAX_LENGTH))
    concern = raise_concern(mentorship=mentorship, raised_by=mentee, body="Worried.")
    with pytest.raises(TextTooLong):
        resolve_concern(concern=concern, actor=mentee.user, resolution=_long(CONCERN_MAX_LENGTH))


def test_the_services_refuse_an_agreement_clause_over_the_limit(pair, programme, coordinator):
    mentorship, mentor, _mentee = pair
    with pytest.raises(TextTooLong):
        update_agreement(
            agreement=mentorship.agreement, actor=mentor.user, boundaries=_long(CLAUSE_MAX_LENGTH)
        )
    with pytest.raises(TextTooLong):
        update_agreement(agreement=mentorship.agreement, actor=mentor.user, duration="x" * 201)
    with pytest.raises(TextTooLong):
        save_agreement_template(
            programme=programme, actor=coordinator.user, confidentiality=_long(CLAUSE_MAX_LENGTH)
        )
    mentorship.agreement.refresh_from_db()
    assert mentorship.agreement.version == 1


def test_the_services_refuse_closure_texts_over_the_limit(pair):
    mentorship, mentor, _mentee = pair
    participant = mentorship.participants.get(membership=mentor)
    with pytest.raises(TextTooLong):
        save_closure_summary(mentorship=mentorship, summary=_long(NOTE_MAX_LENGTH))
    with pytest.raises(TextTooLong):
        save_recognition(
            participant=participant, recognition=_long(CLAUSE_MAX_LENGTH), alumni_opt_in=True
        )
    with pytest.raises(TextTooLong):
        leave_mentorship(participant=participant, reason="fit", comment=_long(CLAUSE_MAX_LENGTH))
    participant.refresh_from_db()
    assert participant.left_at is None


def test_the_services_refuse_goal_task_and_meeting_texts_over_their_limit(pair):
    mentorship, _mentor, mentee = pair
    with pytest.raises(TextTooLong):
        create_goal(mentorship=mentorship, owner=mentee, actor=mentee.user, title="x" * 201)
    goal = make_goal(mentorship, mentee)
    with pytest.raises(TextTooLong):
        add_action_item(goal=goal, title="x" * 201)
    with pytest.raises(TextTooLong):
        schedule_meeting(
            mentorship=mentorship,
            starts_at=timezone.now() + timedelta(days=1),
            time_zone="Europe/Paris",
            duration_minutes=60,
            actor=None,
            agenda=_long(CLAUSE_MAX_LENGTH),
        )
    assert isinstance(TextTooLong("body", 10, 11, "Too long"), MentorshipError)
