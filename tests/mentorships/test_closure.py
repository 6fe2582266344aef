from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.models import GoalStatus, Stage
from mentora.mentorships.selectors import draft_closure_summary
from mentora.mentorships.services.closure import (
    close_mentorship,
    leave_mentorship,
    propose_closure,
    save_closure_summary,
    save_recognition,
)
from mentora.mentorships.services.goals import record_goal_progress
from mentora.mentorships.services.meetings import record_meeting_outcome
from tests.factories import (
    make_goal,
    make_meeting,
    make_organisation,
    make_pair,
    make_profile,
    make_profile_skill,
    make_programme,
    make_skill,
)


def _agree(mentorship):
    for participant in mentorship.participants.all():
        propose_closure(participant=participant)
    mentorship.refresh_from_db()
    return mentorship


def _ready_to_close(mentorship, actor):
    meeting = make_meeting(
        mentorship, starts_at=timezone.now() - timedelta(hours=1), is_closing=True
    )
    record_meeting_outcome(meeting=meeting, actor=actor, status="held")
    mentorship = _agree(mentorship)
    return save_closure_summary(mentorship=mentorship, summary="Six meetings, two goals met.")


def test_closure_waits_until_every_member_agrees(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    propose_closure(participant=mentorship.participants.get(membership=mentor))
    mentorship.refresh_from_db()
    assert mentorship.stage == Stage.ESTABLISH


def test_closure_opens_once_everyone_agreed(programme):
    mentorship, _mentor, _mentee = make_pair(programme)
    assert _agree(mentorship).stage == Stage.CLOSURE


def test_the_summary_is_compiled_from_goals_until_a_member_saves_it(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee, title="Run a workshop")
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ACHIEVED, progress=100)
    _agree(mentorship)
    client.force_login(mentee.user)
    response = client.get(reverse("mentorships:closure", args=[mentorship.pk]))
    summary = response.context["summary_form"].initial["summary"]
    assert "Goals achieved: 1 of 1" in summary
    assert "✓ Run a workshop" in summary
    assert not response.context["checklist"]["summary"]


def test_closure_opens_at_once_when_the_programme_is_closing(programme):
    programme.status = "closing"
    programme.save()
    mentorship, mentor, _mentee = make_pair(programme)
    propose_closure(participant=mentorship.participants.get(membership=mentor))
    mentorship.refresh_from_db()
    assert mentorship.stage == Stage.CLOSURE


