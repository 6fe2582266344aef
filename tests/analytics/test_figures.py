"""Every row of MEASURE.md's Definitions against the hand computation of world.py."""

from __future__ import annotations

from datetime import date

import pytest

from mentora.analytics.figures import programme_dashboard
from mentora.analytics.models import AnalyticsSettings
from mentora.analytics.series import participation_rate, sessions_by_month
from tests.analytics.world import AS_OF


@pytest.fixture
def figures(world):
    return programme_dashboard(world.programme, anonymised=False, as_of=AS_OF)


def test_the_dashboard_has_exactly_the_contract_keys(figures):
    assert set(figures) == {
        "programme", "as_of", "k", "anonymised", "objectives", "funnel", "relationships",
        "sessions", "goals", "satisfaction", "session_rating", "nps", "retention", "diversity",
    }  # fmt: skip
    assert set(figures["objectives"][0]) == {
        "id", "title", "metric", "baseline", "target", "target_date", "current", "status",
    }  # fmt: skip
    assert figures["as_of"] == "2028-03-15"
    assert (figures["k"], figures["anonymised"]) == (5, False)


def test_nps_counts_promoters_passives_and_detractors_of_the_end_survey(figures):
    # Answers 10, 9, 9 | 8, 7 | 6, 3: round(100 × (3 − 2) / 7) = 14; the answer sent after
    # AS_OF and the mid-point survey are not read.
    assert figures["nps"] == {
        "score": 14, "answers": 7, "promoters": 3, "passives": 2, "detractors": 2,
    }  # fmt: skip


def test_satisfaction_is_the_end_surveys_satisfaction_question_not_the_scale_item(figures):
    # 5 + 4 + 4 + 3 + 5 + 4 + 2 = 27 over 7 = 3.857…; the first question (a mentoring-functions
    # item, answered 1 by all) and the end-of-relationship survey are not read.
    assert figures["satisfaction"] == {"mean": 3.9, "answers": 7}


def test_satisfaction_falls_back_on_the_latest_mid_point_survey(world):
    world.surveys["end"].delete()
    figures = programme_dashboard(world.programme, anonymised=False, as_of=AS_OF)
    assert figures["satisfaction"] == {"mean": 1.0, "answers": 2}


def test_session_rating_is_the_mean_of_ratings_sent_in_the_period(figures):
    # 5, 4, 3, 4, 5, 2 = 23 / 6 = 3.83; the rating of 2028-04-06 is after AS_OF.
    assert figures["session_rating"] == {"mean": 3.8, "answers": 6}


def test_sessions_held_per_pair_divides_held_by_relationships_active_in_the_period(figures):
    # Held: R1 3, R2 2, R3 4, R4 1 = 10; pairs started by AS_OF: R1–R5 = 5.
    assert figures["sessions"]["held"] == 10
    assert figures["sessions"]["held_per_active_pair"] == 2.0


def test_planned_counts_every_meeting_not_cancelled_up_to_as_of(figures):
    # R1: 3 held + 1 missed + 1 awaiting its outcome (the cancelled one and the one in April
    # 2028 are not); R2 2; R3 4; R4 1 (its cancelled one is not) = 12.
    assert figures["sessions"]["planned"] == 12


def test_held_vs_planned_per_month(world):
    months = sessions_by_month(world.programme, anonymised=False, as_of=AS_OF)
    by_month = {m["month"]: (m["planned"], m["held"]) for m in months}
    assert months[0]["month"] == "2027-01" and months[-1]["month"] == "2028-03"
    assert by_month["2027-02"] == (2, 2)
    assert by_month["2027-03"] == (4, 4)
    assert by_month["2027-05"] == (2, 1)
    assert by_month["2027-12"] == (1, 0)
    assert by_month["2027-09"] == (0, 0)
    assert sum(p for p, _h in by_month.values()) == 12
    assert next(m for m in months if m["month"] == "2027-05")["held_vs_planned"] == 50.0


def test_goal_attainment_counts_achieved_against_goals_not_dropped(figures):
    # Not dropped: 9; achieved: e1, e2, e3 ×2 = 4 → 44.4 %.
    assert figures["goals"] == {
        "total": 9, "achieved": 4, "on_track": 2, "off_track": 2, "attainment": 44.4,
    }  # fmt: skip


