"""Themes of a programme's comments: lemmas in each author's language, counted by people, k = 5."""

from __future__ import annotations

from django.utils import translation

from mentora.analytics.themes import (
    THEME_DEFINITIONS,
    programme_themes,
    stop_words,
    theme_people,
    themes_of,
)
from tests.analytics.comments import (
    people,
    pulse_comment,
    relationship,
    session_comment,
    survey_text,
)


def test_french_forms_of_listening_land_on_the_same_theme():
    assert themes_of("Merci pour l'écoute.", "fr") == {"listening"}
    assert themes_of("Elle a pris le temps de m'écouter", "fr") >= {"listening"}
    assert themes_of("Je me suis senti écouté", "fr") == {"listening"}


def test_english_forms_of_listening_land_on_the_same_theme():
    assert themes_of("Great listening skills", "en") >= {"listening"}
    assert themes_of("She listened to me", "en") == {"listening"}


def test_a_comment_is_read_in_its_authors_language(programme):
    mentorship = relationship(programme)
    french, english = people(programme, 1, "fr")[0], people(programme, 1, "en")[0]
    # "écoute" means nothing to the English lemmatiser; "listened" nothing to the French one.
    pulse_comment(mentorship, french, "Une vraie écoute")
    pulse_comment(mentorship, english, "Une vraie écoute")
    assert theme_people(programme)["listening"] == 1


def test_a_theme_counts_distinct_people_not_comments(programme):
    mentorship = relationship(programme)
    chatty, *others = people(programme, 4, "en")
    for _n in range(6):
        session_comment(mentorship, chatty, "No time, my calendar is full")
    for person in others:
        pulse_comment(mentorship, person, "Hard to find time")
    assert theme_people(programme)["availability"] == 4


def test_a_theme_mentioned_by_four_people_is_not_shown(programme):
    mentorship = relationship(programme)
    for person in people(programme, 4, "fr"):
        pulse_comment(mentorship, person, "Mon réseau s'est élargi")
    assert theme_people(programme)["network"] == 4
    assert programme_themes(programme) == []


def test_a_theme_mentioned_by_five_people_in_two_languages_is_shown(programme):
    mentorship = relationship(programme)
    for person in people(programme, 3, "fr"):
        pulse_comment(mentorship, person, "Merci pour ton écoute")
    for person in people(programme, 2, "en"):
        session_comment(mentorship, person, "I felt listened to")
    themes = programme_themes(programme)
    assert [(theme.code, theme.people) for theme in themes] == [("listening", 5)]


def test_survey_free_text_counts_like_comments(programme):
    mentorship = relationship(programme)
    for person in people(programme, 5, "en"):
        survey_text(mentorship, person, "It helped my career")
    assert [(theme.code, theme.people) for theme in programme_themes(programme)] == [("career", 5)]


def test_themes_are_named_in_the_readers_language(programme):
    mentorship = relationship(programme)
    for person in people(programme, 5, "en"):
        pulse_comment(mentorship, person, "More confident now")
    with translation.override("fr"):
        assert [theme.name for theme in programme_themes(programme)] == ["Confiance en soi"]


def test_no_theme_word_is_a_stop_word():
    for theme in THEME_DEFINITIONS:
        for language, words in theme.words.items():
            assert not set(words) & stop_words(language), (theme.code, language)
