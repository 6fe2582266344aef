"""An objective is due while its programme runs: not before it starts, not after it ends."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from mentora.programs.models import Objective
from mentora.programs.services import ObjectiveOutsideProgramme, save_objective
from tests.factories import make_objective, make_programme


def _post(client, programme, target_date):
    return client.post(
        reverse("programs:objective_create", args=[programme.pk]),
        {"title": "NPS up", "metric": "nps", "target": "40", "target_date": target_date},
    )


def test_it_refuses_an_objective_due_after_the_programme_ends(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = _post(client, programme, "2028-03-01")
    assert response.status_code == 200
    assert (
        "The programme runs from 1 January 2027 to 31 December 2027: choose a target date "
        "within it." in response.content.decode()
    )
    assert not Objective.objects.exists()


def test_it_refuses_an_objective_due_before_the_programme_starts(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = _post(client, programme, "2026-12-31")
    assert "choose a target date within it." in response.content.decode()
    assert not Objective.objects.exists()


def test_it_accepts_the_first_and_the_last_day(client, coordinator, programme):
    client.force_login(coordinator.user)
    _post(client, programme, "2027-01-01")
    _post(client, programme, "2027-12-31")
    assert Objective.objects.count() == 2


def test_it_explains_the_refusal_in_french(client, coordinator, programme):
    coordinator.user.language = "fr"
    coordinator.user.save()
    client.force_login(coordinator.user)
    response = _post(client, programme, "2028-03-01")
    assert "Le programme se déroule du 1 janvier 2027 au 31 décembre 2027" in (
        response.content.decode()
    )


def test_it_checks_only_the_known_end_of_an_open_ended_programme(client, coordinator, organisation):
    programme = make_programme(organisation, starts_on=None, ends_on=date(2027, 6, 30))
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    response = _post(client, programme, "2027-07-01")
    assert "The programme ends on 30 June 2027: choose a target date on or before it." in (
        response.content.decode()
    )
    _post(client, programme, "2020-01-01")
    assert Objective.objects.count() == 1


def test_it_accepts_any_date_when_the_programme_has_none(client, coordinator, organisation):
    programme = make_programme(organisation, starts_on=None, ends_on=None, is_formal=False)
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    _post(client, programme, "2030-01-01")
    assert Objective.objects.exists()


def test_the_service_refuses_a_date_outside_the_programme(coordinator, programme):
    with pytest.raises(ObjectiveOutsideProgramme) as refusal:
        save_objective(
            programme=programme,
            actor=coordinator.user,
            objective=None,
            title="NPS up",
            metric="nps",
            baseline=None,
            target=Decimal(40),
            target_date=date(2028, 1, 15),
        )
    assert "choose a target date within it" in refusal.value.message
    assert not Objective.objects.exists()


def test_moving_the_programme_dates_past_an_objective_is_refused(client, coordinator, programme):
    make_objective(programme, title="Happy mentees", target_date=date(2027, 12, 31))
    client.force_login(coordinator.user)
    response = client.post(
        reverse("programs:edit", args=[programme.pk]),
        {
            "name": programme.name,
            "kind": "traditional",
            "format": "one_to_one",
            "is_formal": "on",
            "starts_on": "2027-01-01",
            "ends_on": "2027-09-30",
            "cadence": "monthly",
            "session_minutes": "60",
            "enrolment_mode": "approval",
            "matching_mode": "coordinator",
            "default_mentor_capacity": "1",
        },
    )
    assert response.status_code == 200
    assert "“Happy mentees” is due on 31 December 2027, outside these dates" in (
        response.content.decode()
    )
    programme.refresh_from_db()
    assert programme.ends_on == date(2027, 12, 31)


def test_an_edit_that_keeps_the_dates_is_not_held_up_by_an_older_objective(coordinator, programme):
    from mentora.programs.services import update_programme

    # Recorded before objectives had to fall within the programme (or by the demo loader).
    make_objective(programme, title="Retention a year later", target_date=date(2028, 12, 31))
    update_programme(programme=programme, actor=coordinator.user, name="Talents 2027")
    programme.refresh_from_db()
    assert programme.name == "Talents 2027"


def test_the_service_refuses_dates_that_leave_an_objective_outside(coordinator, programme):
    from mentora.programs.services import update_programme

    make_objective(programme, title="Happy mentees", target_date=date(2027, 12, 31))
    with pytest.raises(ObjectiveOutsideProgramme):
        update_programme(programme=programme, actor=coordinator.user, ends_on=date(2027, 6, 30))
    programme.refresh_from_db()
    assert programme.ends_on == date(2027, 12, 31)
