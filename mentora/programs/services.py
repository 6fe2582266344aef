"""State changes of programme design."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.db.models import Max

from mentora.accounts.models import Organisation, User
from mentora.accounts.services import record_audit
from mentora.learning.models import TrainingModule
from mentora.programs.models import Objective, Programme
from mentora.programs.signals import programme_status_changing


class ProgrammeDesign(TypedDict, total=False):
    """What a coordinator designs: the keyword arguments of create and update."""

    name: str
    summary: str
    description: str
    kind: str
    format: str
    group_size: int | None
    is_formal: bool
    starts_on: date | None
    ends_on: date | None
    cadence: str
    session_minutes: int
    enrolment_opens_on: date | None
    enrolment_closes_on: date | None
    enrolment_mode: str
    matching_mode: str
    default_mentor_capacity: int
    mentee_places: int | None
    required_modules: Iterable[TrainingModule]
    coordinators: Iterable[User]
    sponsors: Iterable[User]
    partner_organisations: Iterable[Organisation]


_PROGRAMME_RELATIONS = ("coordinators", "sponsors", "partner_organisations", "required_modules")
_DESIGN = ProgrammeDesign.__optional_keys__


def _split_design(design: ProgrammeDesign) -> tuple[dict[str, Any], dict[str, Any]]:
    """Columns and many-to-many relations; an unknown name is a programming error."""
    unknown = set(design) - _DESIGN
    if unknown:
        raise TypeError(f"not part of a programme's design: {sorted(unknown)}")
    values: dict[str, Any] = dict(design)
    relations = {name: values.pop(name, None) for name in _PROGRAMME_RELATIONS}
    return values, relations


@transaction.atomic
def create_programme(
    *, organisation: Organisation, created_by: User, **design: Unpack[ProgrammeDesign]
) -> Programme:
    """Create a draft programme; its creator coordinates it unless others are named."""
    fields, relations = _split_design(design)
    programme = Programme.objects.create(organisation=organisation, created_by=created_by, **fields)
    _set_relations(programme, relations)
    if not programme.coordinators.exists():
        programme.coordinators.add(created_by)
    record_audit(
        organisation=organisation, actor=created_by, action="programme.create", target=programme
    )
    return programme


@transaction.atomic
def update_programme(
    *, programme: Programme, actor: User, **design: Unpack[ProgrammeDesign]
) -> Programme:
    """Save a programme's design; new dates must still hold every objective."""
    fields, relations = _split_design(design)
    # The stored dates: a model form has already copied the new ones onto `programme`.
    dates = Programme.objects.filter(pk=programme.pk).values_list("starts_on", "ends_on").get()
    for name, value in fields.items():
        setattr(programme, name, value)
    if (programme.starts_on, programme.ends_on) != dates:
        # Only a change of dates is checked: an objective recorded earlier outside the
        # dates must not block an unrelated edit.
        _check_objective_dates(programme, programme.objectives.all())
    programme.save()
    _set_relations(programme, relations)
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="programme.update",
        target=programme,
        fields=sorted(fields),
    )
    return programme


def _set_relations(programme: Programme, relations: dict[str, Iterable[Any] | None]) -> None:
    for name, values in relations.items():
        if values is not None:
            getattr(programme, name).set(values)


class TransitionNotAllowed(Exception):
    """A status move the lifecycle refuses; `reason` says why in words when it is more than
    the lifecycle's order."""

    def __init__(self, status: str, reason: str = "") -> None:
        super().__init__(status)
        self.status = status
        self.reason = reason


@transaction.atomic
def change_programme_status(*, programme: Programme, status: str, actor: User) -> Programme:
    """Move a programme along its lifecycle, refusing moves the lifecycle does not allow."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    if not programme.can_move_to(status):
        raise TransitionNotAllowed(status)
    programme_status_changing.send(sender=Programme, programme=programme, status=status)
    previous = programme.status
    programme.status = status
    programme.save(update_fields=["status", "updated_at"])
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="programme.status",
        target=programme,
        previous=previous,
        status=status,
    )
    return programme


class ObjectiveOutsideProgramme(ValueError):
    """An objective would be due before its programme starts or after it ends."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_objective_dates(programme: Programme, objectives: Iterable[Objective]) -> None:
    for objective in objectives:
        problem = programme.objective_date_problem(objective.target_date)
        if problem:
            raise ObjectiveOutsideProgramme(problem)


@transaction.atomic
def save_objective(
    *,
    programme: Programme,
    actor: User,
    objective: Objective | None,
    title: str,
    metric: str,
    baseline: Decimal | None,
    target: Decimal,
    target_date: date,
) -> Objective:
    """Add an objective to a programme, or change one; it falls within the programme's dates."""
    problem = programme.objective_date_problem(target_date)
    if problem:
        raise ObjectiveOutsideProgramme(problem)
    if objective is None:
        last = programme.objectives.aggregate(last=Max("position"))["last"]
        objective = Objective(programme=programme, position=(last or 0) + 1)
    objective.title, objective.metric = title, metric
    objective.baseline, objective.target, objective.target_date = baseline, target, target_date
    objective.save()
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="objective.save",
        target=objective,
        programme=programme.pk,
    )
    return objective


@transaction.atomic
def delete_objective(*, objective: Objective, actor: User) -> None:
    """Remove an objective from its programme."""
    record_audit(
        organisation=objective.programme.organisation,
        actor=actor,
        action="objective.delete",
        target=objective,
        programme=objective.programme_id,
    )
    objective.delete()
