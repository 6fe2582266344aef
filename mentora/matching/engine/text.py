"""Goal texts as lemmas: language per sentence, stop words, TF-IDF vectors, words to name.

French and English are understood: each sentence's language is decided from its function
words, then from simplemma's dictionaries, then from the writer's languages; a sentence
still undecided (mixed, too short, another language) loses the stop words of both. Stop
lists come from `stop-words`, lemmas from `simplemma`: "I manage teams" and "managing a
team" share the lemmas "manage" and "team", whatever their surface forms. A reason names
a lemma by its most written form, only if that is at least three letters long, no number
and no stop word of either language.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
import simplemma
from stop_words import get_stop_words

LANGUAGES: tuple[str, ...] = ("fr", "en")
STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(w.lower() for w in get_stop_words(lang)) for lang in LANGUAGES
}
ANY_STOP_WORD: frozenset[str] = frozenset().union(*STOP_WORDS.values())
# Function words of one language only: the surest sign of which language a sentence is in.
_ONLY_STOP_WORDS: dict[str, frozenset[str]] = {
    lang: STOP_WORDS[lang].difference(*(STOP_WORDS[o] for o in LANGUAGES if o != lang))
    for lang in LANGUAGES
}
# A word is worth naming in a reason from this many letters on (lemma and word alike).
MIN_NAMED_LETTERS = 3
# simplemma's shares of known words must differ by this much to decide a sentence.
DETECTION_MARGIN = 0.25

# Runs of letters, apostrophes inside (aujourd'hui, don't); digits and hyphens separate.
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
# A French elided article or pronoun (l'équipe, qu'il) and an English possessive ('s) go.
_ELIDED = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)'|'s$", re.IGNORECASE)
_SENTENCE = re.compile(r"[.!?;:\n\r]+")

# An embedder maps texts to dense vectors; plug one in to replace TF-IDF (optional extra).
Embedder = Callable[[Sequence[str]], np.ndarray]


class Term(NamedTuple):
    """A content word of a goal: its lemma (the scored key) and the word as written."""

    lemma: str
    word: str


@dataclass(frozen=True)
class GoalVectors:
    """TF-IDF rows over lemmas, and per lemma the word to name in a reason ("": none)."""

    matrix: sp.csr_matrix
    vocabulary: list[str]
    labels: list[str]


@lru_cache(maxsize=1024)
def _languages_of(hint: tuple[str, ...]) -> tuple[str, ...]:
    """The understood languages among a person's, in their order ("fr-CA" counts as "fr")."""
    out: list[str] = []
    for code in hint:
        base = str(code).split("-")[0].split("_")[0].lower()
        if base in LANGUAGES and base not in out:
            out.append(base)
    return tuple(out)


def _words(sentence: str) -> list[str]:
    """The words of a sentence as written, elisions and possessives removed."""
    words = _WORD.findall(sentence.replace("\u2019", "'"))
    if "'" in sentence or "\u2019" in sentence:
        words = [w for w in (_ELIDED.sub("", w) for w in words) if w]
    return words


@lru_cache(maxsize=200_000)
def _evidence(word: str) -> tuple[int, ...]:
    """For a lower-case word, per language of LANGUAGES: is it a stop word of that language
    only, then: does that language's dictionary know it."""
    only = [int(word in _ONLY_STOP_WORDS[lang]) for lang in LANGUAGES]
    return (*only, *(int(simplemma.is_known(word, lang)) for lang in LANGUAGES))


def _language(words: list[str], spoken: tuple[str, ...]) -> str | None:
    """The language of a sentence's lower-case words, or None; `spoken`: the writer's."""
    n = len(LANGUAGES)
    totals = [sum(column) for column in zip(*map(_evidence, words), strict=True)]
    # Function words of one language only are the surest sign; then the share of its
    # words each language's dictionary knows: what simplemma's langdetect measures, here
    # cached per word (langdetect lemmatises every word anew).
    for counts, margin in ((totals[:n], 1), (totals[n:], DETECTION_MARGIN * len(words))):
        best = max(range(n), key=counts.__getitem__)
        if all(counts[best] - counts[o] >= margin for o in range(n) if o != best):
            return LANGUAGES[best]
    return spoken[0] if len(spoken) == 1 else None


def sentence_language(sentence: str, hint: Sequence[str] = ()) -> str | None:
    """The language of one sentence, "fr", "en" or None (undecided); `hint`: the writer's."""
    words = [w.lower() for w in _words(sentence)]
    return _language(words, _languages_of(tuple(hint))) if words else None


@lru_cache(maxsize=200_000)
def lemma_of(word: str, langs: tuple[str, ...]) -> str:
    """The lower-case lemma of a lower-case word in the first of `langs` that knows it."""
    found = simplemma.lemmatize(word, lang=langs).lower()
    # A loanword in its own base form ("la data") is no inflection of a look-alike
    # ("dater"): it stays whole, and meets the same word written in the other language.
    if found != word and any(
        simplemma.is_known(word, lang) and simplemma.lemmatize(word, lang=lang).lower() == word
        for lang in LANGUAGES
    ):
        return word
    return found


