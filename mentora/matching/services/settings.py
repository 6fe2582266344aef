"""State changes of a programme's matching settings: rules, weights and how to publish."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from mentora.accounts.models import User
from mentora.accounts.services import record_audit
from mentora.matching.models import MatchingSettings
from mentora.matching.selectors.runs import default_parameters
from mentora.programs.models import Programme


def matching_settings(programme: Programme) -> MatchingSettings:
    """The programme's settings, created with the defaults of its kind on first use."""
    found = MatchingSettings.objects.filter(programme=programme).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return MatchingSettings.objects.create(
                programme=programme, parameters=default_parameters(programme)
            )
    except IntegrityError:
        return MatchingSettings.objects.get(programme=programme)


@transaction.atomic
def save_matching_settings(
    *,
    programme: Programme,
    actor: User,
    parameters: dict,
    mentor_acceptance: bool,
    response_days: int,
) -> MatchingSettings:
    """Keep the rules and weights for the programme's next runs."""
    current = matching_settings(programme)
    current.parameters = {**default_parameters(programme), **parameters}
    current.mentor_acceptance = mentor_acceptance
    current.response_days = response_days
    current.save()
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="matching.settings",
        target=programme,
    )
    return current
