"""No IDOR: a member reaches another relationship's goals, meetings and notes through none of
their own relationship's addresses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentora.mentorships.models import ActionItem, Goal, Meeting, MeetingNote, PrivateNote
from mentora.mentorships.services import goals, meetings, notes
from tests.factories import make_goal, make_meeting, make_pair


@pytest.fixture
def theirs(programme):
    """Another relationship of the same programme, with one of everything."""
    mentorship, _mentor, mentee = make_pair(programme)
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    goal = make_goal(mentorship, mentee)
    series = meetings.schedule_series(
        mentorship=mentorship,
        first_starts_at=timezone.now() + timedelta(days=2),
        time_zone="Europe/Paris",
        frequency="weekly",
        duration_minutes=60,
        until=(timezone.now() + timedelta(days=30)).date(),
        actor=None,
    )
    return {
        "mentorship": mentorship,
        "meeting": meeting,
        "goal": goal,
        "action": goals.add_action_item(goal=goal, title="Theirs", owner=mentee),
        "series": series,
        "shared_note": notes.add_meeting_note(meeting=meeting, author=mentee, body="Theirs"),
        "private_note": notes.save_private_note(
            mentorship=mentorship, author=mentee, body="Theirs", meeting=meeting
        ),
        "journal_entry": notes.save_journal_entry(
            mentorship=mentorship, author=mentee, title="T", body="Theirs"
        ),
    }


# (route, key of the other relationship's object, method, data)
ROUTES = [
    ("mentorships:goal_detail", "goal", "get", {}),
    ("mentorships:goal_edit", "goal", "post", {"title": "Hijacked"}),
    ("mentorships:goal_progress", "goal", "post", {"status": "dropped", "progress": "0"}),
    ("mentorships:action_create", "goal", "post", {"title": "Hijacked"}),
    ("mentorships:action_toggle", "action", "post", {}),
    ("mentorships:meeting_detail", "meeting", "get", {}),
    ("mentorships:meeting_reschedule", "meeting", "get", {}),
    ("mentorships:meeting_status", "meeting", "post", {"status": "cancelled"}),
    ("mentorships:meeting_ics", "meeting", "get", {}),
    ("mentorships:meeting_note", "meeting", "post", {"body": "Hijacked"}),
    ("mentorships:meeting_note_delete", "shared_note", "post", {}),
    ("mentorships:series_ics", "series", "get", {}),
    ("mentorships:private_note", "private_note", "get", {}),
    ("mentorships:private_note_delete", "private_note", "post", {}),
    ("mentorships:journal_entry", "journal_entry", "get", {}),
]


@pytest.mark.parametrize(("name", "key", "method", "data"), ROUTES, ids=[r[0] for r in ROUTES])
def test_another_relationships_objects_do_not_exist_from_mine(
    client, programme, theirs, name, key, method, data
):
    mine, _mentor, mentee = make_pair(programme)
    client.force_login(mentee.user)
    url = reverse(name, args=[mine.pk, theirs[key].pk])
    response = getattr(client, method)(url, data)
    assert response.status_code == 404
    assert Goal.objects.get(pk=theirs["goal"].pk).status == "not_started"
    assert Meeting.objects.get(pk=theirs["meeting"].pk).status == "planned"
    assert ActionItem.objects.filter(goal=theirs["goal"]).count() == 1
    assert MeetingNote.objects.filter(meeting=theirs["meeting"]).count() == 1
    assert PrivateNote.objects.filter(pk=theirs["private_note"].pk).exists()
