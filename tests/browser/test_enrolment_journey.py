"""Enrolment in a real browser: a member applies with the custom form; a coordinator decides."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mentora.enrolment.models import Application, Question
from tests.factories import make_member

pytestmark = pytest.mark.browser


def test_member_applies_with_the_programme_questions(live_server, page, sign_in, member, programme):
    Question.objects.create(
        programme=programme,
        label="Which format suits you?",
        kind="single_choice",
        choices=["Video calls", "Face to face"],
        required=True,
    )
    sign_in(member)
    page.goto(f"{live_server.url}{programme.get_public_url()}")
    page.get_by_role("link", name="Apply").click()
    page.get_by_label("Mentee", exact=True).check()
    page.get_by_label("Your goals for this programme").fill("Negotiate with confidence")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("This question needs an answer.")).to_be_visible()

    page.get_by_label("Face to face").check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="My application")).to_be_visible()
    expect(page.get_by_text("Awaiting review").first).to_be_visible()
    application = Application.objects.get()
    assert application.answers.get().value == "Face to face"


def test_coordinator_approves_applications_in_bulk(
    live_server, page, sign_in, coordinator, programme
):
    applicants = [make_member(programme.organisation, first_name=f"Applicant{n}") for n in range(3)]
    for person in applicants:
        Application.objects.create(programme=programme, membership=person, role="mentee")
    sign_in(coordinator)
    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Applications").click()
    for person in applicants[:2]:
        page.get_by_label(f"Select {person.user.get_full_name()}").check()
    page.get_by_label("Decision").select_option("approved")
    page.get_by_label("Message to the applicants (optional)").fill("Welcome aboard!")
    page.get_by_role("button", name="Apply the decision").click()

    expect(page.get_by_text("Decisions recorded (approved: 2).")).to_be_visible()
    statuses = dict(Application.objects.values_list("membership__user__first_name", "status"))
    assert statuses == {
        "Applicant0": "approved",
        "Applicant1": "approved",
        "Applicant2": "submitted",
    }


def test_the_form_shows_each_role_its_own_questions(live_server, page, sign_in, member, programme):
    Question.objects.create(
        programme=programme, label="Years managing people", kind="short_text", audience="mentor"
    )
    Question.objects.create(
        programme=programme, label="What do you hope to learn", kind="short_text", required=True
    )
    sign_in(member)
    page.goto(f"{live_server.url}/programmes/{programme.pk}/apply/")
    mentor_question = page.get_by_label("Years managing people")
    capacity = page.get_by_label("How many mentees you can take")
    expect(mentor_question).to_be_hidden()
    expect(capacity).to_be_hidden()
    expect(page.get_by_label("What do you hope to learn")).to_be_visible()

    page.get_by_label("Mentor", exact=True).check()
    expect(mentor_question).to_be_visible()
    expect(capacity).to_be_visible()
    mentor_question.fill("Ten years")

    page.get_by_label("Mentee", exact=True).check()
    expect(mentor_question).to_be_hidden()
    page.get_by_label("What do you hope to learn").fill("Negotiation")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", name="My application")).to_be_visible()
    application = Application.objects.get()
    assert [a.value for a in application.answers.all()] == ["Negotiation"]
