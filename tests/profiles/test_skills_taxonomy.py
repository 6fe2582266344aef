"""Coordinators and org admins curate the organisation's skills."""

from __future__ import annotations

from django.urls import reverse

from mentora.accounts.models import AuditEntry
from mentora.profiles.models import ProfileSkill, Skill
from tests.factories import make_profile, make_profile_skill, make_skill


def test_taxonomy_lists_skills_with_categories_and_usage_counts(client, coordinator, member):
    skill = make_skill(coordinator.organisation, name="Python", category="Digital")
    make_profile_skill(make_profile(member), skill, "offered")
    client.force_login(coordinator.user)
    response = client.get(reverse("profiles:taxonomy"))
    row = next(s for s in response.context["page"].object_list if s.pk == skill.pk)
    assert (row.category, row.offered, row.sought) == ("Digital", 1, 0)


def test_taxonomy_filters_proposals(client, coordinator, member):
    make_skill(coordinator.organisation, name="Python")
    Skill.objects.create(
        organisation=coordinator.organisation,
        name="Kintsugi",
        status="proposed",
        proposed_by=member,
    )
    client.force_login(coordinator.user)
    response = client.get(reverse("profiles:taxonomy"), {"status": "proposed"})
    assert [s.name for s in response.context["page"].object_list] == ["Kintsugi"]


def test_member_may_not_manage_the_taxonomy(client, member):
    client.force_login(member.user)
    assert client.get(reverse("profiles:taxonomy")).status_code == 403


def test_coordinator_adds_a_skill(client, coordinator):
    client.force_login(coordinator.user)
    client.post(reverse("profiles:taxonomy_create"), {"name": " Data  viz ", "category": "Digital"})
    skill = Skill.objects.get()
    assert (skill.name, skill.category, skill.status) == ("Data viz", "Digital", "accepted")
    assert AuditEntry.objects.filter(action="skill.create", target="Data viz").exists()


def test_adding_a_skill_under_an_existing_name_is_refused(client, coordinator):
    make_skill(coordinator.organisation, name="Python")
    client.force_login(coordinator.user)
    response = client.post(reverse("profiles:taxonomy_create"), {"name": "PYTHON"})
    assert "already has a skill named" in response.content.decode()
    assert Skill.objects.count() == 1


def test_coordinator_renames_a_skill_and_changes_its_category(client, coordinator):
    skill = make_skill(coordinator.organisation, name="Pyton", category="Misc")
    client.force_login(coordinator.user)
    client.post(
        reverse("profiles:taxonomy_edit", args=[skill.pk]),
        {"name": "Python", "category": "Digital"},
    )
    skill.refresh_from_db()
    assert (skill.name, skill.category) == ("Python", "Digital")
    assert AuditEntry.objects.get(action="skill.update").details["previous"]["name"] == "Pyton"


def test_coordinator_accepts_a_proposal(client, coordinator, member):
    proposal = Skill.objects.create(
        organisation=coordinator.organisation,
        name="Kintsugi",
        status="proposed",
        proposed_by=member,
    )
    client.force_login(coordinator.user)
    client.post(reverse("profiles:taxonomy_accept", args=[proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert AuditEntry.objects.filter(action="skill.accept").exists()


def _merge(client, actor, source, target):
    client.force_login(actor.user)
    return client.post(
        reverse("profiles:taxonomy_merge", args=[source.pk]), {"target": str(target.pk)}
    )


def test_merging_a_proposal_moves_the_proposers_link(client, coordinator, member):
    target = make_skill(coordinator.organisation, name="Pottery")
    proposal = Skill.objects.create(
        organisation=coordinator.organisation,
        name="Kintsugi",
        status="proposed",
        proposed_by=member,
    )
    make_profile_skill(make_profile(member), proposal, "sought", 2)
    _merge(client, coordinator, proposal, target)
    link = ProfileSkill.objects.get()
    assert (link.skill, link.direction, link.level) == (target, "sought", 2)
    assert not Skill.objects.filter(pk=proposal.pk).exists()


def test_merge_keeps_one_line_with_the_higher_level(client, coordinator, member):
    source = make_skill(coordinator.organisation, name="Py")
    target = make_skill(coordinator.organisation, name="Python")
    profile = make_profile(member)
    make_profile_skill(profile, source, "sought", 4, priority="must_have")
    make_profile_skill(profile, target, "sought", 2, priority="nice_to_have")
    _merge(client, coordinator, source, target)
    link = ProfileSkill.objects.get()
    assert (link.skill, link.level, link.priority) == (target, 4, "must_have")


def test_merge_keeps_the_targets_line_when_directions_differ(client, coordinator, member):
    source = make_skill(coordinator.organisation, name="Py")
    target = make_skill(coordinator.organisation, name="Python")
    profile = make_profile(member)
    make_profile_skill(profile, source, "sought", 4)
    make_profile_skill(profile, target, "offered", 2)
    _merge(client, coordinator, source, target)
    link = ProfileSkill.objects.get()
    assert (link.skill, link.direction, link.level) == (target, "offered", 2)


def test_merge_is_audited(client, coordinator, member):
    source = make_skill(coordinator.organisation, name="Py")
    target = make_skill(coordinator.organisation, name="Python")
    make_profile_skill(make_profile(member), source)
    _merge(client, coordinator, source, target)
    entry = AuditEntry.objects.get(action="skill.merge")
    assert (entry.target, entry.details["merged"], entry.details["moved"]) == ("Python", "Py", 1)


def test_a_skill_cannot_be_merged_into_another_organisations_skill(client, coordinator, outsider):
    source = make_skill(coordinator.organisation, name="Py")
    foreign = make_skill(outsider.organisation, name="Python")
    response = _merge(client, coordinator, source, foreign)
    assert "Choose a skill from your organisation&#x27;s list." in response.content.decode()
    assert Skill.objects.filter(pk=source.pk).exists()


def test_unused_skill_is_deleted(client, coordinator):
    skill = make_skill(coordinator.organisation)
    client.force_login(coordinator.user)
    client.post(reverse("profiles:taxonomy_delete", args=[skill.pk]))
    assert not Skill.objects.exists()
    assert AuditEntry.objects.filter(action="skill.delete").exists()


def test_skill_in_use_is_not_deleted(client, coordinator, member):
    skill = make_skill(coordinator.organisation, name="Python")
    make_profile_skill(make_profile(member), skill)
    client.force_login(coordinator.user)
    response = client.post(reverse("profiles:taxonomy_delete", args=[skill.pk]), follow=True)
    assert "merge it into another skill instead" in response.content.decode()
    assert Skill.objects.exists()


def test_nav_shows_skills_to_coordinators_only(client, coordinator, member):
    url = reverse("profiles:taxonomy")
    client.force_login(coordinator.user)
    assert f'href="{url}"' in client.get(reverse("home:home")).content.decode()
    client.force_login(member.user)
    assert f'href="{url}"' not in client.get(reverse("home:home")).content.decode()


def test_merge_rewrites_skills_picked_in_application_answers(
    client, coordinator, member, programme
):
    from mentora.enrolment.models import Answer, Application, Question

    source = make_skill(coordinator.organisation, name="Py")
    target = make_skill(coordinator.organisation, name="Python")
    question = Question.objects.create(programme=programme, label="Skills?", kind="skills")
    application = Application.objects.create(programme=programme, membership=member, role="mentee")
    answer = Answer.objects.create(
        application=application, question=question, value=[source.pk, target.pk]
    )
    _merge(client, coordinator, source, target)
    answer.refresh_from_db()
    assert answer.value == [target.pk]
