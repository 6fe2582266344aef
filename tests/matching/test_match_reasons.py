"""Match reasons on the demo population: meaningful words, in the reader's language."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation
from stop_words import get_stop_words

from mentora.accounts.models import Organisation, User
from mentora.demo.builder import DemoBuilder
from mentora.matching.models import MatchingRun, Proposal, RunStatus
from mentora.matching.reasons import render_reasons
from mentora.matching.services.runs import PAIRING_STATUSES, start_run
from mentora.programs.models import Programme

STOP_WORDS = {w.lower() for lang in ("fr", "en") for w in get_stop_words(lang)}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _demo_reasons(django_db_setup, django_db_blocker):
    """The reasons of every proposal of a run of each demo programme with applicants."""
    # Building the demo and running its matchings takes seconds: once for this module.
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, TASKS=IMMEDIATE_TASKS),
    ):
        organisation = DemoBuilder().build()
        programmes = Programme.objects.filter(
            organisation=organisation,
            applications__status="approved",
            status__in=PAIRING_STATUSES,
        ).distinct()
        runs = [start_run(programme=programme, actor=None).pk for programme in programmes]
        statuses = list(MatchingRun.objects.filter(pk__in=runs).values_list("status", flat=True))
        reasons = [p.reasons for p in Proposal.objects.filter(run__in=runs).order_by("pk")]
        yield statuses, reasons
        Organisation.objects.all().delete()
        User.objects.all().delete()


@pytest.fixture
def demo_reasons(_demo_reasons, db):
    return _demo_reasons[1]


def _goal_words(reasons: list[list[dict]]) -> list[str]:
    return [
        word.strip()
        for items in reasons
        for item in items
        if item["key"] == "shared_goals"
        for word in item["params"]["words"].split(",")
    ]


def test_every_demo_programme_pairing_people_is_matched(_demo_reasons, db):
    statuses, _reasons = _demo_reasons
    assert len(statuses) >= 3 and set(statuses) == {RunStatus.DONE}


def test_the_demo_matching_names_shared_goals(demo_reasons):
    assert len(_goal_words(demo_reasons)) >= 20


def test_no_demo_reason_names_a_stop_word(demo_reasons):
    named = {word.lower() for word in _goal_words(demo_reasons)}
    assert named and not named & STOP_WORDS


def test_no_demo_reason_names_a_number_or_a_word_of_under_three_letters(demo_reasons):
    assert all(len(word) >= 3 and word.isalpha() for word in _goal_words(demo_reasons))


def test_a_reason_reads_in_english_in_the_english_interface(demo_reasons):
    reasons = next(r for r in demo_reasons if any(i["key"] == "shared_goals" for i in r))
    with translation.override("en"):
        texts = render_reasons(reasons)
    assert any(text.startswith("shared goals: ") for text in texts)


def test_a_reason_reads_in_french_in_the_french_interface(demo_reasons):
    reasons = next(r for r in demo_reasons if any(i["key"] == "shared_goals" for i in r))
    with translation.override("fr"):
        texts = render_reasons(reasons)
    assert any(text.startswith("objectifs communs\xa0: ") for text in texts)
    assert not any("shared goals" in text for text in texts)


def test_a_stored_reason_leaves_out_the_stop_words_it_named():
    stored = [{"key": "shared_goals", "params": {"words": "une, filiale, 2027"}}]
    with translation.override("en"):
        assert render_reasons(stored) == ["shared goals: filiale"]


def test_a_stored_reason_with_only_stop_words_is_not_shown():
    stored = [
        {"key": "shared_goals", "params": {"words": "de, ans, dans"}},
        {"key": "same_time_zone", "params": {}},
    ]
    with translation.override("en"):
        assert render_reasons(stored) == ["same time zone"]
