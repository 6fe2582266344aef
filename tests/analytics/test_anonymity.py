"""k-anonymity for sponsors (MEASURE.md, k = 5): figures under k people, and the difference
attack, with and without filters."""

from __future__ import annotations

from mentora.analytics.anonymity import Figures, anonymise
from mentora.analytics.figures import dashboard, programme_dashboard
from mentora.analytics.filters import Filters
from mentora.analytics.series import sessions_by_month
from tests.analytics.world import AS_OF


def _sponsor(world, **filters):
    return dashboard(world.programme, anonymised=True, filters=Filters(**filters), as_of=AS_OF)


def test_anonymise_hides_figures_under_k_and_says_why():
    figures = Figures(
        data={"nps": {"score": 10, "answers": 4}, "funnel": {"applied": 12}},
        bases={("nps", "score"): 4, ("nps", "answers"): 4, ("funnel", "applied"): 12},
    )
    data, reasons = anonymise(figures)
    assert data["nps"] == {"score": None, "answers": None}
    assert data["funnel"] == {"applied": 12}
    assert data["anonymised"] is True
    assert "fewer than 5 people" in reasons[("nps", "score")]


def test_anonymise_refuses_a_figure_whose_complement_is_under_k():
    figures = Figures(data={"funnel": {"applied": 8}}, bases={("funnel", "applied"): 8})
    complement = Figures(data={"funnel": {"applied": 2}}, bases={("funnel", "applied"): 2})
    data, reasons = anonymise(figures, complements=[complement])
    assert data["funnel"]["applied"] is None
    assert "without this filter" in reasons[("funnel", "applied")]


def test_anonymise_keeps_a_figure_whose_complement_is_empty():
    figures = Figures(data={"funnel": {"applied": 8}}, bases={("funnel", "applied"): 8})
    complement = Figures(data={"funnel": {"applied": 0}}, bases={("funnel", "applied"): 0})
    assert anonymise(figures, complements=[complement])[0]["funnel"]["applied"] == 8


def test_anonymise_leaves_the_computed_figures_untouched():
    figures = Figures(data={"funnel": {"applied": 3}}, bases={("funnel", "applied"): 3})
    anonymise(figures)
    assert figures.data["funnel"]["applied"] == 3


def test_a_sponsor_reads_null_for_every_figure_under_k(world):
    data = programme_dashboard(world.programme, anonymised=True, as_of=AS_OF)
    assert data["anonymised"] is True
    # Two people completed; one relationship (2 people) is at risk; 3 goal owners achieved.
    assert data["funnel"]["completed"] is None
    assert data["relationships"] == {
        "active": 3,
        "at_risk": None,
        "closed": None,
        "ended_early": None,
    }
    assert data["goals"] == {
        "total": 9, "achieved": None, "on_track": None, "off_track": None, "attainment": None,
    }  # fmt: skip
    assert data["satisfaction"] == {"mean": 3.9, "answers": 7}


def test_a_sponsor_reads_the_nps_without_its_counts_when_one_is_under_k(world):
    data = programme_dashboard(world.programme, anonymised=True, as_of=AS_OF)
    assert data["nps"] == {
        "score": 14, "answers": 7, "promoters": None, "passives": None, "detractors": None,
    }  # fmt: skip


def test_an_objective_whose_figure_is_hidden_has_not_enough_data_for_a_sponsor(world):
    data = programme_dashboard(world.programme, anonymised=True, as_of=AS_OF)
    goals = next(o for o in data["objectives"] if o["title"] == "goals")
    assert (goals["current"], goals["status"]) == (None, "not_enough_data")


def test_a_filtered_figure_under_k_is_hidden(world):
    # IT people answered the end survey: m1, m2, e5.
    result = _sponsor(world, department=world.departments["IT"])
    assert result.data["satisfaction"] == {"mean": None, "answers": None}


def test_a_filtered_figure_at_k_is_refused_when_the_rest_is_under_k(world):
    # Paris: e1, e2, e3, e5, m1 answered (5); outside Paris only m2 and e4 (2): the whole
    # programme's mean minus Paris's would give theirs away.
    result = _sponsor(world, site=world.sites["Paris"])
    assert result.data["satisfaction"]["mean"] is None
    assert "without this filter" in result.reasons[("satisfaction", "mean")]


def test_a_filtered_figure_is_shown_when_it_and_the_rest_reach_k(world):
    # Sales applicants: e1–e4, m3, x1–x3 (8); the others: m1, m2, m4, m5, e5 (5).
    result = _sponsor(world, department=world.departments["Sales"])
    assert result.data["funnel"]["applied"] == 8


def test_two_filters_are_checked_against_each_wider_group(world):
    # Sales in Paris: 7 applicants; the whole programme less them: 6, but Sales less Paris is
    # e4 alone and Paris less Sales is m1, m5, e5.
    result = _sponsor(world, department=world.departments["Sales"], site=world.sites["Paris"])
    assert result.data["funnel"]["applied"] is None


def test_the_coordinator_reads_the_same_filtered_figure(world):
    result = dashboard(
        world.programme, anonymised=False, filters=Filters(site=world.sites["Paris"]), as_of=AS_OF
    )
    assert result.data["satisfaction"] == {"mean": 4.4, "answers": 5}


def test_sessions_by_month_hides_months_under_k_for_a_sponsor(world):
    months = sessions_by_month(world.programme, anonymised=True, as_of=AS_OF)
    march = next(m for m in months if m["month"] == "2027-03")
    may = next(m for m in months if m["month"] == "2027-05")
    # March: R1–R4 met (8 people); May: R1 and R3 (4 people).
    assert (march["planned"], march["held"]) == (4, 4)
    assert (may["planned"], may["held"], may["held_vs_planned"]) == (None, None, None)
