"""Starter content: bilingual onboarding modules for mentors and mentees and a small library.

`seed_learning(organisation)` is idempotent: content that exists (same title) is left as is.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from mentora.accounts.models import Organisation
from mentora.learning.models import Resource, Topic, TrainingModule, TrainingStep
from mentora.learning.seed_content_en import MENTEE_MODULE_EN, MENTOR_MODULE_EN, RESOURCES_EN
from mentora.learning.seed_content_fr import MENTEE_MODULE_FR, MENTOR_MODULE_FR, RESOURCES_FR

MODULES = [MENTOR_MODULE_FR, MENTEE_MODULE_FR, MENTOR_MODULE_EN, MENTEE_MODULE_EN]
RESOURCES = [*RESOURCES_FR, *RESOURCES_EN]


@transaction.atomic
def seed_learning(organisation: Organisation) -> dict[tuple[str, str], TrainingModule]:
    """Add the starter library and onboarding modules to an organisation, once; answer the
    modules by audience and language."""
    resources: dict[str, Resource] = {
        str(spec["key"]): _resource(organisation, spec) for spec in RESOURCES
    }
    return {
        (str(spec["audience"]), str(spec["language"])): _module(organisation, spec, resources)
        for spec in MODULES
    }


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