def test_closing_needs_a_saved_summary(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    meeting = make_meeting(
        mentorship, starts_at=timezone.now() - timedelta(hours=1), is_closing=True
    )
    record_meeting_outcome(meeting=meeting, actor=mentor.user, status="held")
    with pytest.raises(MentorshipError):
        close_mentorship(mentorship=_agree(mentorship), actor=mentor.user)


def test_closing_needs_the_closing_meeting_held(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    mentorship = _agree(mentorship)
    with pytest.raises(MentorshipError):
        close_mentorship(mentorship=mentorship, actor=mentor.user)


def test_a_relationship_closes_once_its_checklist_allows(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    mentorship = _ready_to_close(mentorship, mentor.user)
    close_mentorship(mentorship=mentorship, actor=mentor.user)
    mentorship.refresh_from_db()
    assert (mentorship.stage, mentorship.end_reason) == (Stage.CLOSED, "completed")


def test_a_member_downloads_a_pdf_certificate_once_closed(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    close_mentorship(mentorship=_ready_to_close(mentorship, mentor.user), actor=mentor.user)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:certificate", args=[mentorship.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_certificate_names_the_member_the_programme_and_the_partner(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    close_mentorship(mentorship=_ready_to_close(mentorship, mentor.user), actor=mentor.user)
    mentee.user.language = "fr"
    mentee.user.save()
    client.force_login(mentee.user)
    response = client.get(reverse("mentorships:certificate", args=[mentorship.pk]))
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages
    ).replace("\n", " ")
    assert "Attestation de participation" in text
    assert mentee.user.get_full_name() in text
    assert mentor.user.get_full_name() in text
    assert programme.name in text


def test_the_alumni_directory_lists_only_those_who_opted_in(client, programme, member):
    mentorship, mentor, mentee = make_pair(programme)
    mentorship = _ready_to_close(mentorship, mentor.user)
    save_recognition(
        participant=mentorship.participants.get(membership=mentor),
        recognition="Thank you",
        alumni_opt_in=True,
    )
    close_mentorship(mentorship=mentorship, actor=mentor.user)
    client.force_login(member.user)
    alumni = client.get(reverse("mentorships:alumni")).context["alumni"]
    assert [a.membership for a in alumni] == [mentor]


def test_a_closed_relationship_can_no_longer_be_changed(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    close_mentorship(mentorship=_ready_to_close(mentorship, mentor.user), actor=mentor.user)
    client.force_login(mentor.user)
    client.post(reverse("mentorships:goal_create", args=[mentorship.pk]), {"title": "Too late"})
    assert not mentorship.goals.exists()


def test_the_summary_lists_the_skills_the_mentee_sought_and_the_mentor_offered(programme):
    mentorship, mentor, mentee = make_pair(programme)
    organisation = programme.organisation
    python, speaking, origami = (
        make_skill(organisation, name=name) for name in ("Python", "Public speaking", "Origami")
    )
    mentee_profile, mentor_profile = make_profile(mentee), make_profile(mentor)
    for skill in (python, speaking, origami):
        make_profile_skill(mentee_profile, skill, direction="sought")
    for skill in (speaking, python):
        make_profile_skill(mentor_profile, skill, direction="offered")
    summary = draft_closure_summary(mentorship)
    assert summary.endswith("Skills gained:\n- Public speaking\n- Python")


def test_the_summary_leaves_a_line_for_skills_when_profiles_say_nothing(programme):
    mentorship, _mentor, _mentee = make_pair(programme)
    assert draft_closure_summary(mentorship).endswith("Skills gained:\n- ")


def test_closing_cancels_the_meetings_still_planned_and_tells_calendars(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    mentorship = _ready_to_close(mentorship, mentor.user)
    later = make_meeting(mentorship)
    close_mentorship(mentorship=mentorship, actor=mentor.user)
    later.refresh_from_db()
    assert (later.status, later.sequence) == ("cancelled", 1)


def _close_with_alumnus(programme):
    mentorship, mentor, _mentee = make_pair(programme)
    mentorship = _ready_to_close(mentorship, mentor.user)
    save_recognition(
        participant=mentorship.participants.get(membership=mentor),
        recognition="Thank you",
        alumni_opt_in=True,
    )
    close_mentorship(mentorship=mentorship, actor=mentor.user)
    return mentor


def test_the_alumni_directory_shows_only_the_organisations_own_alumni(client, programme, member):
    elsewhere = make_programme(make_organisation(name="Globex"))
    theirs = _close_with_alumnus(elsewhere)
    ours = _close_with_alumnus(programme)
    client.force_login(member.user)
    assert [a.membership for a in client.get(reverse("mentorships:alumni")).context["alumni"]] == [
        ours
    ]
    client.force_login(theirs.user)
    assert [a.membership for a in client.get(reverse("mentorships:alumni")).context["alumni"]] == [
        theirs
    ]


def test_the_alumni_directory_leaves_out_relationships_that_ended_early(client, programme, member):
    mentorship, mentor, mentee = make_pair(programme)
    _agree(mentorship)
    save_recognition(
        participant=mentorship.participants.get(membership=mentor),
        recognition="",
        alumni_opt_in=True,
    )
    leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    client.force_login(member.user)
    assert not client.get(reverse("mentorships:alumni")).context["alumni"]


def test_a_closed_relationship_takes_no_new_journal_entry_and_says_why(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    close_mentorship(mentorship=_ready_to_close(mentorship, mentor.user), actor=mentor.user)
    client.force_login(mentor.user)
    response = client.post(
        reverse("mentorships:journal", args=[mentorship.pk]),
        {"title": "After", "body": "Looking back"},
        follow=True,
    )
    assert not mentorship.journal_entries.exists()
    assert "it can no longer be changed" in response.content.decode()
