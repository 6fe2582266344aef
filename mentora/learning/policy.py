"""Who may read and change the library and the training modules.

Every member of an organisation reads its library and its published modules; coordinators
and org admins write them. Anything of another organisation does not exist (404).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from mentora.accounts.models import Membership
from mentora.learning.models import Resource, TrainingModule, TrainingModuleQuerySet, TrainingStep


def can_manage_learning(actor: Membership | None) -> bool:
    return actor is not None and actor.can_run_programmes


def visible_modules(actor: Membership) -> TrainingModuleQuerySet:
    """Modules listed to this person: drafts only to those who write them."""
    modules = TrainingModule.objects.filter(organisation=actor.organisation)
    return modules if can_manage_learning(actor) else modules.published()


def get_resource(actor: Membership, pk: int) -> Resource:
    resource = Resource.objects.filter(organisation=actor.organisation, pk=pk).first()
    if resource is None:
        raise Http404
    return resource


def get_resource_to_manage(actor: Membership, pk: int) -> Resource:
    resource = get_resource(actor, pk)
    if not can_manage_learning(actor):
        raise PermissionDenied
    return resource


def get_module(actor: Membership, pk: int) -> TrainingModule:
    """A module this person may follow; a draft does not exist for members."""
    module = visible_modules(actor).filter(pk=pk).first()
    if module is None:
        raise Http404
    return module


def get_module_to_manage(actor: Membership, pk: int) -> TrainingModule:
    module = get_module(actor, pk)
    if not can_manage_learning(actor):
        raise PermissionDenied
    return module


def get_step(module: TrainingModule, pk: int) -> TrainingStep:
    step = module.steps.select_related("resource").filter(pk=pk).first()
    if step is None:
        raise Http404
    return step
