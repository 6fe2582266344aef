"""Reasons read in the reader's language, with proper plurals and dates in its format."""

from __future__ import annotations

import pytest
from django.utils import translation

from mentora.analytics.health import reason_text

GAP = {"code": "no_meeting", "points": 20, "days": 52, "cadence": "monthly"}
PULSE = {"code": "pulse_low", "points": 35, "quality": 2, "on": "2027-03-03"}


def _in(language, reason):
    with translation.override(language):
        return reason_text(reason)


def test_a_meeting_gap_says_what_the_programme_expects():
    assert _in("en", GAP) == "No meeting for 52 days; the programme expects one a month."
    assert _in("fr", GAP) == (
        "Aucune rencontre depuis 52 jours\u00a0; le programme en prévoit une par mois."
    )


def test_a_gap_without_any_meeting_says_since_when():
    reason = {"code": "no_meeting_yet", "days": 37, "cadence": "fortnightly"}
    assert _in("en", reason) == (
        "No meeting since the relationship started, 37 days ago; "
        "the programme expects one every two weeks."
    )


def test_a_low_pulse_gives_its_date_in_the_readers_format():
    assert _in("en", PULSE) == "Pulse 2/5 on 3 March 2027."
    assert _in("fr", PULSE) == "Point d'étape à 2/5 le 3 mars 2027."


@pytest.mark.parametrize(
    ("language", "count", "text"),
    [
        ("en", 1, "1 meeting missed in the last 90 days."),
        ("en", 2, "2 meetings missed in the last 90 days."),
        ("fr", 1, "1 rencontre manquée ces 90 derniers jours."),
        ("fr", 2, "2 rencontres manquées ces 90 derniers jours."),
    ],
)
def test_missed_meetings_are_counted_with_plurals(language, count, text):
    reason = {"code": "meetings_missed", "count": count, "days": 90}
    assert _in(language, reason) == text


@pytest.mark.parametrize(
    ("language", "count", "text"),
    [
        ("en", 1, "An open concern, raised on 5 March 2027."),
        ("en", 2, "2 open concerns, the first raised on 5 March 2027."),
        ("fr", 1, "Un signalement ouvert, fait le 5 mars 2027."),
        ("fr", 2, "2 signalements ouverts, le premier fait le 5 mars 2027."),
    ],
)
def test_open_concerns_are_counted_with_plurals(language, count, text):
    reason = {"code": "open_concern", "count": count, "since": "2027-03-05"}
    assert _in(language, reason) == text


def test_every_other_reason_reads_in_both_languages():
    reasons = [
        {"code": "meetings_cancelled", "count": 2, "days": 90},
        {"code": "agreement_unsigned", "days": 65},
        {"code": "goals_behind", "count": 1},
        {"code": "pulse_poor_fit", "on": "2027-03-03"},
    ]
    assert [_in("en", r) for r in reasons] == [
        "2 meetings cancelled in the last 90 days.",
        "The agreement is still not signed by everyone after 65 days.",
        "1 goal off track or past its due date.",
        "“Not a good fit” in the pulse of 3 March 2027.",
    ]
    assert [_in("fr", r) for r in reasons] == [
        "2 rencontres annulées ces 90 derniers jours.",
        "L'accord n'est toujours pas signé par tous après 65 jours.",
        "1 objectif en retard ou dont l'échéance est passée.",
        "«\u00a0Le binôme ne fonctionne pas\u00a0» au point d'étape du 3 mars 2027.",
    ]


def test_a_reason_of_an_unknown_kind_reads_as_its_words():
    assert _in("en", {"code": "something_new", "points": 5}) == "something new"
