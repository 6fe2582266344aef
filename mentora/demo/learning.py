"""The demo's training: the running flagship programme requires the French onboarding
modules, and its participants have a realistic progress."""

from __future__ import annotations

import random
from typing import Any

from mentora.accounts.models import Membership, Organisation
from mentora.demo.people import DEMO_DOMAIN
from mentora.learning.models import StepCompletion, TrainingModule
from mentora.learning.seed import seed_learning

# The demo's running programme and the French modules it requires before matching.
DEMO_PROGRAMME = "Mentorat Talents 2027"


def seed_learning_demo(organisation: Organisation) -> None:
    """The starter library, and the flagship programme's required training in progress."""
    modules = seed_learning(organisation)
    programme = organisation.programmes.filter(name=DEMO_PROGRAMME).first()
    if programme is not None:
        required = [modules[("mentor", "fr")], modules[("mentee", "fr")]]
        programme.required_modules.add(*required)
        _demo_progress(programme, {"mentor": required[0], "mentee": required[1]})


def _demo_progress(programme: Any, modules: dict[str, TrainingModule]) -> None:
    """Most approved participants are done, some halfway, a few have not started."""
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
