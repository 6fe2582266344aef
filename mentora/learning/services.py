"""State changes of the library and the training modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict, Unpack

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from mentora.accounts.models import Membership, Organisation, User
from mentora.accounts.services import record_audit
from mentora.learning.models import (
    Audience,
    Resource,
    StepCompletion,
    Topic,
    TrainingModule,
    TrainingStep,
)


class ResourceContent(TypedDict, total=False):
    """What a library resource says: the keyword arguments of `save_resource`."""

    title: str
    kind: str
    description: str
    url: str
    # An upload, "" to remove the file; absent to keep it.
    file: UploadedFile | str
    audience: str
    language: str


class StepContent(TypedDict, total=False):
    """What a training step holds: the keyword arguments of `save_step`."""

    title: str
    body: str
    resource: Resource | None
    question: str
    explanation: str
    options: list[str]
    correct_option: int | None


def _assign(instance: Any, values: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(values) - allowed
    if unknown:
        raise TypeError(f"not a field of {type(instance).__name__}: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)


class WrongAnswer(Exception):
    """The step's question was answered wrongly: the step stays to do."""


@transaction.atomic
def save_resource(
    *,
    organisation: Organisation,
    actor: User,
    resource: Resource | None,
    topic_names: list[str],
    **content: Unpack[ResourceContent],
) -> Resource:
    """Add a resource to the library, or change one; topics are created as they are named."""
    creating = resource is None
    if resource is None:
        resource = Resource(organisation=organisation, created_by=actor)
    previous_file = resource.file.name if resource.file else ""
    _assign(resource, content, ResourceContent.__optional_keys__)
    resource.save()
    resource.topics.set(_topics(organisation, topic_names))
    if previous_file and previous_file != (resource.file.name or ""):
        _delete_file_on_commit(resource, previous_file)
    record_audit(
        organisation=organisation,
        actor=actor,
        action="resource.create" if creating else "resource.update",
        target=resource,
    )
    return resource


def _topics(organisation: Organisation, names: list[str]) -> list[Topic]:
    topics = []
    existing = {t.name.casefold(): t for t in Topic.objects.filter(organisation=organisation)}
    for name in names:
        topic = existing.get(name.casefold())
        if topic is None:
            topic = Topic.objects.create(organisation=organisation, name=name)
            existing[name.casefold()] = topic
        topics.append(topic)
    return topics


def _delete_file_on_commit(resource: Resource, name: str) -> None:
    storage = resource.file.storage
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def delete_resource(*, resource: Resource, actor: User) -> None:
    """Remove a resource and its file; steps that linked to it keep their text."""
    if resource.file:
        _delete_file_on_commit(resource, resource.file.name or "")
    record_audit(
        organisation=resource.organisation, actor=actor, action="resource.delete", target=resource
    )
    resource.delete()


@transaction.atomic
def save_module(
    *,
    organisation: Organisation,
    actor: User,
    module: TrainingModule | None,
    title: str,
    language: str,
    description: str = "",
    audience: str = Audience.ALL,
) -> TrainingModule:
    """Create a draft training module, or change one."""
    creating = module is None
    if module is None:
        module = TrainingModule(organisation=organisation, created_by=actor)
    module.title, module.description = title, description
    module.audience, module.language = audience, language
    module.save()
    record_audit(
        organisation=organisation,
        actor=actor,
        action="module.create" if creating else "module.update",
        target=module,
    )
    return module


@transaction.atomic
def publish_module(*, module: TrainingModule, actor: User, published: bool) -> TrainingModule:
    """Show a module to members, or take it back to draft."""
    module.is_published = published
    module.save(update_fields=["is_published", "updated_at"])
    record_audit(
        organisation=module.organisation,
        actor=actor,
        action="module.publish" if published else "module.unpublish",
        target=module,
    )
    return module


@transaction.atomic
def delete_module(*, module: TrainingModule, actor: User) -> None:
    """Remove a module, its steps and everyone's progress in it."""
    record_audit(
        organisation=module.organisation, actor=actor, action="module.delete", target=module
    )
    module.delete()


@transaction.atomic
def save_step(
    *,
    module: TrainingModule,
    actor: User,
    step: TrainingStep | None,
    **content: Unpack[StepContent],
) -> TrainingStep:
    """Add a step at the end of a module, or change one."""
    if step is None:
        last = module.steps.aggregate(last=Max("position"))["last"]
        step = TrainingStep(module=module, position=(last or 0) + 1)
    _assign(step, content, StepContent.__optional_keys__)
    step.save()
    record_audit(
        organisation=module.organisation,
        actor=actor,
        action="module.step",
        target=step,
        module=module.pk,
    )
    return step


@transaction.atomic
def delete_step(*, step: TrainingStep, actor: User) -> None:
    """Remove a step and renumber the ones after it."""
    module = step.module
    record_audit(
        organisation=module.organisation,
        actor=actor,
        action="module.step_delete",
        target=step,
        module=module.pk,
    )
    step.delete()
    _renumber(module)


def _renumber(module: TrainingModule) -> None:
    steps = list(module.steps.order_by("position", "pk"))
    for position, step in enumerate(steps, start=1):
        step.position = position
    TrainingStep.objects.bulk_update(steps, ["position"])


@transaction.atomic
def move_step(*, step: TrainingStep, actor: User, up: bool) -> None:
    """Swap a step with the one before (up) or after it; the ends stay where they are."""
    _renumber(step.module)
    steps = list(step.module.steps.select_for_update().order_by("position", "pk"))
    index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(steps):
        return
    steps[index].position, steps[other].position = steps[other].position, steps[index].position
    TrainingStep.objects.bulk_update([steps[index], steps[other]], ["position"])


@transaction.atomic
def complete_step(
    *, membership: Membership, step: TrainingStep, answer: int | None = None
) -> StepCompletion:
    """Mark a step done for this person; a step with a question needs the right answer."""
    if not step.is_right_answer(answer):
        raise WrongAnswer
    completion, _created = StepCompletion.objects.get_or_create(membership=membership, step=step)
    return completion
