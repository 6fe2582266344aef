from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from mentora.enrolment.models import Application, EnrolmentInvitation, Question
from mentora.enrolment.services import EnrolmentError, submit_application
from tests.factories import make_member, make_programme


def _apply(client, programme, **data):
    payload = {
        "role": "mentee",
        "goals": "Speak up in meetings",
        "department_preference": "any",
        "meeting_mode": "either",
        "language": "",
    }
    payload.update(data)
    return client.post(reverse("enrolment:apply", args=[programme.pk]), payload)


def test_member_applies_and_awaits_review(client, member, programme):
    client.force_login(member.user)
    response = _apply(client, programme)
    application = Application.objects.get()
    assert response.url == reverse("enrolment:my_application", args=[programme.pk])
    assert (application.role, application.status) == ("mentee", "submitted")
    assert application.events.count() == 1


def test_open_programme_accepts_at_once(client, member, organisation):
    programme = make_programme(organisation, status="enrolling", enrolment_mode="open")
    client.force_login(member.user)
    _apply(client, programme)
    assert Application.objects.get().status == "approved"


def test_full_programme_puts_mentees_on_the_waitlist(client, member, organisation):
    programme = make_programme(
        organisation, status="enrolling", enrolment_mode="open", mentee_places=1
    )
    Application.objects.create(
        programme=programme, membership=make_member(organisation), role="mentee", status="approved"
    )
    client.force_login(member.user)
    _apply(client, programme)
    assert Application.objects.get(membership=member).status == "waitlisted"


def test_mentors_are_never_waitlisted_for_lack_of_mentee_places(client, member, organisation):
    programme = make_programme(
        organisation, status="enrolling", enrolment_mode="open", mentee_places=0
    )
    client.force_login(member.user)
    _apply(client, programme, role="mentor", capacity="2")
    assert Application.objects.get().status == "approved"


def test_mentor_must_state_a_capacity(client, member, programme):
    client.force_login(member.user)
    response = _apply(client, programme, role="mentor", capacity="")
    assert "Say how many mentees you can take." in response.content.decode()
    assert not Application.objects.exists()


def test_peer_programme_only_offers_the_peer_role(client, member, organisation):
    programme = make_programme(organisation, kind="peer", status="enrolling")
    client.force_login(member.user)
    response = _apply(client, programme, role="mentee")
    assert response.status_code == 200
    assert not Application.objects.exists()
    _apply(client, programme, role="peer")
    assert Application.objects.get().role == "peer"


def test_reverse_programme_explains_who_mentors_whom(client, member, organisation):
    programme = make_programme(organisation, kind="reverse", status="enrolling")
    client.force_login(member.user)
    content = client.get(reverse("enrolment:apply", args=[programme.pk])).content.decode()
    assert "senior colleague who wants to learn from a junior one" in content


def test_applying_outside_the_window_is_refused(member, organisation):
    programme = make_programme(
        organisation, status="enrolling", enrolment_closes_on=date(2026, 1, 31)
    )
    with pytest.raises(EnrolmentError, match="closed"):
        submit_application(
            programme=programme,
            membership=member,
            role="mentee",
            answers={},
            today=date(2026, 2, 1),
        )


def test_closed_window_sends_the_member_back_with_a_message(client, member, organisation):
    programme = make_programme(organisation, status="running")
    client.force_login(member.user)
    response = client.get(reverse("enrolment:apply", args=[programme.pk]), follow=True)
    assert "Enrolment is not open for this programme." in response.content.decode()


def test_applying_twice_is_refused(client, member, programme):
    client.force_login(member.user)
    _apply(client, programme)
    response = client.get(reverse("enrolment:apply", args=[programme.pk]), follow=True)
    assert "You have already applied to this programme." in response.content.decode()
    assert Application.objects.count() == 1


def test_invitation_programme_refuses_people_not_invited(client, member, organisation):
    programme = make_programme(organisation, status="enrolling", enrolment_mode="invitation")
    client.force_login(member.user)
    response = client.get(reverse("enrolment:apply", args=[programme.pk]), follow=True)
    assert "by invitation only" in response.content.decode()


def test_invited_people_are_accepted_at_once(client, member, organisation, coordinator):
    programme = make_programme(organisation, status="enrolling", enrolment_mode="invitation")
    EnrolmentInvitation.objects.create(programme=programme, membership=member)
    client.force_login(member.user)
    _apply(client, programme)
    assert Application.objects.get().status == "approved"


def test_custom_questions_are_answered_and_stored(client, member, programme):
    question = Question.objects.create(
        programme=programme, label="Favourite tool?", kind="single_choice", choices=["A", "B"]
    )
    client.force_login(member.user)
    _apply(client, programme, **{f"q_{question.pk}": "B"})
    assert Application.objects.get().answers.get().value == "B"


def test_required_question_must_be_answered(client, member, programme):
    question = Question.objects.create(
        programme=programme, label="Why join?", kind="long_text", required=True
    )
    client.force_login(member.user)
    response = _apply(client, programme)
    assert "This question needs an answer." in response.content.decode()
    assert not Application.objects.exists()
    _apply(client, programme, **{f"q_{question.pk}": "To grow"})
    assert Application.objects.exists()


def test_question_for_mentors_is_not_required_from_mentees(client, member, programme):
    Question.objects.create(
        programme=programme, label="Years managing?", kind="scale", required=True, audience="mentor"
    )
    client.force_login(member.user)
    _apply(client, programme)
    assert Application.objects.exists()


