"""Goal texts: lemmas per language, similarity of goals, the words a reason names."""

from __future__ import annotations

import numpy as np

from mentora.matching.engine import Instance, Participant
from mentora.matching.engine.explain import shared_goal_words
from mentora.matching.engine.features import build_population
from mentora.matching.engine.text import ANY_STOP_WORD, sentence_language, terms


def _population(mentee_goals: list[str], mentor_goals: list[str], languages=("fr", "en")):
    mentees = tuple(
        Participant(f"e{i}", "mentee", goals=g, languages=languages)
        for i, g in enumerate(mentee_goals)
    )
    mentors = tuple(
        Participant(f"m{j}", "mentor", level=3, goals=g, languages=languages)
        for j, g in enumerate(mentor_goals)
    )
    return build_population(Instance(mentees, mentors))


def _goal_similarity(mentee_goals: list[str], mentor_goals: list[str]) -> np.ndarray:
    pop = _population(mentee_goals, mentor_goals)
    return (pop.goals_mentee @ pop.goals_mentor.T).toarray()


def test_french_goals_in_other_words_with_the_same_lemmas_score_above_unrelated_goals():
    similarity = _goal_similarity(
        ["Je négocie un contrat avec un fournisseur.", "Je négocie un contrat."],
        ["Négocier des contrats avec les fournisseurs.", "Apprendre la photographie."],
    )
    assert similarity[0, 0] > similarity[0, 1]
    assert similarity[1, 0] > 0.5 > similarity[1, 1]


def test_english_goals_in_other_words_with_the_same_lemmas_score_above_unrelated_goals():
    similarity = _goal_similarity(
        ["I manage teams.", "Managing a team."], ["Managing a team.", "Gardening and birds."]
    )
    assert similarity[0, 0] > 0.99 > similarity[0, 1]
    assert similarity[1, 0] > similarity[1, 1]


def test_goal_similarity_stays_between_zero_and_one():
    similarity = _goal_similarity(
        ["Préparer une prise de poste de manager.", "", "Learn Python."],
        ["Préparer une prise de poste de manager.", "Manager une équipe data.", ""],
    )
    assert np.all(similarity >= 0) and np.all(similarity <= 1 + 1e-9)
    assert abs(similarity[0, 0] - 1) < 1e-9


def test_each_sentence_of_a_text_is_read_in_its_own_language():
    text = "Préparer une mobilité vers une filiale. I want to grow into a leadership role."
    found = [t.word for t in terms(text)]
    assert found == ["préparer", "mobilité", "filiale", "grow", "leadership", "role"]


def test_function_words_decide_a_sentence_that_both_dictionaries_know():
    assert sentence_language("I manage teams") == "en"
    assert sentence_language("je manage des équipes") == "fr"


def test_an_undecided_sentence_takes_the_language_of_a_writer_who_has_one():
    assert sentence_language("Data science") is None
    assert sentence_language("Data science", hint=("fr",)) == "fr"


def test_a_loanword_keeps_its_own_lemma_in_a_french_sentence():
    assert [t.lemma for t in terms("Comprendre la data")] == ["comprendre", "data"]


def test_a_reason_names_at_most_three_meaningful_words():
    goal = "Négocier en 2027 les 10 contrats de nos fournisseurs et filiales à l'étranger."
    words = shared_goal_words(_population([goal], [goal]), 0, 0)
    assert 0 < len(words) <= 3
    assert all(len(w) >= 3 and w.isalpha() and w.lower() not in ANY_STOP_WORD for w in words)


def test_a_reason_names_the_words_as_written_not_the_lemmas():
    pop = _population(
        ["Mieux négocier avec nos fournisseurs."], ["Négocier avec les fournisseurs."]
    )
    assert "fournisseurs" in shared_goal_words(pop, 0, 0)
