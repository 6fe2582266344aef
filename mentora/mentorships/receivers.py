"""How relationships answer the events of the apps below them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from mentora.mentorships.models import Mentorship, Stage
from mentora.programs.models import Programme, Status
from mentora.programs.services import TransitionNotAllowed


def refuse_running_without_pairs(programme: Programme, status: str, **_kwargs: Any) -> None:
    """A formal programme runs its relationships: starting it with none would open a programme
    in which nobody has anyone to meet. Informal programmes start first and let participants
    pair up as they go."""
    if status != Status.RUNNING or not programme.is_formal:
        return
    if not Mentorship.objects.filter(programme=programme).exclude(stage=Stage.CLOSED).exists():
        raise TransitionNotAllowed(
            status,
            _(
                "The programme has no relationship yet: publish a matching or pair people by "
                "hand before starting it."
            ),
        )
