"""What the programme's coordinators read: figures per question, comments named only with
consent; sponsors and members read nothing of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from mentora.accounts.models import AuditEntry
from mentora.feedback.models import FeedbackSettings
from mentora.feedback.selectors import percent, programme_results, scale_mean
from mentora.feedback.services import answer_pulse, answer_session_feedback
from tests.factories import (
    make_held_meeting,
    make_member,
    make_mentorship,
    make_pulse,
    meeting_invitations,
)


@pytest.fixture
def answered(programme):
    """Four pairs' meetings held (eight invitations); four mentees answered, two with comments,
    one of which shares its author's name; one mentor answered a pulse "not a good fit"."""
    people = []
    for n, (rating, progress, comment, share) in enumerate(
        (
            (5, 4, "Named comment.", True),
            (4, 4, "Anonymous comment.", False),
            (2, 3, "", False),
            (4, 5, "", True),
        )
    ):
        mentor = make_member(programme.organisation, first_name=f"Mentor{n}", last_name="Test")
        mentee = make_member(programme.organisation, first_name=f"Mentee{n}", last_name="Test")
        mentorship = make_mentorship(programme, mentor, mentee)
        answer_session_feedback(
            invitation=meeting_invitations(make_held_meeting(mentorship))[mentee.pk],
            rating=rating,
            progress=progress,
            comment=comment,
            share_name=share,
        )
        people.append((mentorship, mentor, mentee))
    mentorship, mentor, _mentee = people[0]
    answer_pulse(invitation=make_pulse(mentorship, mentor), quality=2, fit="poor")
    return people


def _results(programme):
    return {result.instrument: result for result in programme_results(programme)}


def test_the_figures_equal_a_hand_computation(programme, answered):
    session = _results(programme)["session"]
    rating, progress = session.questions
    # 8 invited (4 meetings × 2 members), 4 answered.
    assert (session.invited, session.answered, session.response_rate) == (8, 4, 50)
    assert [o.count for o in rating.options] == [0, 1, 0, 2, 1]
    # (2 + 4 + 4 + 5) / 4 = 3.75 → 3.8 (half up); (3 + 4 + 4 + 5) / 4 = 4.0.
    assert (rating.mean, progress.mean) == (Decimal("3.8"), Decimal("4.0"))
    assert [o.percent for o in rating.options] == [0, 25, 0, 50, 25]


def test_the_pulse_figures_count_each_fit(programme, answered):
    pulse = _results(programme)["pulse"]
    quality, fit = pulse.questions
    assert (pulse.invited, pulse.answered) == (1, 1)
    assert [(o.value, o.count) for o in fit.options] == [("good", 0), ("deciding", 0), ("poor", 1)]
    assert fit.mean is None and quality.mean == Decimal("2.0")


def test_rounding_is_half_up():
    assert scale_mean({4: 1, 5: 1}) == Decimal("4.5")
    assert scale_mean({1: 3, 2: 1}) == Decimal("1.3")  # 1.25, not rounded to even
    assert percent(1, 8) == 13 and percent(1, 3) == 33 and percent(0, 0) is None


def test_coordinators_see_a_name_only_with_consent(client, coordinator, programme, answered):
    named_mentee = answered[0][2]
    anonymous_mentee = answered[1][2]
    client.force_login(coordinator.user)
    page = client.get(reverse("feedback:programme", args=[programme.pk])).content.decode()
    assert "Named comment." in page and str(named_mentee.user) in page
    assert "Anonymous comment." in page and str(anonymous_mentee.user) not in page
    assert "Name not shared" in page


def test_an_anonymous_comment_carries_no_name_nor_date(programme, answered):
    comments = _results(programme)["session"].comments
    anonymous = next(c for c in comments if c.text == "Anonymous comment.")
    assert (anonymous.name, anonymous.on) == (None, None)


def test_the_figures_read_in_french_with_a_decimal_comma(client, coordinator, programme, answered):
    coordinator.user.language = "fr"
    coordinator.user.save()
    client.force_login(coordinator.user)
    page = client.get(reverse("feedback:programme", args=[programme.pk])).content.decode()
    assert "3,8" in page and "3.8" not in page


def test_each_question_is_a_chart_whose_table_holds_its_figures(
    client, coordinator, programme, answered
):
    client.force_login(coordinator.user)
    page = client.get(reverse("feedback:programme", args=[programme.pk])).content.decode()
    assert page.count("<canvas") == 4 and "vendor/chart.umd.min.js" in page
    # Usefulness: two answers of 4 out of four.
    assert '<th scope="row">4</th><td class="num">2</td><td class="num">50%</td>' in page


@pytest.mark.parametrize("persona", ["sponsor", "member"])
def test_sponsors_and_members_may_not_read_the_results(client, request, programme, persona):
    client.force_login(request.getfixturevalue(persona).user)
    assert client.get(reverse("feedback:programme", args=[programme.pk])).status_code == 403


def test_a_coordinator_changes_the_pulse_cadence(client, coordinator, programme):
    client.force_login(coordinator.user)
    url = reverse("feedback:settings", args=[programme.pk])
    response = client.post(
        url, {"pulse_enabled": "on", "pulse_first_after_days": "21", "pulse_every_days": "45"}
    )
    assert response.status_code == 302
    settings = FeedbackSettings.objects.get(programme=programme)
    assert (settings.pulse_first_after_days, settings.pulse_every_days) == (21, 45)
    assert AuditEntry.objects.filter(action="feedback.settings", actor=coordinator.user).exists()


def test_a_coordinator_turns_pulses_off(client, coordinator, programme):
    client.force_login(coordinator.user)
    url = reverse("feedback:settings", args=[programme.pk])
    client.post(url, {"pulse_first_after_days": "30", "pulse_every_days": "60"})
    assert FeedbackSettings.objects.get(programme=programme).pulse_enabled is False


def test_a_cadence_out_of_bounds_is_refused_and_kept(client, coordinator, programme):
    client.force_login(coordinator.user)
    url = reverse("feedback:settings", args=[programme.pk])
    response = client.post(
        url, {"pulse_enabled": "on", "pulse_first_after_days": "3", "pulse_every_days": "60"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "greater than or equal to 7" in page and 'value="3"' in page
    assert not FeedbackSettings.objects.exists()


def test_the_results_take_as_many_queries_for_many_answers_as_for_few(
    programme, answered, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        programme_results(programme)
    for n in range(5):
        mentor = make_member(programme.organisation, first_name=f"Extra{n}")
        mentee = make_member(programme.organisation, first_name=f"Extra{n}")
        meeting = make_held_meeting(make_mentorship(programme, mentor, mentee))
        answer_session_feedback(
            invitation=meeting_invitations(meeting)[mentee.pk],
            rating=3,
            progress=3,
            comment=f"Comment {n}",
            share_name=True,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        programme_results(programme)
