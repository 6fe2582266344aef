"""A survey as its reader reads it: `{{ survey|title_in:LANGUAGE_CODE }}`, and on a draft's
question list the question in the reader's language and the translation it still lacks."""

from __future__ import annotations

from django import template

from mentora.feedback.models import Survey, SurveyQuestion
from mentora.feedback.survey_languages import other_language
from mentora.profiles.selectors import language_in_sentence

register = template.Library()


@register.filter
def title_in(survey: Survey, language: str) -> str:
    return survey.title_in(language)


@register.filter
def text_in(question: SurveyQuestion, language: str) -> str:
    return question.text_in(language)


@register.filter
def missing_translation(question: SurveyQuestion) -> str:
    """The name of the survey's other language when the question, or its options, lack a
    translation into it (its readers then read the survey's language), else ""."""
    other = other_language(question.survey.language)
    entry = question.translations.get(other) if other else None
    if other is None or (
        isinstance(entry, dict)
        and entry.get("text")
        and len(entry.get("choices") or []) == len(question.choices)
    ):
        return ""
    return language_in_sentence(other)
