"""Matching pages: settings form, progress polling, comparison, participants' view."""

from __future__ import annotations

import pytest

from mentora.matching.models import MatchingSettings


def _url(programme, suffix=""):
    return f"/matching/programmes/{programme.pk}/{suffix}"


def test_the_settings_show_the_defaults_of_the_programme_kind(client, scenario, coordinator):
    programme, _people = scenario
    client.force_login(coordinator.user)
    page = client.get(_url(programme))
    assert page.context["form"].initial["seniority_gap"] == 2
    assert page.context["form"].initial["weight_skills"] == 4.0


def test_bad_settings_get_a_clear_message_and_nothing_is_saved(client, scenario, coordinator):
    programme, _people = scenario
    client.force_login(coordinator.user)
    client.get(_url(programme))
    page = client.post(_url(programme), {"seniority_gap": "-3", "department": "any"})
    assert page.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in page.content.decode()
    assert MatchingSettings.objects.get(programme=programme).parameters["department"] == (
        "prefer_other"
    )


def test_good_settings_are_used_by_the_next_run(client, scenario, coordinator, run_now):
    programme, _people = scenario
    client.force_login(coordinator.user)
    data = client.get(_url(programme)).context["form"].initial
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    data.update({"seniority_gap": 3, "min_score": 1.5})
    assert client.post(_url(programme), data).status_code == 302
    run = run_now(programme)
    assert (run.parameters["seniority_gap"], run.parameters["min_score"]) == (3, 1.5)


def test_the_progress_poll_reloads_the_page_once_the_run_is_done(
    client, scenario, coordinator, run_now
):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    response = client.get(_url(programme, f"runs/{run.pk}/status/"), headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"


def test_two_runs_are_compared(client, scenario, coordinator, run_now):
    programme, _people = scenario
    first, second = run_now(programme), run_now(programme)
    client.force_login(coordinator.user)
    page = client.get(_url(programme, f"compare/?a={first.pk}&b={second.pk}"))
    assert page.context["diff"]["shared"] == 3


def test_participants_cannot_open_a_run(client, scenario, run_now):
    programme, people = scenario
    run = run_now(programme)
    client.force_login(people["py"].user)
    assert client.get(_url(programme, f"runs/{run.pk}/")).status_code == 403


def test_the_review_of_a_stable_run_shows_what_stability_costs(
    client, scenario, coordinator, run_now
):
    from mentora.matching.selectors.runs import default_parameters

    programme, _people = scenario
    MatchingSettings.objects.create(
        programme=programme, parameters={**default_parameters(programme), "objective": "stable"}
    )
    run = run_now(programme)
    client.force_login(coordinator.user)
    page = client.get(_url(programme, f"runs/{run.pk}/")).content.decode()
    assert "Stable matching costs" in page


def test_a_failed_run_shows_its_error_to_the_coordinator(client, scenario, coordinator, run_now):
    from unittest import mock

    programme, _people = scenario
    with mock.patch("mentora.matching.engine.match", side_effect=RuntimeError("solver crashed")):
        failed = run_now(programme)
    client.force_login(coordinator.user)
    page = client.get(_url(programme, f"runs/{failed.pk}/")).content.decode()
    assert "The run failed." in page
    assert "Earlier runs and published matches are unchanged." in page
    assert "solver crashed" in page


def test_the_review_summary_shows_share_quality_distribution_and_mentor_load(
    client, scenario, coordinator, run_now
):
    programme, _people = scenario
    run = run_now(programme)
    client.force_login(coordinator.user)
    page = client.get(_url(programme, f"runs/{run.pk}/"))
    summary = page.context["summary"]
    assert summary["share"] == 100
    assert sum(bar.count for bar in summary["histogram"]) == 3
    # Pia Python takes Paul and Bea, Eric Excel takes Xavier.
    assert summary["load"] == [(1, 1), (2, 1)]
    html = page.content.decode()
    assert "How many pairs reach each level of match quality" in html
    assert "Mentor load" in html


def test_the_review_of_a_group_run_shows_each_group(client, organisation, coordinator, run_now):
    from tests.factories import make_participant, make_programme

    programme = make_programme(
        organisation, kind="group", format="group", group_size=3, status="matching"
    )
    programme.coordinators.add(coordinator.user)
    for name in ("Ada", "Bob"):
        make_participant(
            programme, "mentor", level=5, offered={"Lead": 5}, first_name=name, last_name="Lead"
        )
    for _n in range(6):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    run = run_now(programme)
    client.force_login(coordinator.user)
    html = client.get(_url(programme, f"runs/{run.pk}/")).content.decode()
    assert "Group of Ada Lead: 3 mentees" in html
    assert "Group of Bob Lead: 3 mentees" in html


def test_a_run_keeps_its_parameters_duration_counts_and_total_score(scenario, run_now):
    programme, _people = scenario
    run = run_now(programme)
    assert run.parameters["kind"] == "traditional"
    assert run.duration > 0
    assert (run.mentees_count, run.mentors_count, run.matched_count) == (3, 2, 3)
    assert run.total_score == pytest.approx(sum(run.proposals.values_list("score", flat=True)))
