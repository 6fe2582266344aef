from __future__ import annotations

from django.urls import reverse

from mentora.programs.models import STATUS_TRANSITIONS, Status
from tests.factories import make_programme


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