def test_nobody_can_be_both_wished_for_and_avoided(client, member, coordinator, programme):
    client.force_login(member.user)
    response = _apply(
        client, programme, preferred_people=[coordinator.pk], avoided_people=[coordinator.pk]
    )
    assert "Someone cannot be both wished for and avoided." in response.content.decode()


def test_application_email_reaches_the_applicant(
    client, member, programme, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        _apply(client, programme)
    assert mailoutbox[0].to == [member.user.email]
    assert programme.name in mailoutbox[0].subject


def test_every_kind_of_question_stores_its_answer(client, member, programme):
    from tests.factories import make_skill

    skill = make_skill(programme.organisation, name="SQL")
    kinds = {
        "short_text": ("Your team?", {}, "Treasury", "Treasury"),
        "long_text": ("Why join?", {}, "To grow\nand learn", "To grow\nand learn"),
        "single_choice": ("Format?", {"choices": ["Video", "Face to face"]}, "Video", "Video"),
        "multiple_choice": ("Days?", {"choices": ["Mon", "Tue", "Wed"]}, ["Mon", "Wed"], None),
        "scale": ("Confidence?", {}, "4", 4),
        "skills": ("Skills?", {}, [str(skill.pk)], [skill.pk]),
    }
    questions = {
        kind: Question.objects.create(programme=programme, label=label, kind=kind, **extra)
        for kind, (label, extra, _posted, _stored) in kinds.items()
    }
    client.force_login(member.user)
    _apply(client, programme, **{f"q_{q.pk}": kinds[k][2] for k, q in questions.items()})
    stored = {a.question.kind: a.value for a in Application.objects.get().answers.all()}
    assert stored == {
        kind: expected if expected is not None else posted
        for kind, (_label, _extra, posted, expected) in kinds.items()
    }


def test_the_form_asks_the_questions_in_their_order(client, member, programme):
    last = Question.objects.create(programme=programme, label="Asked last", kind="short_text")
    first = Question.objects.create(programme=programme, label="Asked first", kind="short_text")
    last.position, first.position = 2, 1
    Question.objects.bulk_update([last, first], ["position"])
    client.force_login(member.user)
    content = client.get(reverse("enrolment:apply", args=[programme.pk])).content.decode()
    assert content.index("Asked first") < content.index("Asked last")


def test_an_answer_outside_the_choices_is_refused(client, member, programme):
    question = Question.objects.create(
        programme=programme, label="Format?", kind="single_choice", choices=["A", "B"]
    )
    client.force_login(member.user)
    response = _apply(client, programme, **{f"q_{question.pk}": "C"})
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_preferences_are_stored_with_the_application(client, member, coordinator, programme):
    wished = make_member(programme.organisation, first_name="Wanda")
    client.force_login(member.user)
    _apply(
        client,
        programme,
        preferred_people=[wished.pk],
        avoided_people=[coordinator.pk],
        department_preference="other",
        meeting_mode="remote",
        language="fr",
    )
    application = Application.objects.get()
    assert list(application.preferred_people.all()) == [wished]
    assert list(application.avoided_people.all()) == [coordinator]
    assert (application.department_preference, application.meeting_mode) == ("other", "remote")
    assert application.language == "fr"


def test_mentees_state_no_capacity(client, member, programme):
    client.force_login(member.user)
    _apply(client, programme, role="mentee", capacity="3")
    assert Application.objects.get().capacity is None


def test_applying_before_the_window_opens_is_refused(member, organisation):
    programme = make_programme(
        organisation, status="enrolling", enrolment_opens_on=date(2026, 3, 1)
    )
    with pytest.raises(EnrolmentError, match="closed"):
        submit_application(
            programme=programme,
            membership=member,
            role="mentee",
            answers={},
            today=date(2026, 2, 28),
        )


def test_the_last_day_of_the_window_is_still_open(member, organisation):
    programme = make_programme(
        organisation, status="enrolling", enrolment_closes_on=date(2026, 1, 31)
    )
    application = submit_application(
        programme=programme,
        membership=member,
        role="mentee",
        answers={},
        today=date(2026, 1, 31),
    )
    assert application.status == "submitted"


def test_a_person_id_too_large_for_the_database_is_refused(client, member, programme):
    client.force_login(member.user)
    response = _apply(client, programme, preferred_people=["9" * 25])
    assert response.status_code == 200
    assert "is not a valid value" in response.content.decode()
    assert not Application.objects.exists()


def test_received_email_is_written_in_the_recipients_language(
    client, member, programme, mailoutbox, django_capture_on_commit_callbacks
):
    member.user.language = "fr"
    member.user.save()
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        _apply(client, programme)
    assert (
        mailoutbox[0].subject == f"Nous avons bien reçu votre candidature au programme {programme}"
    )


def test_coordinator_invites_people_who_then_get_an_email(
    client, coordinator, member, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    programme = make_programme(organisation, status="enrolling", enrolment_mode="invitation")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    url = reverse("enrolment:enrolment_invitations", args=[programme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"people": [member.pk]})
    assert EnrolmentInvitation.objects.get().membership == member
    assert mailoutbox[0].to == [member.user.email]


def test_inviting_an_id_too_large_for_the_database_is_refused(client, coordinator, organisation):
    programme = make_programme(organisation, status="enrolling", enrolment_mode="invitation")
    programme.coordinators.add(coordinator.user)
    client.force_login(coordinator.user)
    url = reverse("enrolment:enrolment_invitations", args=[programme.pk])
    response = client.post(url, {"people": ["9" * 25]})
    assert response.status_code == 200
    assert not EnrolmentInvitation.objects.exists()
