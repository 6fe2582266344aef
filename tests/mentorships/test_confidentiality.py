"""DESIGN.md, Confidentiality: private notes and journal entries are read by their author
alone; shared notes by the relationship's members alone; coordinators see metadata."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from mentora.api.api import api
from mentora.api.services import create_api_token
from mentora.feedback.models import FeedbackInvitation
from mentora.mentorships.models import Concern, JournalEntry, MeetingNote, PrivateNote
from mentora.mentorships.services.concerns import raise_concern
from mentora.mentorships.services.meetings import ensure_calendar_feed
from mentora.mentorships.services.notes import (
    add_meeting_note,
    save_journal_entry,
    save_private_note,
)
from tests.factories import make_goal, make_meeting, make_member, make_pair, make_programme

SECRET = "I am thinking of resigning"


@pytest.fixture
def pair(programme):
    return make_pair(programme)


@pytest.fixture
def private_note(pair):
    mentorship, _mentor, mentee = pair
    meeting = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=1))
    return save_private_note(mentorship=mentorship, author=mentee, body=SECRET, meeting=meeting)


@pytest.fixture
def journal_entry(pair):
    mentorship, _mentor, mentee = pair
    return save_journal_entry(
        mentorship=mentorship,
        author=mentee,
        title="Doubts",
        body=SECRET,
        shared_excerpt="Confidence is growing.",
    )


def _readers(pair, coordinator, org_admin, sponsor, member):
    _mentorship, mentor, _mentee = pair
    return {
        "partner": mentor,
        "coordinator": coordinator,
        "org_admin": org_admin,
        "sponsor": sponsor,
        "member": member,
    }


def test_the_author_reads_their_private_note(client, pair, private_note):
    client.force_login(pair[2].user)
    url = reverse("mentorships:private_note", args=[pair[0].pk, private_note.pk])
    assert SECRET in client.get(url).content.decode()


@pytest.mark.parametrize("reader", ["partner", "coordinator", "org_admin", "sponsor", "member"])
def test_nobody_else_opens_a_private_note(
    client, pair, private_note, coordinator, org_admin, sponsor, member, reader
):
    client.force_login(_readers(pair, coordinator, org_admin, sponsor, member)[reader].user)
    url = reverse("mentorships:private_note", args=[pair[0].pk, private_note.pk])
    response = client.get(url)
    assert response.status_code in {403, 404}
    assert SECRET not in response.content.decode()


def test_the_partner_does_not_see_the_private_note_on_the_meeting_page(client, pair, private_note):
    client.force_login(pair[1].user)
    url = reverse("mentorships:meeting_detail", args=[pair[0].pk, private_note.meeting_id])
    response = client.get(url)
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_partner_does_not_see_the_private_notes_list(client, pair, private_note):
    client.force_login(pair[1].user)
    response = client.get(reverse("mentorships:private_notes", args=[pair[0].pk]))
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("reader", ["partner", "coordinator", "org_admin", "sponsor", "member"])
def test_nobody_else_opens_a_journal_entry(
    client, pair, journal_entry, coordinator, org_admin, sponsor, member, reader
):
    client.force_login(_readers(pair, coordinator, org_admin, sponsor, member)[reader].user)
    url = reverse("mentorships:journal_entry", args=[pair[0].pk, journal_entry.pk])
    response = client.get(url)
    assert response.status_code in {403, 404}
    assert SECRET not in response.content.decode()


def test_the_partner_sees_only_the_shared_excerpt_of_a_journal_entry(client, pair, journal_entry):
    client.force_login(pair[1].user)
    page = client.get(reverse("mentorships:journal", args=[pair[0].pk])).content.decode()
    assert "Confidence is growing." in page
    assert SECRET not in page


def test_shared_notes_are_read_by_the_members(client, pair):
    mentorship, mentor, mentee = pair
    meeting = make_meeting(mentorship)
    add_meeting_note(meeting=meeting, author=mentee, body="Plan: three interviews")
    client.force_login(mentor.user)
    url = reverse("mentorships:meeting_detail", args=[mentorship.pk, meeting.pk])
    assert "Plan: three interviews" in client.get(url).content.decode()


@pytest.mark.parametrize("reader", ["coordinator", "org_admin", "sponsor", "member"])
def test_shared_notes_are_not_read_outside_the_relationship(
    client, pair, coordinator, org_admin, sponsor, member, reader
):
    mentorship, _mentor, mentee = pair
    meeting = make_meeting(mentorship)
    add_meeting_note(meeting=meeting, author=mentee, body="Plan: three interviews")
    client.force_login(_readers(pair, coordinator, org_admin, sponsor, member)[reader].user)
    response = client.get(reverse("mentorships:meeting_detail", args=[mentorship.pk, meeting.pk]))
    assert response.status_code == 403
    assert "three interviews" not in response.content.decode()


def test_the_coordinator_view_shows_no_content(client, pair, private_note, coordinator):
    mentorship, _mentor, mentee = pair
    add_meeting_note(meeting=private_note.meeting, author=mentee, body="Shared plan text")
    client.force_login(coordinator.user)
    page = client.get(reverse("mentorships:programme", args=[mentorship.programme_id]))
    body = page.content.decode()
    assert page.status_code == 200
    assert SECRET not in body
    assert "Shared plan text" not in body


def test_confidential_content_is_not_in_the_django_admin():
    for model in (PrivateNote, JournalEntry, MeetingNote, Concern):
        assert not admin.site.is_registered(model)


def test_a_concern_is_read_by_the_coordinator_and_org_admin_only(
    client, pair, coordinator, org_admin, other_coordinator, sponsor
):
    mentorship, mentor, mentee = pair
    concern = raise_concern(mentorship=mentorship, raised_by=mentee, body="He never shows up")
    url = reverse("mentorships:concern_detail", args=[concern.pk])
    expected = {coordinator: 200, org_admin: 200, other_coordinator: 403, sponsor: 403, mentor: 403}
    for person, status in expected.items():
        client.force_login(person.user)
        response = client.get(url)
        assert response.status_code == status, person
        assert ("never shows up" in response.content.decode()) == (status == 200)


def test_the_partner_is_not_told_about_a_concern(client, pair):
    mentorship, mentor, mentee = pair
    raise_concern(mentorship=mentorship, raised_by=mentee, body="He never shows up")
    client.force_login(mentor.user)
    page = client.get(reverse("mentorships:detail", args=[mentorship.pk])).content.decode()
    assert "Your concern" not in page


def test_an_outsider_cannot_reach_the_relationship(client, pair):
    from tests.factories import make_organisation

    outsider = make_member(make_organisation(), role="org_admin")
    client.force_login(outsider.user)
    assert client.get(reverse("mentorships:detail", args=[pair[0].pk])).status_code == 404


SHARED = "Plan: three interviews"


@pytest.fixture
def everything(pair, private_note, journal_entry):
    """The mentee's private note and journal entry, a shared note, a goal and a concern."""
    mentorship, _mentor, mentee = pair
    add_meeting_note(meeting=private_note.meeting, author=mentee, body=SHARED)
    goal = make_goal(mentorship, mentee)
    concern = raise_concern(mentorship=mentorship, raised_by=mentee, body="He never shows up")
    return {"meeting": private_note.meeting, "goal": goal, "concern": concern}


