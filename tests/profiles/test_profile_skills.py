"""Skills offered and sought on one's profile, and skills proposed by members."""

from __future__ import annotations

from django.urls import reverse

from mentora.accounts.models import AuditEntry
from mentora.profiles.models import ProfileSkill, Skill
from tests.factories import make_organisation, make_profile, make_profile_skill, make_skill


def _add(client, member, skill, direction="offered", level=3, priority=""):
    client.force_login(member.user)
    data = {f"{direction}-skill": str(skill.pk), f"{direction}-level": str(level)}
    if priority:
        data[f"{direction}-priority"] = priority
    return client.post(reverse("profiles:skill_add", args=[direction]), data)


def test_member_adds_an_offered_skill_with_its_level(client, member):
    skill = make_skill(member.organisation, name="Python")
    response = _add(client, member, skill, level=4)
    assert response.status_code == 302
    link = ProfileSkill.objects.get(profile__membership=member)
    assert (link.skill, link.direction, link.level, link.priority) == (skill, "offered", 4, "")


def test_member_adds_a_sought_skill_with_its_priority(client, member):
    skill = make_skill(member.organisation, name="Negotiation")
    _add(client, member, skill, direction="sought", level=3, priority="must_have")
    link = ProfileSkill.objects.get(profile__membership=member)
    assert (link.direction, link.priority) == ("sought", "must_have")


def test_level_out_of_range_is_refused(client, member):
    skill = make_skill(member.organisation)
    response = _add(client, member, skill, level=6)
    assert "Choose a level between 1 and 5." in response.content.decode()
    assert not ProfileSkill.objects.exists()


def test_skill_of_another_organisation_is_refused(client, member):
    foreign = make_skill(make_organisation(), name="Secret sauce")
    response = _add(client, member, foreign)
    assert "Choose a skill from your organisation&#x27;s list." in response.content.decode()
    assert not ProfileSkill.objects.exists()


def test_offered_skill_cannot_also_be_sought(client, member):
    skill = make_skill(member.organisation, name="Python")
    make_profile_skill(make_profile(member), skill, direction="offered")
    response = _add(client, member, skill, direction="sought")
    assert "is already among the skills you offer" in response.content.decode()
    assert ProfileSkill.objects.count() == 1


def test_same_skill_cannot_be_offered_twice(client, member):
    skill = make_skill(member.organisation, name="Python")
    make_profile_skill(make_profile(member), skill, direction="offered")
    response = _add(client, member, skill, direction="offered")
    assert "is already among the skills you offer" in response.content.decode()


def test_at_most_ten_skills_per_direction(client, member):
    profile = make_profile(member)
    for _ in range(10):
        make_profile_skill(profile, make_skill(member.organisation), direction="sought")
    response = _add(client, member, make_skill(member.organisation), direction="sought")
    assert "You can list up to 10 skills here" in response.content.decode()
    assert profile.skills.count() == 10


def test_member_changes_the_level_and_priority_of_a_sought_skill(client, member):
    link = make_profile_skill(make_profile(member), make_skill(member.organisation), "sought", 2)
    client.force_login(member.user)
    client.post(
        reverse("profiles:skill_update", args=[link.pk]), {"level": "5", "priority": "must_have"}
    )
    link.refresh_from_db()
    assert (link.level, link.priority) == (5, "must_have")


def test_member_removes_a_skill(client, member):
    link = make_profile_skill(make_profile(member), make_skill(member.organisation))
    client.force_login(member.user)
    client.post(reverse("profiles:skill_remove", args=[link.pk]))
    assert not ProfileSkill.objects.exists()


def test_member_cannot_change_someone_elses_skill(client, member, coordinator):
    link = make_profile_skill(make_profile(coordinator), make_skill(member.organisation))
    client.force_login(member.user)
    response = client.post(reverse("profiles:skill_remove", args=[link.pk]))
    assert response.status_code == 404
    assert ProfileSkill.objects.exists()


def _propose(client, member, name, direction="offered", level=3):
    client.force_login(member.user)
    return client.post(
        reverse("profiles:skill_propose"),
        {
            "proposal-name": name,
            "proposal-category": "Crafts",
            "proposal-direction": direction,
            "proposal-level": str(level),
        },
    )


def test_proposed_skill_is_on_the_proposers_profile_at_once(client, member):
    _propose(client, member, "Kintsugi", direction="sought", level=2)
    skill = Skill.objects.get(name="Kintsugi")
    assert (skill.status, skill.proposed_by) == ("proposed", member)
    link = ProfileSkill.objects.get(profile__membership=member)
    assert (link.skill, link.direction, link.level) == (skill, "sought", 2)


def test_proposed_skill_shows_as_awaiting_review(client, member):
    _propose(client, member, "Kintsugi")
    page = client.get(reverse("profiles:mine")).content.decode()
    assert "Kintsugi" in page and "awaiting review" in page


def test_proposal_is_audited(client, member):
    _propose(client, member, "Kintsugi")
    assert AuditEntry.objects.filter(action="skill.propose", target="Kintsugi").exists()


def test_proposing_an_existing_skill_is_refused(client, member):
    make_skill(member.organisation, name="Python")
    response = _propose(client, member, "  python ")
    assert "is already in the list: choose it there." in response.content.decode()
    assert Skill.objects.count() == 1


def test_refused_proposal_leaves_no_skill_behind(client, member):
    profile = make_profile(member)
    for _ in range(10):
        make_profile_skill(profile, make_skill(member.organisation))
    _propose(client, member, "Kintsugi")
    assert not Skill.objects.filter(name="Kintsugi").exists()


def test_someone_elses_proposal_cannot_be_picked(client, member, coordinator):
    proposal = Skill.objects.create(
        organisation=member.organisation,
        name="Juggling",
        status="proposed",
        proposed_by=coordinator,
    )
    response = _add(client, member, proposal)
    assert "Choose a skill from your organisation&#x27;s list." in response.content.decode()


def test_a_proposal_once_accepted_can_be_picked_by_colleagues(client, member, coordinator):
    from mentora.profiles.services import accept_skill

    proposal = Skill.objects.create(
        organisation=member.organisation,
        name="Juggling",
        status="proposed",
        proposed_by=coordinator,
    )
    accept_skill(skill=proposal, actor=coordinator.user)
    _add(client, member, proposal)
    assert ProfileSkill.objects.get(profile__membership=member).skill == proposal


def test_a_bad_level_or_priority_changes_nothing_and_says_why(client, member):
    link = make_profile_skill(make_profile(member), make_skill(member.organisation), "sought", 2)
    client.force_login(member.user)
    url = reverse("profiles:skill_update", args=[link.pk])
    level = client.post(url, {"level": "9", "priority": "must_have"}, follow=True)
    assert "Choose a level between 1 and 5." in level.content.decode()
    priority = client.post(url, {"level": "4", "priority": "urgent"}, follow=True)
    assert "Choose a level between 1 and 5." not in priority.content.decode()
    assert "urgent" in priority.content.decode()
    link.refresh_from_db()
    assert (link.level, link.priority) == (2, "")
