"""The waitlist e-mail says why: the coordinators' choice, or all places taken."""

from __future__ import annotations

from django.urls import reverse

from mentora.enrolment.models import Application
from mentora.enrolment.services import decide_applications
from tests.factories import make_member, make_programme

BY_HAND = "placed your application on the waiting list"
FULL = "are taken for now"


def _application(programme, role="mentee", status="submitted", language="en"):
    member = make_member(programme.organisation, language=language)
    return Application.objects.create(
        programme=programme, membership=member, role=role, status=status
    )


def test_waitlisting_by_hand_with_places_free_says_the_coordinators_chose(
    coordinator, programme, mailoutbox, django_capture_on_commit_callbacks
):
    programme.mentee_places = 10
    programme.save()
    application = _application(programme)
    with django_capture_on_commit_callbacks(execute=True):
        decide_applications(
            programme=programme,
            application_ids=[application.pk],
            decision="waitlisted",
            actor=coordinator.user,
        )
    body = mailoutbox[0].body
    assert BY_HAND in body
    assert FULL not in body


def test_an_approval_beyond_the_places_says_all_places_are_taken(
    coordinator, programme, mailoutbox, django_capture_on_commit_callbacks
):
    programme.mentee_places = 1
    programme.save()
    first, second = _application(programme), _application(programme)
    with django_capture_on_commit_callbacks(execute=True):
        decide_applications(
            programme=programme,
            application_ids=[first.pk, second.pk],
            decision="approved",
            actor=coordinator.user,
            message="Welcome aboard!",
        )
    waitlist_mail = next(m for m in mailoutbox if m.to == [second.membership.user.email])
    assert FULL in waitlist_mail.body
    assert BY_HAND not in waitlist_mail.body
    # The coordinators wrote their message for an approval, not for a waitlist.
    assert "Welcome aboard!" not in waitlist_mail.body


def test_applying_to_a_full_programme_says_all_places_are_taken(
    client, member, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    programme = make_programme(
        organisation, status="enrolling", enrolment_mode="open", mentee_places=1
    )
    _application(programme, status="approved")
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("enrolment:apply", args=[programme.pk]),
            {"role": "mentee", "department_preference": "any", "meeting_mode": "either"},
        )
    assert Application.objects.get(membership=member).status == "waitlisted"
    assert FULL in mailoutbox[0].body


def test_the_waitlist_by_hand_reads_in_french(
    coordinator, programme, mailoutbox, django_capture_on_commit_callbacks
):
    application = _application(programme, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        decide_applications(
            programme=programme,
            application_ids=[application.pk],
            decision="waitlisted",
            actor=coordinator.user,
        )
    assert "a placé votre candidature sur la liste d'attente" in mailoutbox[0].body
