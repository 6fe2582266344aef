from __future__ import annotations

from django.urls import reverse

from mentora.programs.models import Objective
from tests.factories import make_objective


def _post(client, programme, **data):
    payload = {"title": "NPS up", "metric": "nps", "target": "40", "target_date": "2027-12-01"}
    payload.update(data)
    return client.post(reverse("programs:objective_create", args=[programme.pk]), payload)


def test_coordinator_adds_a_smart_objective(client, coordinator, programme):
    client.force_login(coordinator.user)
    _post(client, programme, baseline="10")
    objective = Objective.objects.get()
    assert (objective.metric, objective.baseline, objective.target) == ("nps", 10, 40)


def test_objective_outside_the_kpi_range_is_refused(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = _post(client, programme, metric="satisfaction", target="7")
    assert "This KPI lies between 1 and 5." in response.content.decode()
    assert not Objective.objects.exists()


def test_negative_count_is_refused(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = _post(client, programme, metric="participation", target="-3")
    assert "This KPI cannot be below 0." in response.content.decode()


def test_target_equal_to_baseline_is_refused(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = _post(client, programme, baseline="40")
    assert "The target must differ from the baseline." in response.content.decode()


def test_objective_needs_a_date(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = _post(client, programme, target_date="")
    assert response.status_code == 200
    assert not Objective.objects.exists()


def test_coordinator_edits_an_objective(client, coordinator, programme):
    objective = make_objective(programme)
    client.force_login(coordinator.user)
    client.post(
        reverse("programs:objective_edit", args=[programme.pk, objective.pk]),
        {
            "title": "Happier",
            "metric": "satisfaction",
            "target": "4.5",
            "target_date": "2027-06-01",
        },
    )
    objective.refresh_from_db()
    assert objective.title == "Happier"


def test_objective_of_another_programme_is_not_found(client, coordinator, programme, organisation):
    from tests.factories import make_programme

    foreign = make_objective(make_programme(organisation))
    client.force_login(coordinator.user)
    response = client.get(reverse("programs:objective_edit", args=[programme.pk, foreign.pk]))
    assert response.status_code == 404


def test_coordinator_removes_an_objective(client, coordinator, programme):
    objective = make_objective(programme)
    client.force_login(coordinator.user)
    client.post(reverse("programs:objective_delete", args=[programme.pk, objective.pk]))
    assert not Objective.objects.exists()