def _partner_pages(mentorship, everything):
    pk = mentorship.pk
    return [
        reverse("home:home"),
        reverse("mentorships:mine"),
        reverse("mentorships:detail", args=[pk]),
        reverse("mentorships:agreement", args=[pk]),
        reverse("mentorships:meetings", args=[pk]),
        reverse("mentorships:meeting_detail", args=[pk, everything["meeting"].pk]),
        reverse("mentorships:goal_detail", args=[pk, everything["goal"].pk]),
        reverse("mentorships:private_notes", args=[pk]),
        reverse("mentorships:journal", args=[pk]),
        reverse("mentorships:closure", args=[pk]),
    ]


def test_no_page_of_the_partner_shows_the_private_note_or_journal_entry(client, pair, everything):
    mentorship, mentor, _mentee = pair
    client.force_login(mentor.user)
    for url in _partner_pages(mentorship, everything):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode(), url


@pytest.mark.parametrize("reader", ["coordinator", "org_admin"])
def test_no_page_of_the_overseers_shows_notes_or_journal(
    client, pair, everything, coordinator, org_admin, reader
):
    mentorship, _mentor, _mentee = pair
    client.force_login({"coordinator": coordinator, "org_admin": org_admin}[reader].user)
    programme = mentorship.programme_id
    for url in [
        reverse("mentorships:programme", args=[programme]),
        reverse("mentorships:concerns", args=[programme]),
        reverse("mentorships:concern_detail", args=[everything["concern"].pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, url
        assert SHARED not in body, url


def test_calendar_files_carry_no_note_or_journal_content(client, pair, everything):
    mentorship, _mentor, mentee = pair
    feed = ensure_calendar_feed(membership=mentee)
    client.force_login(mentee.user)
    for url in [
        reverse("mentorships:calendar_feed", args=[feed.token]),
        reverse("mentorships:meeting_ics", args=[mentorship.pk, everything["meeting"].pk]),
    ]:
        body = client.get(url).content.decode()
        assert "BEGIN:VEVENT" in body
        assert SECRET not in body
        assert SHARED not in body


@pytest.mark.parametrize("reader", ["partner", "coordinator", "org_admin", "sponsor", "member"])
def test_no_api_operation_returns_a_private_note_or_journal_entry(
    client, pair, everything, coordinator, org_admin, sponsor, member, reader
):
    mentorship, _mentor, _mentee = pair
    person = _readers(pair, coordinator, org_admin, sponsor, member)[reader]
    _token, raw = create_api_token(user=person.user, name="confidentiality")
    # Every identifier an API path may take; a new kind of path parameter fails here
    # (KeyError) until the test knows what to put in it.
    ids = {
        "programme_id": mentorship.programme_id,
        "mentorship_id": mentorship.pk,
        "meeting_id": everything["meeting"].pk,
        "goal_id": everything["goal"].pk,
        "concern_id": everything["concern"].pk,
        # A feedback request of the pair, if any: a survey or pulse never carries notes.
        "invitation_id": FeedbackInvitation.objects.filter(mentorship=mentorship)
        .values_list("pk", flat=True)
        .first()
        or 0,
    }
    operations = [path for path, item in api.get_openapi_schema()["paths"].items() if "get" in item]
    assert operations
    for path in operations:
        response = client.get(path.format_map(ids), headers={"Authorization": f"Bearer {raw}"})
        assert response.status_code < 500, path
        assert SECRET not in response.content.decode(), path


def test_a_former_member_no_longer_reads_the_shared_notes(client, organisation):
    from mentora.mentorships.services.closure import leave_mentorship
    from mentora.mentorships.services.relationships import create_mentorship

    programme = make_programme(organisation, format="group", group_size=3)
    mentor, ana, ben = (make_member(organisation) for _ in range(3))
    mentorship = create_mentorship(programme=programme, mentors=[mentor], mentees=[ana, ben])
    meeting = make_meeting(mentorship)
    add_meeting_note(meeting=meeting, author=ana, body=SHARED)
    leave_mentorship(participant=mentorship.participants.get(membership=ben), reason="personal")
    client.force_login(ben.user)
    response = client.get(reverse("mentorships:meeting_detail", args=[mentorship.pk, meeting.pk]))
    assert response.status_code == 403
    assert SHARED not in response.content.decode()


def test_the_partner_sees_neither_the_title_nor_an_entry_without_excerpt(client, pair):
    mentorship, mentor, mentee = pair
    save_journal_entry(
        mentorship=mentorship,
        author=mentee,
        title="Doubts about Maya",
        body=SECRET,
        shared_excerpt="",
    )
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:journal", args=[mentorship.pk]))
    assert not list(response.context["shared"])
    assert "Doubts about Maya" not in response.content.decode()
