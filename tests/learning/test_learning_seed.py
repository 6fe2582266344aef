from __future__ import annotations

from django.urls import reverse

from mentora.learning.models import Resource, StepCompletion, TrainingModule
from mentora.learning.seed import seed_learning
from mentora.learning.services import complete_step
from tests.factories import make_module, make_step


def test_seed_adds_four_bilingual_onboarding_modules(organisation):
    seed_learning(organisation)
    modules = TrainingModule.objects.filter(organisation=organisation, is_published=True)
    assert sorted(modules.values_list("audience", "language")) == [
        ("mentee", "en"),
        ("mentee", "fr"),
        ("mentor", "en"),
        ("mentor", "fr"),
    ]
    assert all(5 <= m.steps.count() <= 6 for m in modules)
    assert Resource.objects.filter(organisation=organisation).count() == 12


def test_seed_questions_have_a_right_option(organisation):
    seed_learning(organisation)
    for module in TrainingModule.objects.all():
        questions = [s for s in module.steps.all() if s.has_question]
        assert len(questions) >= 4
        assert all(s.correct_answer for s in questions)


def test_seed_twice_changes_nothing(organisation):
    seed_learning(organisation)
    seed_learning(organisation)
    assert TrainingModule.objects.count() == 4
    assert Resource.objects.count() == 12


def test_the_programme_form_sets_required_modules(client, coordinator, programme, organisation):
    module = make_module(organisation)
    make_module(organisation, title="Draft", is_published=False)
    client.force_login(coordinator.user)
    edit = reverse("programs:edit", args=[programme.pk])
    choices = list(client.get(edit).context["form"].fields["required_modules"].queryset)
    assert choices == [module]
    form = client.get(edit).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "required_modules"}
    data.update(coordinators=[coordinator.user.pk], required_modules=[module.pk])
    data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items()}
    data.pop("sponsors", None)
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    assert list(programme.required_modules.all()) == [module]


def test_the_public_page_shows_the_members_own_training(client, member, programme, organisation):
    module = make_module(organisation, title="Mentor onboarding")
    module.required_by.add(programme)
    steps = [make_step(module), make_step(module)]
    complete_step(membership=member, step=steps[0])
    client.force_login(member.user)
    page = client.get(programme.get_public_url()).content.decode()
    assert "Required training" in page and "Mentor onboarding" in page
    assert "50% · 1 of 2 steps" in page


def test_the_demo_mentor_completed_the_required_training(db):
    from mentora.demo.builder import DemoBuilder

    org = DemoBuilder().build()
    programme = org.programmes.get(name="Mentorat Talents 2027")
    assert {m.language for m in programme.required_modules.all()} == {"fr"}
    mentor = org.memberships.get(user__email="mentor@demo.mentora.fr")
    assert StepCompletion.objects.filter(membership=mentor).count() == 6


def test_coordinators_see_how_many_approved_participants_are_trained(
    client, coordinator, member, programme, organisation
):
    from mentora.enrolment.models import Application

    module = make_module(organisation, title="Everyone's onboarding")
    module.required_by.add(programme)
    complete_step(membership=member, step=make_step(module))
    Application.objects.create(
        programme=programme, membership=member, role="mentee", status="approved"
    )
    client.force_login(coordinator.user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "1 of 1 approved participant completed the training." in page


# Themes every onboarding module covers, as its step titles name them in its language.
SEED_THEMES = {
    "en": ("listen", "feedback", "smart", "clos"),
    "fr": ("écout", "feedback", "smart", "clôtur"),
}


def test_seed_modules_cover_listening_feedback_smart_goals_and_closing(organisation):
    seed_learning(organisation)
    for module in TrainingModule.objects.all():
        titles = [step.title.casefold() for step in module.steps.all()]
        for theme in SEED_THEMES[module.language]:
            assert any(theme in title for title in titles), (module.title, theme)
