from __future__ import annotations

from django.urls import reverse

from mentora.programs.models import STATUS_TRANSITIONS, Status
from tests.factories import make_member, make_mentorship, make_programme


def test_lifecycle_moves_forward_one_step(client, coordinator, programme):
    client.force_login(coordinator.user)
    client.post(reverse("programs:status", args=[programme.pk]), {"status": "matching"})
    programme.refresh_from_db()
    assert programme.status == "matching"


def test_skipping_a_step_is_refused_with_a_message(client, coordinator, programme):
    client.force_login(coordinator.user)
    response = client.post(
        reverse("programs:status", args=[programme.pk]), {"status": "closed"}, follow=True
    )
    programme.refresh_from_db()
    assert programme.status == "enrolling"
    assert "cannot move to that status" in response.content.decode()


def test_closed_is_final():
    assert STATUS_TRANSITIONS[Status.CLOSED] == ()


def test_every_status_can_be_reached_from_draft():
    reached, frontier = {Status.DRAFT}, [Status.DRAFT]
    while frontier:
        for nxt in STATUS_TRANSITIONS[frontier.pop()]:
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(Status)


def test_status_change_is_audited(client, coordinator, programme):
    client.force_login(coordinator.user)
    client.post(reverse("programs:status", args=[programme.pk]), {"status": "matching"})
    entry = programme.organisation.audit_entries.get(action="programme.status")
    assert entry.details == {"previous": "enrolling", "status": "matching"}


def test_enrolment_is_open_only_within_the_window(organisation):
    from datetime import date

    programme = make_programme(
        organisation,
        status="enrolling",
        enrolment_opens_on=date(2027, 1, 1),
        enrolment_closes_on=date(2027, 1, 31),
    )
    assert not programme.enrolment_is_open(date(2026, 12, 31))
    assert programme.enrolment_is_open(date(2027, 1, 15))
    assert not programme.enrolment_is_open(date(2027, 2, 1))


def _start(client, programme):
    return client.post(
        reverse("programs:status", args=[programme.pk]), {"status": "running"}, follow=True
    )


def test_a_formal_programme_without_relationships_cannot_start(client, coordinator, organisation):
    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    response = _start(client, programme)
    programme.refresh_from_db()
    assert programme.status == "matching"
    assert "has no relationship yet" in response.content.decode()
    assert not organisation.audit_entries.filter(action="programme.status").exists()


def test_a_formal_programme_with_only_closed_relationships_cannot_start(
    client, coordinator, organisation
):
    from mentora.mentorships.models import Stage

    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    pair = make_mentorship(programme, make_member(organisation), make_member(organisation))
    pair.stage = Stage.CLOSED
    pair.save(update_fields=["stage"])
    client.force_login(coordinator.user)
    _start(client, programme)
    programme.refresh_from_db()
    assert programme.status == "matching"


def test_a_formal_programme_with_a_relationship_starts(client, coordinator, organisation):
    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    make_mentorship(programme, make_member(organisation), make_member(organisation))
    client.force_login(coordinator.user)
    _start(client, programme)
    programme.refresh_from_db()
    assert programme.status == "running"


def test_an_informal_programme_starts_before_people_pair_up(client, coordinator, organisation):
    programme = make_programme(organisation, status="matching", is_formal=False)
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    _start(client, programme)
    programme.refresh_from_db()
    assert programme.status == "running"


def test_the_api_refuses_to_start_an_empty_formal_programme_with_the_reason(
    client, coordinator, organisation
):
    programme = make_programme(organisation, status="matching")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    response = client.post(
        f"/api/v1/programmes/{programme.pk}/status",
        {"status": "running"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert "no relationship yet" in response.json()["detail"]
