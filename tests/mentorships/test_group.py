"""Group relationships (more than two members): one mentor and several mentees, or peers."""

from __future__ import annotations

from datetime import timedelta

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mentora.mentorships.models import Stage
from mentora.mentorships.selectors import closure_checklist
from mentora.mentorships.services.agreement import sign_agreement
from mentora.mentorships.services.closure import (
    close_mentorship,
    leave_mentorship,
    propose_closure,
    save_closure_summary,
    save_recognition,
)
from mentora.mentorships.services.meetings import ensure_calendar_feed, record_meeting_outcome
from mentora.mentorships.services.notes import add_meeting_note, save_private_note
from mentora.mentorships.services.relationships import create_mentorship
from tests.factories import make_meeting, make_member, make_programme, sign_by_all


@pytest.fixture
def group_programme(organisation, coordinator):
    programme = make_programme(organisation, format="group", group_size=3, status="running")
    programme.coordinators.add(coordinator.user)
    return programme


@pytest.fixture
def group(group_programme, organisation):
    """Maya mentors Ana and Ben."""
    mentor = make_member(organisation, first_name="Maya", last_name="Mentor")
    ana = make_member(organisation, first_name="Ana", last_name="Mentee")
    ben = make_member(organisation, first_name="Ben", last_name="Mentee")
    mentorship = create_mentorship(programme=group_programme, mentors=[mentor], mentees=[ana, ben])
    return mentorship, mentor, ana, ben


def _place(mentorship, membership):
    return mentorship.participants.get(membership=membership)


def _stage(mentorship):
    mentorship.refresh_from_db()
    return mentorship.stage


def test_a_group_leaves_establish_only_once_every_member_signed(group):
    mentorship, mentor, ana, ben = group
    for person in (mentor, ana):
        sign_agreement(agreement=mentorship.agreement, participant=_place(mentorship, person))
    assert _stage(mentorship) == Stage.ESTABLISH
    sign_agreement(agreement=mentorship.agreement, participant=_place(mentorship, ben))
    assert _stage(mentorship) == Stage.TRUST


def test_a_group_moves_on_when_the_last_member_to_sign_leaves(group):
    mentorship, mentor, ana, ben = group
    for person in (mentor, ana):
        sign_agreement(agreement=mentorship.agreement, participant=_place(mentorship, person))
    leave_mentorship(participant=_place(mentorship, ben), reason="availability")
    assert _stage(mentorship) == Stage.TRUST


def test_a_group_ends_when_its_only_mentor_leaves(group):
    mentorship, mentor, _ana, _ben = group
    leave_mentorship(participant=_place(mentorship, mentor), reason="role_change")
    mentorship.refresh_from_db()
    assert (mentorship.stage, mentorship.end_reason) == (Stage.CLOSED, "exit")


def test_each_mentee_of_a_group_owns_goals(client, group):
    mentorship, mentor, ana, ben = group
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:goal_create", args=[mentorship.pk]))
    owners = {p.membership for p in response.context["form"].fields["owner"].queryset}
    assert owners == {ana, ben}


def test_every_peer_of_a_peer_group_owns_goals(client, organisation):
    programme = make_programme(organisation, kind="peer", format="group", group_size=3)
    peers = [make_member(organisation) for _ in range(3)]
    mentorship = create_mentorship(programme=programme, peers=peers)
    client.force_login(peers[0].user)
    response = client.get(reverse("mentorships:goal_create", args=[mentorship.pk]))
    owners = {p.membership for p in response.context["form"].fields["owner"].queryset}
    assert owners == set(peers)


def test_a_peer_group_goes_on_when_one_peer_leaves(organisation):
    programme = make_programme(organisation, kind="peer", format="group", group_size=3)
    peers = [make_member(organisation) for _ in range(3)]
    mentorship = create_mentorship(programme=programme, peers=peers)
    leave_mentorship(participant=_place(mentorship, peers[0]), reason="personal")
    assert _stage(mentorship) == Stage.ESTABLISH


