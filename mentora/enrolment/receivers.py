"""How enrolment follows changes made in the apps below it."""

from __future__ import annotations

from typing import Any

from mentora.enrolment.models import Answer, QuestionKind
from mentora.profiles.models import Skill


def rewrite_skill_answers(sender: type, *, source: Skill, target: Skill, **kwargs: Any) -> int:
    """Application answers to "pick skills" questions keep pointing at a living skill."""
    changed = 0
    answers = Answer.objects.filter(
        question__kind=QuestionKind.SKILLS,
        question__programme__organisation_id=source.organisation_id,
    )
    for answer in answers.iterator():
        value: Any = answer.value
        if not isinstance(value, list) or not any(str(v) == str(source.pk) for v in value):
            continue
        rewritten: list[Any] = []
        for v in value:
            new = target.pk if str(v) == str(source.pk) else v
            if all(str(new) != str(seen) for seen in rewritten):
                rewritten.append(new)
        answer.value = rewritten
        answer.save(update_fields=["value"])
        changed += 1
    return changed
