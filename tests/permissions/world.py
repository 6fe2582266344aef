"""The world every route × role check starts from: one organisation, each persona, a programme."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mentora.accounts.models import Invitation, Membership, Organisation
from mentora.enrolment.models import Application, Question
from mentora.programs.models import Objective, Programme
from tests.factories import (
    make_directory_world,
    make_feedback_world,
    make_learning_world,
    make_matching_world,
    make_member,
    make_mentorship_world,
    make_objective,
    make_organisation,
    make_profile_world,
    make_programme,
)

# Personas of the permission matrix, from least to most privileged.
ROLES = (
    "anonymous",
    "outsider",
    "member",
    "mentor",
    "mentee",
    "sponsor",
    "other_coordinator",
    "coordinator",
    "org_admin",
)


@dataclass
class World:
    organisation: Organisation
    people: dict[str, Membership]
    programme: Programme
    draft: Programme
    objective: Objective
    invitation: Invitation
    extra: dict[str, Any] = field(default_factory=dict)


def build_world() -> World:
    organisation = make_organisation(name="Acme")
    elsewhere = make_organisation(name="Globex")
    people = {
        "org_admin": make_member(organisation, role="org_admin"),
        "coordinator": make_member(organisation, role="coordinator"),
        "other_coordinator": make_member(organisation, role="coordinator"),
        "sponsor": make_member(organisation, role="sponsor"),
        "member": make_member(organisation, role="member"),
        "mentor": make_member(organisation, role="member"),
        "mentee": make_member(organisation, role="member"),
        "outsider": make_member(elsewhere, role="org_admin"),
    }
    programme = make_programme(organisation, status="enrolling")
    programme.coordinators.add(people["coordinator"].user)
    programme.sponsors.add(people["sponsor"].user)
    draft = make_programme(organisation, status="draft")
    draft.coordinators.add(people["coordinator"].user)
    other = make_programme(organisation, status="enrolling")
    other.coordinators.add(people["other_coordinator"].user)
    objective = make_objective(programme)
    invitation = Invitation.objects.create(
        organisation=organisation, email="newcomer@example.com", invited_by=people["org_admin"].user
    )
    application = Application.objects.create(
        programme=programme, membership=people["member"], role="mentee", goals="Grow"
    )
    question = Question.objects.create(programme=programme, label="Why?", kind="short_text")
    world = World(
        organisation=organisation,
        people=people,
        programme=programme,
        draft=draft,
        objective=objective,
        invitation=invitation,
        extra={
            **make_mentorship_world(programme, people["mentor"], people["mentee"]),
            "application": application,
            "question": question,
        },
    )
    # Profiles and skills taxonomy (routes_profiles.py).
    world.extra.update(make_profile_world(organisation, people))
    # Training modules and resource library (routes_learning.py).
    world.extra.update(make_learning_world(organisation, people))
    # Matching runs, pair rules, mentor answers and requests (routes_matching.py).
    world.extra.update(make_matching_world(organisation, people))
    # An informal programme's directory and proposals to pair (routes_matching.py).
    world.extra.update(make_directory_world(organisation, people))
    # A held meeting, the mentee's rating of it and both members' pulses (routes_feedback.py).
    world.extra.update(make_feedback_world(programme, people, world.extra["mentorship"]))
    return world