def test_the_group_home_shows_every_other_member(client, group):
    mentorship, _mentor, ana, _ben = group
    client.force_login(ana.user)
    response = client.get(reverse("mentorships:detail", args=[mentorship.pk]))
    header = response.content.decode().split('class="tabs"')[0]
    assert "Maya Mentor" in header
    assert "Ben Mentee" in header
    assert len(response.context["people"]) == 3


def test_a_group_meeting_is_exported_with_the_other_members_names(client, group):
    mentorship, _mentor, ana, _ben = group
    meeting = make_meeting(mentorship)
    client.force_login(ana.user)
    body = client.get(reverse("mentorships:meeting_ics", args=[mentorship.pk, meeting.pk])).content
    summary = str(Calendar.from_ical(body).walk("VEVENT")[0]["SUMMARY"])
    assert set(summary.removeprefix("Mentoring: ").split(", ")) == {"Maya Mentor", "Ben Mentee"}
    assert vobject.readOne(body.decode()).vevent.summary.value == summary


def test_every_member_of_a_group_finds_the_meeting_in_their_feed(client, group):
    mentorship, *people = group
    meeting = make_meeting(mentorship)
    for person in people:
        token = ensure_calendar_feed(membership=person).token
        body = client.get(reverse("mentorships:calendar_feed", args=[token])).content
        assert [str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")] == [meeting.uid]


def test_every_member_of_a_group_reads_its_shared_notes_but_not_the_private_ones(client, group):
    mentorship, mentor, ana, ben = group
    meeting = make_meeting(mentorship)
    add_meeting_note(meeting=meeting, author=ana, body="We will each try one thing.")
    save_private_note(
        mentorship=mentorship, author=ana, body="Ben intimidates me.", meeting=meeting
    )
    url = reverse("mentorships:meeting_detail", args=[mentorship.pk, meeting.pk])
    for person in (mentor, ben):
        client.force_login(person.user)
        page = client.get(url).content.decode()
        assert "We will each try one thing." in page
        assert "intimidates" not in page


def test_the_closure_of_a_group_waits_for_every_member(group):
    mentorship, mentor, ana, ben = group
    for person in (mentor, ana):
        propose_closure(participant=_place(mentorship, person))
    assert _stage(mentorship) == Stage.ESTABLISH
    propose_closure(participant=_place(mentorship, ben))
    assert _stage(mentorship) == Stage.CLOSURE


def test_the_closure_opens_when_the_last_member_to_agree_leaves(group):
    mentorship, mentor, ana, ben = group
    for person in (mentor, ana):
        propose_closure(participant=_place(mentorship, person))
    leave_mentorship(participant=_place(mentorship, ben), reason="goals_met")
    assert _stage(mentorship) == Stage.CLOSURE


def test_recognition_is_done_once_every_member_wrote_one(group):
    mentorship, mentor, ana, ben = group
    for person in (mentor, ana):
        save_recognition(
            participant=_place(mentorship, person), recognition="Thanks", alumni_opt_in=False
        )
    assert not closure_checklist(mentorship)["recognition"]
    save_recognition(participant=_place(mentorship, ben), recognition="Merci", alumni_opt_in=False)
    assert closure_checklist(mentorship)["recognition"]


def test_every_member_of_a_closed_group_downloads_a_certificate(client, group):
    mentorship, *people = group
    sign_by_all(mentorship)
    closing = make_meeting(
        mentorship, starts_at=timezone.now() - timedelta(hours=1), is_closing=True
    )
    record_meeting_outcome(meeting=closing, actor=people[0].user, status="held")
    for person in people:
        propose_closure(participant=_place(mentorship, person))
    mentorship.refresh_from_db()
    save_closure_summary(mentorship=mentorship, summary="We met and grew.")
    close_mentorship(mentorship=mentorship, actor=people[0].user)
    for person in people:
        client.force_login(person.user)
        response = client.get(reverse("mentorships:certificate", args=[mentorship.pk]))
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
