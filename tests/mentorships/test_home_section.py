from __future__ import annotations

from django.urls import reverse

from tests.factories import make_pair


def test_the_home_page_shows_the_next_step_of_each_relationship(client, programme):
    _mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    page = client.get(reverse("home:home")).content.decode()
    assert "Sign your mentoring agreement" in page


def test_members_in_a_relationship_get_a_my_mentoring_menu_item(client, programme):
    _mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    labels = [str(item["label"]) for item in client.get("/home/").context["nav_items"]]
    assert "My mentoring" in labels


def test_members_without_a_relationship_get_no_such_item(client, member):
    client.force_login(member.user)
    labels = [str(item["label"]) for item in client.get("/home/").context["nav_items"]]
    assert "My mentoring" not in labels
