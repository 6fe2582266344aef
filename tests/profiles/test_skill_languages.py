"""Skills named in each interface language: each reader sees the names of their language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from mentora.profiles.models import Skill
from tests.factories import make_profile, make_profile_skill, make_skill


@pytest.fixture(autouse=True)
def _french_organisation(organisation):
    # The canonical names are French; the English ones sit beside them.
    organisation.default_language = "fr"
    organisation.save(update_fields=["default_language"])


@pytest.fixture
def negotiation(organisation):
    return make_skill(
        organisation,
        name="Négociation",
        name_translations={"en": "Negotiation"},
        category="Relations humaines",
        category_translations={"en": "People skills"},
    )


def _login(client, membership, language):
    membership.user.language = language
    membership.user.save(update_fields=["language"])
    client.force_login(membership.user)


def _taxonomy(client, **params):
    return client.get(reverse("profiles:taxonomy"), params).content.decode()


def test_an_english_reader_sees_english_skill_names_on_the_profile_page(
    client, member, negotiation
):
    make_profile_skill(make_profile(member), negotiation, "offered")
    _login(client, member, "en")
    html = client.get(reverse("profiles:mine")).content.decode()
    assert "Negotiation" in html and "Négociation" not in html


def test_a_french_reader_sees_french_skill_names_on_the_profile_page(client, member, negotiation):
    make_profile_skill(make_profile(member), negotiation, "offered")
    _login(client, member, "fr")
    html = client.get(reverse("profiles:mine")).content.decode()
    assert "Négociation" in html and "Negotiation" not in html


def test_the_skill_picker_names_skills_and_categories_in_the_readers_language(
    client, member, negotiation
):
    _login(client, member, "en")
    form = client.get(reverse("profiles:skills")).context["offered_form"]
    choices = form.fields["skill"].widget.choices
    assert ("People skills", [(negotiation.pk, "Negotiation")]) in choices


def test_the_skill_picker_sorts_by_the_names_of_the_readers_language(client, member, negotiation):
    make_skill(
        member.organisation,
        name="Gestion de projet",
        name_translations={"en": "Project management"},
        category="Relations humaines",
        category_translations={"en": "People skills"},
    )
    for language, expected in (
        ("en", ["Negotiation", "Project management"]),
        ("fr", ["Gestion de projet", "Négociation"]),
    ):
        _login(client, member, language)
        form = client.get(reverse("profiles:skills")).context["sought_form"]
        _empty, (_category, options) = form.fields["skill"].widget.choices
        assert [label for _pk, label in options] == expected


def test_a_skill_without_a_name_in_the_readers_language_reads_as_its_own_name(organisation):
    skill = make_skill(organisation, name="Python", category="Numérique")
    with translation.override("en"):
        assert (str(skill), skill.display_category) == ("Python", "Numérique")


def test_taxonomy_search_finds_a_skill_by_its_english_name(client, coordinator, negotiation):
    make_skill(coordinator.organisation, name="Python")
    _login(client, coordinator, "fr")
    response = client.get(reverse("profiles:taxonomy"), {"q": "negotia"})
    assert list(response.context["page"].object_list) == [negotiation]


def test_taxonomy_search_finds_a_skill_by_its_french_name(client, coordinator, negotiation):
    make_skill(coordinator.organisation, name="Python")
    _login(client, coordinator, "en")
    response = client.get(reverse("profiles:taxonomy"), {"q": "Négoc"})
    assert list(response.context["page"].object_list) == [negotiation]


def test_taxonomy_shows_the_name_in_the_other_language(client, coordinator, negotiation):
    _login(client, coordinator, "en")
    html = _taxonomy(client)
    assert "<strong>Negotiation</strong>" in html and "French: Négociation" in html


def test_taxonomy_says_which_skills_lack_a_name_in_the_other_language(client, coordinator):
    make_skill(coordinator.organisation, name="Python")
    _login(client, coordinator, "fr")
    assert "Pas encore de nom en anglais" in _taxonomy(client)


def test_the_skill_form_labels_each_name_with_its_language(client, coordinator, negotiation):
    _login(client, coordinator, "fr")
    url = reverse("profiles:taxonomy_edit", args=[negotiation.pk])
    form = client.get(url).context["form"]
    labels = [str(field.label) for field in form]
    assert labels == [
        "Nom en français",
        "Nom en anglais",
        "Catégorie en français",
        "Catégorie en anglais",
    ]


def test_editing_a_skill_saves_its_name_in_each_language(client, coordinator):
    skill = make_skill(coordinator.organisation, name="Negociation", category="Divers")
    _login(client, coordinator, "fr")
    client.post(
        reverse("profiles:taxonomy_edit", args=[skill.pk]),
        {
            "name": "Négociation",
            "name_en": " Negotiation ",
            "category": "Relations humaines",
            "category_en": "People skills",
        },
    )
    skill.refresh_from_db()
    assert (skill.name, skill.name_translations) == ("Négociation", {"en": "Negotiation"})
    assert (skill.category, skill.category_translations) == (
        "Relations humaines",
        {"en": "People skills"},
    )


def test_a_name_taken_by_another_skill_in_another_language_is_refused_in_french(
    client, coordinator, negotiation
):
    _login(client, coordinator, "fr")
    response = client.post(reverse("profiles:taxonomy_create"), {"name": "negotiation"})
    html = response.content.decode()
    assert "est déjà le nom en anglais de la compétence" in html
    assert "Négociation" in html
    assert Skill.objects.count() == 1


def test_a_name_taken_by_another_skill_in_another_language_is_refused_in_english(
    client, coordinator, negotiation
):
    _login(client, coordinator, "en")
    response = client.post(
        reverse("profiles:taxonomy_create"), {"name": "Marchandage", "name_en": "NEGOTIATION"}
    )
    assert "The taxonomy already has a skill named “Negotiation”" in response.content.decode()
    assert Skill.objects.count() == 1


def test_a_name_differing_only_by_an_accented_capital_is_refused(client, coordinator):
    make_skill(coordinator.organisation, name="Équilibre vie pro / perso")
    _login(client, coordinator, "fr")
    client.post(reverse("profiles:taxonomy_create"), {"name": "équilibre vie pro / perso"})
    assert Skill.objects.count() == 1


def test_a_skill_may_bear_the_same_name_in_both_languages(client, coordinator):
    _login(client, coordinator, "fr")
    client.post(reverse("profiles:taxonomy_create"), {"name": "Python", "name_en": "Python"})
    assert Skill.objects.get().name_translations == {"en": "Python"}


def test_an_english_category_name_applies_to_every_skill_of_the_category(client, coordinator):
    python = make_skill(coordinator.organisation, name="Python", category="Numérique")
    sql = make_skill(coordinator.organisation, name="SQL", category="Numérique")
    _login(client, coordinator, "fr")
    client.post(
        reverse("profiles:taxonomy_edit", args=[python.pk]),
        {"name": "Python", "category": "Numérique", "category_en": "Digital"},
    )
    sql.refresh_from_db()
    assert sql.category_translations == {"en": "Digital"}


def test_a_new_skill_of_a_named_category_takes_the_categorys_english_name(client, coordinator):
    make_skill(
        coordinator.organisation,
        name="Python",
        category="Numérique",
        category_translations={"en": "Digital"},
    )
    _login(client, coordinator, "fr")
    client.post(reverse("profiles:taxonomy_create"), {"name": "SQL", "category": "Numérique"})
    assert Skill.objects.get(name="SQL").category_translations == {"en": "Digital"}


def _propose(client, member, name, category=""):
    return client.post(
        reverse("profiles:skill_propose"),
        {
            "proposal-name": name,
            "proposal-category": category,
            "proposal-direction": "offered",
            "proposal-level": "3",
        },
    )


def test_a_proposal_keeps_its_name_as_typed(client, member):
    _login(client, member, "en")
    _propose(client, member, "Storytelling")
    skill = Skill.objects.get()
    assert (skill.name, skill.name_translations, skill.status) == ("Storytelling", {}, "proposed")


def test_a_proposal_filed_under_a_categorys_english_name_joins_that_category(client, member):
    make_skill(
        member.organisation,
        name="Python",
        category="Numérique",
        category_translations={"en": "Digital"},
    )
    _login(client, member, "en")
    _propose(client, member, "Figma", category="digital")
    skill = Skill.objects.get(name="Figma")
    assert (skill.category, skill.category_translations) == ("Numérique", {"en": "Digital"})


def test_a_proposal_named_like_a_skill_in_the_other_language_is_refused(
    client, member, negotiation
):
    _login(client, member, "fr")
    html = _propose(client, member, "negotiation").content.decode()
    assert (
        "«\xa0negotiation\xa0» figure déjà dans la liste sous le nom «\xa0Négociation\xa0»" in html
    )
    assert Skill.objects.count() == 1


def test_a_coordinator_names_a_proposal_in_each_language_and_accepts_it(
    client, coordinator, member
):
    proposal = Skill.objects.create(
        organisation=coordinator.organisation,
        name="Storytelling",
        status="proposed",
        proposed_by=member,
    )
    _login(client, coordinator, "fr")
    client.post(
        reverse("profiles:taxonomy_edit", args=[proposal.pk]),
        {"name": "Art du récit", "name_en": "Storytelling", "accept": "1"},
    )
    proposal.refresh_from_db()
    assert (proposal.name, proposal.name_translations, proposal.status) == (
        "Art du récit",
        {"en": "Storytelling"},
        "accepted",
    )


def test_the_merge_form_names_skills_in_the_readers_language(client, coordinator, negotiation):
    source = make_skill(coordinator.organisation, name="Marchandage", category="Relations humaines")
    _login(client, coordinator, "en")
    form = client.get(reverse("profiles:taxonomy_merge", args=[source.pk])).context["form"]
    choices = form.fields["target"].widget.choices
    assert ("People skills", [(negotiation.pk, "Negotiation")]) in choices
