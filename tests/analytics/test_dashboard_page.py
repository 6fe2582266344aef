"""The programme dashboard page, /programmes/<id>/dashboard/, on the hand-computed world."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

NNBSP = "\u202f"


@pytest.fixture
def readers(world, coordinator, sponsor):
    world.programme.coordinators.add(coordinator.user)
    world.programme.sponsors.add(sponsor.user)
    return world


def _page(client, membership, programme, query: str = "") -> str:
    client.force_login(membership.user)
    url = reverse("dashboard:programme", args=[programme.pk]) + query
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"[ \t\n]+", " ", response.content.decode())


def _stat(value: str, label: str) -> str:
    return f'<span class="stat__value">{value}</span> <span class="stat__label">{label}</span>'


def test_the_page_shows_every_figure_of_the_programme(client, readers, coordinator):
    page = _page(client, coordinator, readers.programme)
    for value, label in [
        ("26.3%", "Participation rate"), ("3", "active relationships"),
        ("1", "relationship at risk"), ("2", "closed relationships"),
        ("1", "relationship ended early"), ("10", "sessions held"), ("12", "sessions planned"),
        ("2.0", "Sessions held per active pair"), ("44.4%", "Goal attainment"),
        ("9", "goals (not dropped)"), ("4", "goals achieved"), ("3.9", "Satisfaction (out of 5)"),
        ("3.8", "Session rating (out of 5)"), ("14", "Net promoter score"),
        ("80.0%", "Participants still employed"),
        ("63.3%", "Comparable non-participants still employed"),
        ("60.0%", "Pairs across departments"), ("20.0%", "Pairs across sites"),
        ("75.0%", "Pairs across generations"),
    ]:  # fmt: skip
        assert _stat(value, label) in page, label
    assert "from 7 answers" in page and "from 6 answers" in page


def test_the_funnel_and_the_months_are_charts_with_their_tables(client, readers, coordinator):
    page = _page(client, coordinator, readers.programme)
    funnel = ["Invited", "8", "Applied", "13", "Approved", "10", "Matched", "10", "Active", "6"]
    pairs = zip(funnel[::2], funnel[1::2], strict=True)
    for step, count in pairs:
        assert f'<th scope="row">{step}</th><td class="num">{count}</td>' in page
    may = '<th scope="row">May 2027</th><td class="num">2</td><td class="num">1</td>'
    assert f'{may}<td class="num">50.0%</td>' in page
    assert "Bar chart: Funnel: people at each step." in page
    assert page.count("<canvas") == 2 + len(readers.objectives)


def test_each_objective_shows_its_value_target_status_and_trend(client, readers, coordinator):
    page = _page(client, coordinator, readers.programme)
    goals = page.split("<h3>goals</h3>")[1].split("</article>")[0]
    assert "Off track" in goals and "badge--goal-off_track" in goals
    assert "<dd><strong>44.4%</strong></dd>" in goals
    assert "<dd>20.0%</dd>" in goals and "<dd>60.0%</dd>" in goals
    assert "<dd>30 June 2028</dd>" in goals
    assert "Line chart: Weekly trend: goals." in goals


def test_the_page_reads_in_french(client, readers, coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    page = _page(client, coordinator, readers.programme)
    assert _stat("3,9", "Satisfaction (sur 5)") in page
    assert _stat(f"44,4{NNBSP}%", "Atteinte des objectifs") in page
    assert _stat(f"63,3{NNBSP}%", "Non-participants comparables toujours en poste") in page
    assert "sur 7 réponses" in page and "Tableau de bord" in page
    assert ">3.9<" not in page


def test_counts_agree_with_their_number_in_french(client, readers, coordinator):
    coordinator.user.language = "fr"
    coordinator.user.save()
    page = _page(client, coordinator, readers.programme)
    assert _stat("1", "relation à risque") in page
    assert _stat("2", "relations clôturées") in page
    assert _stat("3", "relations en cours") in page
    assert _stat("4", "objectifs atteints") in page


def test_coordinators_see_the_at_risk_list(client, readers, coordinator):
    page = _page(client, coordinator, readers.programme)
    assert 'id="at-risk-list"' in page
    assert str(readers.people["m1"].user) in page


def test_a_sponsor_reads_not_enough_answers_where_the_figure_is_withheld(client, readers, sponsor):
    page = _page(client, sponsor, readers.programme)
    # Goals achieved by four people or fewer, two closed relationships, promoters…
    for label in ("goals achieved", "closed relationships", "Goal attainment"):
        assert _stat_missing(label) in page, label
    assert "<dt>Promoters (9–10)</dt><dd>Not enough answers</dd>" in page
    # Seven answers: the satisfaction is shown.
    assert _stat("3.9", "Satisfaction (out of 5)") in page
    assert "None" not in page


def _stat_missing(label: str) -> str:
    return (
        '<span class="stat__value stat__value--missing">Not enough answers</span> '
        f'<span class="stat__label">{label}</span>'
    )


def test_a_sponsor_never_reads_a_participants_name(client, readers, sponsor):
    page = _page(client, sponsor, readers.programme)
    assert 'id="at-risk-list"' not in page
    for person in readers.people.values():
        assert person.user.get_full_name() not in page
        assert person.user.email not in page


def test_a_filter_with_a_problem_is_reported_and_ignored(client, readers, coordinator):
    sales = readers.departments["Sales"]
    page = _page(
        client, coordinator, readers.programme, f"?department={sales.pk}&cohort_from=2027-13"
    )
    assert "“2027-13” is not a month" in page
    assert 'id="filter-cohort-from-ignored"' in page
    assert "Showing: department Sales." in page
    assert f'<option value="{sales.pk}" selected>Sales</option>' in page


def test_a_cohort_filter_says_why_the_first_steps_of_the_funnel_are_missing(
    client, readers, coordinator
):
    page = _page(client, coordinator, readers.programme, "?cohort_from=2027-01")
    assert '<th scope="row">Invited</th><td class="num">Not shown with a cohort filter</td>' in page
    assert "people not yet paired belong to none" in page


def test_retention_before_twelve_months_reads_not_enough_data(client, world, coordinator):
    world.programme.coordinators.add(coordinator.user)
    for relationship in world.relationships.values():
        relationship.created_at = relationship.created_at.replace(year=2027, month=12)
        relationship.save(update_fields=["created_at"])
    page = _page(client, coordinator, world.programme)
    assert "nobody has been in a relationship of the programme for 12 months yet" in page


def test_the_export_buttons_keep_the_filters(client, readers, coordinator):
    page = _page(client, coordinator, readers.programme, "?cohort_from=2027-02")
    csv_url = reverse("dashboard:csv", args=[readers.programme.pk])
    assert f'href="{csv_url}?cohort_from=2027-02"' in page
