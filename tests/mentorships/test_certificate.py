"""Every figure of the PDF certificate and of the closure page, checked against the data."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentora.mentorships.models import GoalStatus
from mentora.mentorships.selectors import draft_closure_summary
from mentora.mentorships.services.closure import (
    close_mentorship,
    leave_mentorship,
    propose_closure,
    save_closure_summary,
)
from mentora.mentorships.services.goals import record_goal_progress
from mentora.mentorships.services.meetings import cancel_meeting, record_meeting_outcome
from mentora.mentorships.services.relationships import create_mentorship
from tests.factories import (
    make_goal,
    make_meeting,
    make_member,
    make_organisation,
    make_pair,
    make_profile,
    make_profile_skill,
    make_programme,
    make_skill,
)


def _goal(mentorship, owner, title, status):
    goal = make_goal(mentorship, owner, title=title)
    if status != GoalStatus.NOT_STARTED:
        record_goal_progress(goal=goal, actor=owner.user, status=status, progress=50)
    return goal


def _held(mentorship, actor, days_ago, **kwargs):
    meeting = make_meeting(
        mentorship, starts_at=timezone.now() - timedelta(days=days_ago), **kwargs
    )
    record_meeting_outcome(meeting=meeting, actor=actor, status="held")
    return meeting


def _close(mentorship, actor):
    """Closing meeting held (it counts as a meeting held), closure agreed, summary, closed."""
    _held(mentorship, actor, 0, is_closing=True)
    for participant in mentorship.participants.active():
        propose_closure(participant=participant)
    mentorship.refresh_from_db()
    save_closure_summary(mentorship=mentorship, summary="Well done.")
    return close_mentorship(mentorship=mentorship, actor=actor)


def _certificate(client, mentorship, person) -> str:
    client.force_login(person.user)
    response = client.get(reverse("mentorships:certificate", args=[mentorship.pk]))
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(page.extract_text() for page in pages).replace("\n", " ")


def test_the_certificate_counts_and_lists_the_goals_achieved(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    _goal(mentorship, mentee, "Run a workshop", GoalStatus.ACHIEVED)
    _goal(mentorship, mentee, "Write a blog post", GoalStatus.ACHIEVED)
    _goal(mentorship, mentee, "Learn SQL", GoalStatus.ON_TRACK)
    _goal(mentorship, mentee, "Give up smoking", GoalStatus.DROPPED)
    _close(mentorship, mentor.user)
    text = _certificate(client, mentorship, mentee)
    assert "2 goals achieved" in text
    assert "✓ Run a workshop" in text and "✓ Write a blog post" in text
    assert "Learn SQL" not in text and "Give up smoking" not in text


def test_the_certificate_says_one_goal_achieved_in_the_singular(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    _goal(mentorship, mentee, "Run a workshop", GoalStatus.ACHIEVED)
    _close(mentorship, mentor.user)
    assert "1 goal achieved" in _certificate(client, mentorship, mentor)


def test_the_certificate_counts_only_meetings_held(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    _held(mentorship, mentor.user, 30)
    _held(mentorship, mentor.user, 20)
    missed = make_meeting(mentorship, starts_at=timezone.now() - timedelta(days=10))
    record_meeting_outcome(meeting=missed, actor=mentor.user, status="missed")
    cancel_meeting(meeting=make_meeting(mentorship), actor=mentor.user)
    make_meeting(mentorship)  # still planned: closing cancels it
    _close(mentorship, mentor.user)
    # Two meetings held plus the closing meeting.
    assert "3 meetings held" in _certificate(client, mentorship, mentor)


def test_the_certificate_gives_the_dates_of_the_relationship(client, organisation):
    programme = make_programme(organisation, starts_on=date(2027, 1, 1))
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=UTC), tick=False):
        mentorship, mentor, _mentee = make_pair(programme)
    with time_machine.travel(datetime(2027, 6, 20, 9, tzinfo=UTC), tick=False):
        _close(mentorship, mentor.user)
    with time_machine.travel(datetime(2027, 9, 1, 9, tzinfo=UTC), tick=False):
        text = _certificate(client, mentorship, mentor)
    assert "From 10 January 2027 to 20 June 2027" in text
    assert "Issued on 20 June 2027" in text


def test_a_member_seated_later_in_a_group_is_certified_from_the_day_they_joined(
    client, organisation
):
    from mentora.mentorships.services.relationships import add_group_mentees

    programme = make_programme(organisation, format="group", starts_on=date(2027, 1, 1))
    mentor, first, second, newcomer = (make_member(organisation) for _ in range(4))
    with time_machine.travel(datetime(2027, 1, 10, 9, tzinfo=UTC), tick=False):
        group = create_mentorship(programme=programme, mentors=[mentor], mentees=[first, second])
        _held(group, mentor.user, 0)
    with time_machine.travel(datetime(2027, 3, 15, 9, tzinfo=UTC), tick=False):
        add_group_mentees(mentorship=group, mentees=[newcomer])
    with time_machine.travel(datetime(2027, 4, 1, 9, tzinfo=UTC), tick=False):
        _held(group, mentor.user, 0)
    with time_machine.travel(datetime(2027, 6, 20, 9, tzinfo=UTC), tick=False):
        _close(group, mentor.user)
        text = _certificate(client, group, newcomer)
    assert "From 15 March 2027 to 20 June 2027" in text
    # The meeting of January took place before they joined.
    assert "2 meetings held" in text


def test_the_certificate_names_the_member_and_the_partners_still_in_the_group(client, organisation):
    programme = make_programme(organisation, format="group")
    mentor = make_member(organisation, first_name="Maya", last_name="Mentor")
    stays = make_member(organisation, first_name="Sacha", last_name="Stays")
    leaves = make_member(organisation, first_name="Lou", last_name="Leaves")
    group = create_mentorship(programme=programme, mentors=[mentor], mentees=[stays, leaves])
    leave_mentorship(participant=group.participants.get(membership=leaves), reason="personal")
    _close(group, mentor.user)
    text = _certificate(client, group, stays)
    assert "This certifies that Sacha Stays" in text
    assert "took part as mentee" in text
    assert "with Maya Mentor" in text
    assert "Lou Leaves" not in text


def test_the_summary_counts_goals_achieved_out_of_those_not_dropped(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    _goal(mentorship, mentee, "Run a workshop", GoalStatus.ACHIEVED)
    _goal(mentorship, mentee, "Learn SQL", GoalStatus.ON_TRACK)
    _goal(mentorship, mentee, "Give up smoking", GoalStatus.DROPPED)
    summary = draft_closure_summary(mentorship)
    assert "Goals achieved: 1 of 2" in summary
    assert "✓ Run a workshop" in summary
    assert "… Learn SQL (50 %)" in summary
    assert "Give up smoking" not in summary


def test_the_summary_finds_skills_across_partner_organisations(organisation):
    partner = make_organisation(name="Partner Co")
    programme = make_programme(organisation, kind="inter_company")
    programme.partner_organisations.add(partner)
    mentor, mentee = make_member(partner), make_member(organisation)
    mentorship = create_mentorship(programme=programme, mentors=[mentor], mentees=[mentee])
    # Each organisation has its own taxonomy: the same skill is two rows.
    make_profile_skill(make_profile(mentee), make_skill(organisation, name="Python"), "sought")
    make_profile_skill(make_profile(mentor), make_skill(partner, name="python"), "offered")
    assert draft_closure_summary(mentorship).endswith("Skills gained:\n- Python")


def test_the_closure_page_shows_figures_from_the_data_after_the_summary_was_saved(
    client, programme
):
    mentorship, mentor, mentee = make_pair(programme)
    goal = _goal(mentorship, mentee, "Run a workshop", GoalStatus.ON_TRACK)
    for participant in mentorship.participants.all():
        propose_closure(participant=participant)
    save_closure_summary(mentorship=mentorship, summary=draft_closure_summary(mentorship))
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ACHIEVED, progress=100)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:closure", args=[mentorship.pk]))
    figures = response.context["figures"]
    assert ([g.title for g in figures.achieved], figures.goals) == (["Run a workshop"], 1)
    assert "Goals achieved: 1 of 1" in response.content.decode()


def test_a_very_long_word_wraps_inside_the_certificate(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    word = "Supercalifragilistic" * 10
    _goal(mentorship, mentee, word, GoalStatus.ACHIEVED)
    _close(mentorship, mentor.user)
    client.force_login(mentee.user)
    response = client.get(reverse("mentorships:certificate", args=[mentorship.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    # Cut across lines within the page's frame, rather than running off the page in one piece.
    assert word not in text and word in text.replace("\n", "")
