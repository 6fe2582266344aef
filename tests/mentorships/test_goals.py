from __future__ import annotations

from django.urls import reverse

from mentora.mentorships.models import GoalStatus
from mentora.mentorships.services.goals import (
    add_action_item,
    record_goal_progress,
    set_action_done,
)
from tests.factories import make_goal, make_pair, make_programme


def test_status_changes_are_kept_in_the_goal_history(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ON_TRACK, progress=30)
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.OFF_TRACK, progress=35)
    assert [u.status for u in goal.updates.all()] == ["off_track", "on_track", "not_started"]


def test_an_achieved_goal_is_complete(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    record_goal_progress(goal=goal, actor=mentee.user, status=GoalStatus.ACHIEVED, progress=60)
    goal.refresh_from_db()
    assert goal.progress == 100


def test_a_task_can_be_ticked_and_unticked(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    action = add_action_item(goal=make_goal(mentorship, mentee), title="Read", owner=mentee)
    assert set_action_done(action=action, done=True).done_at is not None
    assert set_action_done(action=action, done=False).done_at is None


def test_goals_belong_to_the_mentee_by_default(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    client.force_login(mentor.user)
    response = client.get(reverse("mentorships:goal_create", args=[mentorship.pk]))
    owners = list(response.context["form"].fields["owner"].queryset)
    assert [p.membership for p in owners] == [mentee]


def test_a_reverse_programme_offers_digital_goal_templates(client, organisation):
    mentorship, mentor, _mentee = make_pair(make_programme(organisation, kind="reverse"))
    client.force_login(mentor.user)
    url = reverse("mentorships:goal_create", args=[mentorship.pk])
    response = client.get(url, {"template": "1"})
    assert response.context["form"].initial["title"] == "Use generative AI safely in my work"


def test_a_member_adds_a_goal(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    client.force_login(mentee.user)
    participant = mentorship.participants.get(membership=mentee)
    client.post(
        reverse("mentorships:goal_create", args=[mentorship.pk]),
        {"title": "Lead a meeting", "due_on": "2027-06-30", "owner": participant.pk},
    )
    assert mentorship.goals.get().owner == mentee


def test_a_member_records_progress_and_the_goal_page_shows_its_history(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    client.force_login(mentee.user)
    client.post(
        reverse("mentorships:goal_progress", args=[mentorship.pk, goal.pk]),
        {"status": "off_track", "progress": "20", "comment": "A busy month"},
    )
    page = client.get(reverse("mentorships:goal_detail", args=[mentorship.pk, goal.pk]))
    assert [(u.status, u.progress) for u in page.context["updates"]] == [
        ("off_track", 20),
        ("not_started", 0),
    ]
    assert "A busy month" in page.content.decode()


def test_a_progress_out_of_range_is_refused_with_a_message(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    client.force_login(mentee.user)
    response = client.post(
        reverse("mentorships:goal_progress", args=[mentorship.pk, goal.pk]),
        {"status": "on_track", "progress": "150"},
        follow=True,
    )
    goal.refresh_from_db()
    assert (goal.status, goal.progress, goal.updates.count()) == ("not_started", 0, 1)
    assert "between 0 and 100" in response.content.decode()


def test_a_member_adds_a_task_with_an_owner_and_a_due_date(client, programme):
    mentorship, mentor, mentee = make_pair(programme)
    goal = make_goal(mentorship, mentee)
    client.force_login(mentor.user)
    client.post(
        reverse("mentorships:action_create", args=[mentorship.pk, goal.pk]),
        {
            "title": "Send two articles",
            "owner": mentorship.participants.get(membership=mentor).pk,
            "due_on": "2027-04-30",
        },
    )
    action = goal.actions.get()
    assert (action.title, action.owner, str(action.due_on), action.done) == (
        "Send two articles",
        mentor,
        "2027-04-30",
        False,
    )


def test_in_a_peer_pair_each_peer_owns_goals(client, organisation):
    from mentora.mentorships.services.relationships import create_mentorship
    from tests.factories import make_member

    programme = make_programme(organisation, kind="peer")
    peers = [make_member(organisation), make_member(organisation)]
    mentorship = create_mentorship(programme=programme, peers=peers)
    client.force_login(peers[0].user)
    response = client.get(reverse("mentorships:goal_create", args=[mentorship.pk]))
    owners = {p.membership for p in response.context["form"].fields["owner"].queryset}
    assert owners == set(peers)
    assert (
        response.context["form"].initial["owner"]
        == mentorship.participants.get(membership=peers[0]).pk
    )


def test_every_programme_kind_offers_goal_templates():
    from mentora.mentorships.content import goal_templates
    from mentora.programs.models import Kind

    assert all(goal_templates(kind) for kind in Kind.values)
