"""The languages a survey is written in: its own (`Survey.language`) and the other interface
languages, which its copy of a template and its coordinators' translations fill in."""

from __future__ import annotations

from django.conf import settings


def other_languages(language: str) -> list[str]:
    """The interface languages other than `language`, in the settings' order."""
    return [code for code, _name in settings.LANGUAGES if code != language]


def other_language(language: str) -> str | None:
    """The language a survey written in `language` is translated into on its edit pages
    (Mentora has two interface languages), or None with a single one."""
    others = other_languages(language)
    return others[0] if others else None
