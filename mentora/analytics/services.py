"""Writes of the analytics app: a programme's analytics settings and its lessons learned."""

from __future__ import annotations

from django.db import transaction

from mentora.accounts.models import User
from mentora.accounts.services import record_audit
from mentora.analytics.models import AnalyticsSettings, Retrospective
from mentora.programs.models import Programme


@transaction.atomic
def set_at_risk_threshold(
    *, programme: Programme, actor: User, at_risk_below: int
) -> AnalyticsSettings:
    """Change the score under which the programme's relationships are listed at risk. Scores
    stay as they are: only the list changes."""
    settings, _created = AnalyticsSettings.objects.update_or_create(
        programme=programme, defaults={"at_risk_below": at_risk_below, "updated_by": actor}
    )
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="analytics.threshold",
        target=programme,
        at_risk_below=at_risk_below,
    )
    return settings


@transaction.atomic
def save_lessons_learned(*, programme: Programme, actor: User, lessons: str) -> Retrospective:
    """Write the coordinators' lessons learned for the programme's retrospective report."""
    retrospective, _created = Retrospective.objects.update_or_create(
        programme=programme, defaults={"lessons": lessons, "updated_by": actor}
    )
    # The log says that the lessons changed and how long they are, never what they say.
    record_audit(
        organisation=programme.organisation,
        actor=actor,
        action="analytics.lessons",
        target=programme,
        characters=len(lessons),
    )
    return retrospective
