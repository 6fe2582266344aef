"""What participants talked about: themes found in a programme's comments, counted by people.

Rules, as chosen here:
- *comments* are the free text of the programme: session-feedback and pulse comments, and
  answers to the free-text questions of its surveys;
- each comment is read in its author's language (`Membership.language`): split into words
  (apostrophes separate "l'écoute"), lowercased, stop words dropped (the `stop-words`
  package's list for that language), each word lemmatised with simplemma;
- a *theme* is a small curated set of words per language, not a free lemma: a theme has a
  name in every language, so a French reader reads themes English speakers raised, and a
  curated list keeps words like "good" or "session", which say nothing, out of the report.
  A theme's words are lemmatised too, so "écoute", "écouter", "listening" and "listened" all
  land on *listening*. No theme word is a stop word (tests/analytics/test_themes.py), and
  words whose lemma is an everyday verb are left out ("su" is "savoir", "assuré" "assurer");
- a theme counts the *distinct people* who mention it, whatever the number of comments, and
  is shown only when at least K people do, for every reader, coordinators included: a theme
  raised by two people points at them;
- a mention is a mention whatever its tone ("I was not listened to" counts for *listening*):
  the report says what people talked about, not what they thought of it; no comment is ever
  quoted.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import simplemma
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stop_words import get_stop_words

from mentora.analytics.anonymity import K
from mentora.feedback.models import PulseAnswer, QuestionKind, SessionFeedback, SurveyAnswer
from mentora.programs.models import Programme


@dataclass(frozen=True)
class ThemeDefinition:
    code: str
    name: Promise
    words: dict[str, tuple[str, ...]]


THEME_DEFINITIONS: tuple[ThemeDefinition, ...] = (
    ThemeDefinition(
        "availability",
        _("Time and availability"),
        {
            "en": ("time", "availability", "schedule", "busy", "calendar", "diary", "timing"),
            "fr": (
                "temps",
                "disponibilité",
                "disponible",
                "agenda",
                "planning",
                "horaire",
                "calendrier",
                "occupé",
                "emploi",
            ),
        },
    ),
    ThemeDefinition(
        "listening",
        _("Listening"),
        {
            "en": ("listen", "listening", "listener", "hear", "attentive"),
            "fr": ("écoute", "écouter", "attentif", "entendre"),
        },
    ),
    ThemeDefinition(
        "career",
        _("Career"),
        {
            "en": ("career", "promotion", "job", "role", "position", "progression"),
            "fr": ("carrière", "promotion", "poste", "évolution", "parcours", "métier"),
        },
    ),
    ThemeDefinition(
        "confidence",
        _("Confidence"),
        {
            "en": ("confidence", "confident", "self-confidence", "assurance", "trust"),
            "fr": ("confiance", "assurance", "légitimité"),
        },
    ),
    ThemeDefinition(
        "network",
        _("Network"),
        {
            "en": ("network", "networking", "contact", "connection", "introduction"),
            "fr": ("réseau", "contact", "connexion", "introduction"),
        },
    ),
    ThemeDefinition(
        "advice",
        _("Advice and feedback"),
        {
            "en": ("advice", "advise", "feedback", "guidance", "suggestion"),
            "fr": ("conseil", "conseiller", "retour", "astuce", "recommandation", "suggestion"),
        },
    ),
    ThemeDefinition(
        "skills",
        _("Skills and learning"),
        {
            "en": ("skill", "learn", "learning", "competence", "knowledge"),
            "fr": ("compétence", "apprendre", "apprentissage", "connaissance"),
        },
    ),
)

# Words are letters, with inner hyphens ("self-confidence"); apostrophes split ("l'écoute").
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"'": " ", "’": " ", "‘": " "})
# Languages simplemma and the stop-word lists both know; another falls back to English.
_LANGUAGES = ("en", "fr")


def _language(code: str) -> str:
    code = (code or "").split("-")[0].lower()
    return code if code in _LANGUAGES else "en"


@cache
def stop_words(language: str) -> frozenset[str]:
    return frozenset(get_stop_words(_language(language)))


@cache
def _theme_lemmas(language: str) -> dict[str, frozenset[str]]:
    """Each theme's words in `language`, as written and as lemmatised."""
    language = _language(language)
    lemmas: dict[str, frozenset[str]] = {}
    for theme in THEME_DEFINITIONS:
        words = theme.words[language]
        lemmas[theme.code] = frozenset(
            {*words, *(simplemma.lemmatize(word, lang=language).lower() for word in words)}
        )
    return lemmas


def lemmas(text: str, language: str) -> set[str]:
    """The comment's words as lemmas, stop words dropped."""
    language = _language(language)
    dropped = stop_words(language)
    words = _WORD.findall(text.translate(_APOSTROPHES).lower())
    return {
        simplemma.lemmatize(word, lang=language).lower() for word in words if word not in dropped
    }


def themes_of(text: str, language: str) -> set[str]:
    """The codes of the themes a comment mentions."""
    found = lemmas(text, language)
    return {code for code, words in _theme_lemmas(language).items() if found & words}


def _comments(programme: Programme) -> Iterable[tuple[int, str, str]]:
    """(author's membership id, author's language, text) of every comment of the programme."""
    language = Coalesce(
        NullIf(F("invitation__membership__user__language"), Value("")),
        F("invitation__membership__organisation__default_language"),
    )
    for model in (SessionFeedback, PulseAnswer):
        yield from (
            model.objects.filter(invitation__programme=programme)
            .exclude(comment="")
            .annotate(language=language)
            .values_list("invitation__membership_id", "language", "comment")
        )
    survey_language = Coalesce(
        NullIf(F("response__invitation__membership__user__language"), Value("")),
        F("response__invitation__membership__organisation__default_language"),
    )
    yield from (
        SurveyAnswer.objects.filter(
            response__invitation__programme=programme, question__kind=QuestionKind.TEXT
        )
        .exclude(text="")
        .annotate(language=survey_language)
        .values_list("response__invitation__membership_id", "language", "text")
    )


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    people: int


def theme_people(programme: Programme) -> dict[str, int]:
    """How many distinct people mention each theme, every theme included (before k)."""
    people: dict[str, set[int]] = defaultdict(set)
    for author, language, text in _comments(programme):
        for code in themes_of(text, language):
            people[code].add(author)
    return {theme.code: len(people[theme.code]) for theme in THEME_DEFINITIONS}


def programme_themes(programme: Programme, *, k: int = K) -> list[Theme]:
    """The themes at least k people mention, most mentioned first, named in the active
    language; the same for every reader (see the module's docstring)."""
    counts = theme_people(programme)
    shown = [
        Theme(theme.code, str(theme.name), counts[theme.code])
        for theme in THEME_DEFINITIONS
        if counts[theme.code] >= k
    ]
    return sorted(shown, key=lambda theme: (-theme.people, theme.name.casefold()))
