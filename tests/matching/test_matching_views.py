"""Matching pages: settings form, progress polling, comparison, participants' view."""

from __future__ import annotations

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
    from mentora.matching.services import default_parameters

    programme, _people = scenario
    MatchingSettings.objects.create(
        programme=programme, parameters={**default_parameters(programme), "objective": "stable"}
    )
    run = run_now(programme)
    client.force_login(coordinator.user)
    page = client.get(_url(programme, f"runs/{run.pk}/")).content.decode()
    assert "Stable matching costs" in page
