"""Starter content: bilingual onboarding modules for mentors and mentees and a small library.

`seed_learning(organisation)` is idempotent: content that exists (same title) is left as is.
In the demo organisation it also makes the running flagship programme require the French
modules and gives its participants a realistic progress.
"""

from __future__ import annotations

import random
from typing import Any

from django.db import transaction

from mentora.accounts.models import Membership, Organisation
from mentora.learning.models import Resource, StepCompletion, Topic, TrainingModule, TrainingStep
from mentora.learning.seed_content_en import MENTEE_MODULE_EN, MENTOR_MODULE_EN, RESOURCES_EN
from mentora.learning.seed_content_fr import MENTEE_MODULE_FR, MENTOR_MODULE_FR, RESOURCES_FR

MODULES = [MENTOR_MODULE_FR, MENTEE_MODULE_FR, MENTOR_MODULE_EN, MENTEE_MODULE_EN]
RESOURCES = [*RESOURCES_FR, *RESOURCES_EN]

# The demo's running programme and the French modules it requires before matching.
DEMO_PROGRAMME = "Mentorat Talents 2027"


@transaction.atomic
def seed_learning(organisation: Organisation) -> None:
    """Add the starter library and onboarding modules to an organisation, once."""
    resources: dict[str, Resource] = {
        str(spec["key"]): _resource(organisation, spec) for spec in RESOURCES
    }
    modules = {
        (spec["audience"], spec["language"]): _module(organisation, spec, resources)
        for spec in MODULES
    }
    programme = organisation.programmes.filter(name=DEMO_PROGRAMME).first()
    if programme is not None:
        required = [modules[("mentor", "fr")], modules[("mentee", "fr")]]
        for module in required:
            module.required_by.add(programme)
        _demo_progress(programme, {"mentor": required[0], "mentee": required[1]})


def _resource(organisation: Organisation, spec: dict[str, Any]) -> Resource:
    resource, created = Resource.objects.get_or_create(
        organisation=organisation,
        title=spec["title"],
        defaults={
            "kind": spec["kind"],
            "description": spec["description"],
            "audience": spec["audience"],
            "language": spec["key"][-2:],  # keys end with the language code
        },
    )
    if created:
        resource.topics.set(
            [
                Topic.objects.get_or_create(organisation=organisation, name=name)[0]
                for name in spec["topics"]
            ]
        )
    return resource


def _module(
    organisation: Organisation, spec: dict[str, Any], resources: dict[str, Resource]
) -> TrainingModule:
    module, created = TrainingModule.objects.get_or_create(
        organisation=organisation,
        title=spec["title"],
        defaults={
            "description": spec["description"],
            "audience": spec["audience"],
            "language": spec["language"],
            "is_published": True,
        },
    )
    if created:
        TrainingStep.objects.bulk_create(
            [
                TrainingStep(
                    module=module,
                    position=position,
                    title=step["title"],
                    body=step["body"],
                    resource=resources.get(step["resource"] or ""),
                    question=step["question"] or "",
                    options=step.get("options", []) if step["question"] else [],
                    correct_option=step.get("correct") if step["question"] else None,
                    explanation=step.get("explanation", ""),
                )
                for position, step in enumerate(spec["steps"], start=1)
            ]
        )
    return module


def _demo_progress(programme: Any, modules: dict[str, TrainingModule]) -> None:
    """Most approved participants are done, some halfway, a few have not started."""
    from mentora.core.demo import DEMO_DOMAIN

    rng = random.Random(2027)
    completions = []
    steps = {role: list(module.steps.order_by("position")) for role, module in modules.items()}
    approved = (
        programme.applications.filter(status="approved", role__in=list(modules))
        .select_related("membership__user")
        .order_by("pk")
    )
    for application in approved:
        membership: Membership = application.membership
        role_steps = steps[application.role]
        email = membership.user.email
        if email == f"mentor@{DEMO_DOMAIN}":
            done = len(role_steps)  # the demo mentor has finished
        elif email == f"mentee@{DEMO_DOMAIN}":
            done = 3  # the demo mentee is halfway through
        else:
            draw = rng.random()
            if draw < 0.6:
                done = len(role_steps)
            elif draw < 0.88:
                done = rng.randint(1, len(role_steps) - 1)
            else:
                done = 0
        completions += [StepCompletion(membership=membership, step=s) for s in role_steps[:done]]
    StepCompletion.objects.bulk_create(completions, ignore_conflicts=True)
