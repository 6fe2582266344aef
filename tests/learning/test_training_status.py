from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentora.accounts.models import Membership
from mentora.enrolment.models import Application
from mentora.enrolment.training import (
    _ID_CHUNK,
    missing_modules,
    training_complete_q,
    training_status,
)
from mentora.learning.services import complete_step
from tests.factories import make_member, make_module, make_step


def _required_module(programme, steps=2, **kwargs):
    module = make_module(programme.organisation, **kwargs)
    module.required_by.add(programme)
    return module, [make_step(module) for _ in range(steps)]


def _finish(membership, steps):
    for step in steps:
        complete_step(membership=membership, step=step)


def test_status_counts_required_steps_done(programme, member, coordinator):
    _module, steps = _required_module(programme, steps=3)
    _finish(member, steps[:2])
    _finish(coordinator, steps)
    status = training_status(programme, [member, coordinator])
    assert (status[member.pk].done, status[member.pk].required) == (2, 3)
    assert not status[member.pk].complete
    assert status[coordinator.pk].complete


def test_steps_of_modules_not_required_do_not_count(programme, member, organisation):
    _module, steps = _required_module(programme, steps=1)
    _finish(member, [make_step(make_module(organisation))])
    assert training_status(programme, [member])[member.pk].done == 0


def test_a_draft_module_is_not_required(programme, member):
    _required_module(programme, is_published=False)
    assert training_status(programme, [member])[member.pk].complete


def test_without_required_training_everyone_is_complete(programme, member):
    status = training_status(programme, [member.pk])
    assert status[member.pk].complete and status[member.pk].required == 0


def test_status_queries_do_not_grow_with_people(programme, organisation):
    _module, steps = _required_module(programme, steps=3)
    people = [make_member(organisation) for _ in range(30)]
    for person in people[::2]:
        _finish(person, steps)
    ids = [person.pk for person in people]
    with CaptureQueriesContext(connection) as few:
        training_status(programme, Membership.objects.filter(pk__in=ids[:1]))
    with CaptureQueriesContext(connection) as many:
        status = training_status(programme, Membership.objects.filter(pk__in=ids))
    assert len(many) == len(few)
    assert sum(s.complete for s in status.values()) == 15


def test_status_of_a_long_list_costs_queries_per_chunk_not_per_person(programme, organisation):
    _module, steps = _required_module(programme, steps=1)
    member = make_member(organisation)
    _finish(member, steps)
    # Two chunks of ids each way: the queries grow with chunks, never with people.
    shorter = [member.pk, *range(10_000_000, 10_000_000 + _ID_CHUNK)]
    longer = [member.pk, *range(10_000_000, 10_000_000 + 2 * _ID_CHUNK - 1)]
    with CaptureQueriesContext(connection) as few:
        training_status(programme, shorter)
    with CaptureQueriesContext(connection) as many:
        status = training_status(programme, longer)
    assert len(many) == len(few)
    assert status[member.pk].complete and len(status) == 2 * _ID_CHUNK


def test_missing_modules_lists_the_unfinished_required_ones(programme, member):
    done, done_steps = _required_module(programme, title="Done")
    todo, _steps = _required_module(programme, title="To do")
    _finish(member, done_steps)
    assert missing_modules(programme, member) == [todo]


def _apply(programme, membership, role):
    return Application.objects.create(programme=programme, membership=membership, role=role)


def test_a_mentee_is_not_required_to_do_the_mentors_module(programme, member):
    _mentor_module, _steps = _required_module(programme, audience="mentor")
    _mentee_module, mentee_steps = _required_module(programme, steps=1, audience="mentee")
    _apply(programme, member, "mentee")
    _finish(member, mentee_steps)
    status = training_status(programme, [member])[member.pk]
    assert (status.done, status.required, status.complete) == (1, 1, True)
    assert missing_modules(programme, member) == []


def test_someone_who_has_not_applied_sees_every_required_module(programme, member):
    mentor_module, _steps = _required_module(programme, audience="mentor", title="A")
    mentee_module, _steps = _required_module(programme, audience="mentee", title="B")
    assert missing_modules(programme, member) == [mentor_module, mentee_module]


def test_the_review_filter_keeps_people_who_finished(programme, member, coordinator, sponsor):
    _module, steps = _required_module(programme, audience="mentee")
    trained = _apply(programme, member, "mentee")
    _apply(programme, coordinator, "mentee")
    mentor = _apply(programme, sponsor, "mentor")
    _finish(member, steps)
    _finish(coordinator, steps[:1])
    kept = programme.applications.filter(training_complete_q(programme))
    assert set(kept) == {trained, mentor}