@lru_cache(maxsize=200_000)
def _content_lemma(word: str, langs: tuple[str, ...]) -> str:
    """The lemma of a lower-case word read in `langs` (one: decided), "" for a stop word."""
    stops = STOP_WORDS[langs[0]] if len(langs) == 1 else ANY_STOP_WORD
    if len(word) < 2 or word in stops:
        return ""
    found = lemma_of(word, langs)
    return "" if found in stops else found


def _display(word: str, first: bool) -> str:
    """The word as shown: a capital that only starts the sentence is dropped (not IA, SQL)."""
    if first and word[:1].isupper() and not word[1:2].isupper():
        return word.lower()
    return word


def terms(text: str, hint: Sequence[str] = ()) -> list[Term]:
    """The content words of a text in order, each with its lemma; stop words left out."""
    spoken = _languages_of(tuple(hint))
    # Undecided sentences try the writer's languages, then English before French: French
    # dictionaries take English loanwords for inflections ("data" -> "dater"), not the reverse.
    undecided = spoken + tuple(lang for lang in ("en", "fr") if lang not in spoken)
    out: list[Term] = []
    for sentence in _SENTENCE.split(text):
        words = _words(sentence)
        if not words:
            continue
        lows = [w.lower() for w in words]
        lang = _language(lows, spoken)
        langs = (lang,) if lang is not None else undecided
        keys = [_content_lemma(low, langs) for low in lows]
        if keys[0]:
            out.append(Term(keys[0], _display(words[0], first=True)))
        out.extend(Term(k, w) for k, w in zip(keys[1:], words[1:], strict=True) if k)
    return out


def is_nameable(word: str, lemma: str = "") -> bool:
    """Whether a reason may name this word: long enough, no stop word in any language."""
    lemma = lemma or word.lower()
    return (
        len(word) >= MIN_NAMED_LETTERS
        and len(lemma) >= MIN_NAMED_LETTERS
        and word.lower() not in ANY_STOP_WORD
        and lemma not in ANY_STOP_WORD
        and word.isalpha()
    )


def nameable_words(text: str) -> list[str]:
    """The words of a stored list ("de, ans, filiale") that a reason may still name."""
    out: list[str] = []
    for word in (w.strip() for w in text.split(",")):
        low = word.lower()
        # Out of its sentence a word's language is unknown: it must pass in each language.
        if word not in out and all(is_nameable(word, lemma_of(low, (g,))) for g in LANGUAGES):
            out.append(word)
    return out


def tfidf(texts: Sequence[str], hints: Sequence[Sequence[str]] | None = None) -> GoalVectors:
    """L2-normalised TF-IDF rows over lemmas (sublinear tf, smoothed idf).

    `hints[i]` lists the languages of the writer of `texts[i]`, for undecided sentences.
    Each lemma's label is its most frequent written form that a reason may name.
    """
    hints = hints if hints is not None else [()] * len(texts)
    cache: dict[tuple[str, tuple[str, ...]], list[Term]] = {}
    term_lists: list[list[Term]] = []
    for text, hint in zip(texts, hints, strict=True):
        key = (text, _languages_of(tuple(hint)))
        if key not in cache:
            cache[key] = terms(text, key[1])
        term_lists.append(cache[key])
    vocabulary = sorted({t.lemma for found in term_lists for t in found})
    index = {t: i for i, t in enumerate(vocabulary)}
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    rows: list[int] = []
    cols: list[int] = []
    for r, found in enumerate(term_lists):
        rows.extend([r] * len(found))
        cols.extend(index[t.lemma] for t in found)
        for t in found:
            forms[t.lemma][t.word] += 1
    labels: list[str] = []
    for lemma in vocabulary:
        # Most written first; among equals the lemma itself, then a-z.
        named = [
            (-n, w.lower() != lemma, w) for w, n in forms[lemma].items() if is_nameable(w, lemma)
        ]
        labels.append(min(named)[2] if named else "")
    shape = (len(texts), len(vocabulary))
    counts = sp.csr_matrix(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=shape,
    )
    counts.sum_duplicates()
    counts.sort_indices()
    df = np.bincount(counts.indices, minlength=len(vocabulary))
    idf = np.log((1.0 + len(texts)) / (1.0 + df)) + 1.0
    weighted = counts.copy()
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weighted = sp.diags(1.0 / norms) @ weighted
    return GoalVectors(sp.csr_matrix(weighted), vocabulary, labels)


def embed(texts: Sequence[str], embedder: Embedder) -> sp.csr_matrix:
    """L2-normalised dense embeddings wrapped as a sparse matrix, for the same products."""
    vectors = np.asarray(embedder(texts), dtype=np.float64)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return sp.csr_matrix(vectors / norms)