def test_participation_is_approved_people_over_people_the_programme_was_open_to(world):
    # Employed on 2026-12-15 (enrolment closed): 12 paired people (R6's included), 3
    # applicants never paired, 10 + 10 + 3 comparison members = 38; the staff joined Mentora
    # later, one left before and one was hired after. Approved by AS_OF: 10.
    rate = participation_rate(world.programme, anonymised=False, as_of=AS_OF)
    assert rate == {"approved": 10, "open_to": 38, "share": 26.3}


def test_participation_of_an_invitation_only_programme_is_over_those_invited(world):
    world.programme.enrolment_mode = "invitation"
    world.programme.save()
    rate = participation_rate(world.programme, anonymised=False, as_of=AS_OF)
    assert rate == {"approved": 10, "open_to": 8, "share": 125.0}


def test_funnel_counts_people_at_each_step(figures):
    assert figures["funnel"] == {
        "invited": 8, "applied": 13, "approved": 10, "matched": 10, "active": 6, "completed": 2,
    }  # fmt: skip


def test_relationships_active_closed_and_ended_early(figures):
    assert figures["relationships"] == {"active": 3, "at_risk": 1, "closed": 2, "ended_early": 1}


def test_at_risk_follows_the_programmes_threshold(world):
    AnalyticsSettings.objects.create(programme=world.programme, at_risk_below=80)
    figures = programme_dashboard(world.programme, anonymised=False, as_of=AS_OF)
    # R1 (30) and R2 (70); R3 scores 10 but is closed.
    assert figures["relationships"]["at_risk"] == 2


def test_retention_compares_with_non_participants_standardised_to_the_participants_mix(
    figures,
):
    # Participants: 10, e1 and e4 gone before their anniversary → 80 %. Comparison, from
    # 2027-01-10: Sales level 1 5/10, IT level 3 9/10, HR level 1 0/3 (no participant in it);
    # weighted by the participants in those strata (4 and 2): (4 × 50 + 2 × 90) / 6 = 63.3,
    # where the crude rate would be 14/23 = 60.9.
    assert figures["retention"] == {
        "participants": 80.0, "comparison": 63.3, "status": "available",
    }  # fmt: skip


def test_retention_has_not_enough_data_before_twelve_months(world):
    figures = programme_dashboard(world.programme, anonymised=False, as_of=date(2028, 1, 9))
    assert figures["retention"] == {
        "participants": None, "comparison": None, "status": "not_enough_data",
    }  # fmt: skip


def test_retention_counts_only_participants_twelve_months_in(world):
    # On 2028-01-10, R1 and R2 are a year old: m1, m2 stayed, e1 left, e2 leaves later.
    figures = programme_dashboard(world.programme, anonymised=False, as_of=date(2028, 1, 10))
    assert figures["retention"]["participants"] == 75.0


def test_diversity_of_pairs(figures):
    # Departments: R1, R2, R4 of 5; sites: R2 of 5; generations: R1 (18 years), R3 (11), R5
    # (10) of the 4 where both careers are known (R4's mentor has no profile).
    assert figures["diversity"] == {
        "cross_department": 60.0, "cross_site": 20.0, "cross_generation": 75.0,
    }  # fmt: skip


def test_objective_status_in_each_state(figures):
    statuses = {o["title"]: (o["current"], o["status"]) for o in figures["objectives"]}
    assert statuses["satisfaction"] == (3.9, "achieved")
    # Participation is a count ("Participants enrolled"): 10 approved ≥ 8.
    assert statuses["participation"] == (10, "achieved")
    # The line from 0 (2027-01-01) to 2.4 (2028-06-30) stands at 1.93 on AS_OF.
    assert statuses["sessions"] == (2.0, "on_track")
    # The line to 40 stands at 32.2: 14 is below it.
    assert statuses["nps"] == (14, "off_track")
    assert statuses["goals"] == (44.4, "off_track")


def test_objective_without_data_has_not_enough_data(world):
    figures = programme_dashboard(world.programme, anonymised=False, as_of=date(2027, 6, 1))
    statuses = {o["title"]: (o["current"], o["status"]) for o in figures["objectives"]}
    assert statuses["retention"] == (None, "not_enough_data")
    assert statuses["nps"] == (None, "not_enough_data")
