from __future__ import annotations

import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.enrolment.models import Application
from mentora.enrolment.selectors import enrolment_counters
from mentora.enrolment.services import decide_applications
from tests.factories import make_member


def _application(programme, role="mentee", status="submitted", **kwargs):
    member = make_member(programme.organisation, **kwargs)
    return Application.objects.create(
        programme=programme, membership=member, role=role, status=status
    )


def test_coordinator_approves_in_bulk_with_a_message(
    client, coordinator, programme, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = _application(programme), _application(programme)
    client.force_login(coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("enrolment:applications", args=[programme.pk]),
            {"decision": "approved", "applications": [first.pk, second.pk], "message": "Welcome!"},
        )
    assert set(Application.objects.values_list("status", flat=True)) == {"approved"}
    assert len(mailoutbox) == 2
    assert "Welcome!" in mailoutbox[0].body


def test_bulk_decision_without_ticks_explains_itself(client, coordinator, programme):
    _application(programme)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("enrolment:applications", args=[programme.pk]),
        {"decision": "approved"},
        follow=True,
    )
    assert "Tick at least one application." in response.content.decode()
    assert Application.objects.get().status == "submitted"


def test_approvals_beyond_the_places_go_to_the_waitlist(coordinator, programme):
    programme.mentee_places = 1
    programme.save()
    first, second = _application(programme), _application(programme)
    counts = decide_applications(
        programme=programme,
        application_ids=[first.pk, second.pk],
        decision="approved",
        actor=coordinator.user,
    )
    assert counts == {"approved": 1, "declined": 0, "waitlisted": 1}


def test_application_of_another_programme_cannot_be_decided(
    client, coordinator, programme, organisation
):
    from tests.factories import make_programme

    foreign = _application(make_programme(organisation, status="enrolling"))
    client.force_login(coordinator.user)
    client.post(
        reverse("enrolment:applications", args=[programme.pk]),
        {"decision": "approved", "applications": [foreign.pk]},
    )
    foreign.refresh_from_db()
    assert foreign.status == "submitted"


def test_filters_narrow_the_table(client, coordinator, programme):
    mentor = _application(programme, role="mentor", first_name="Mona")
    mentee = _application(programme, role="mentee", first_name="Theo")
    client.force_login(coordinator.user)
    content = client.get(
        reverse("enrolment:applications", args=[programme.pk]), {"role": "mentor"}
    ).content.decode()
    assert mentor.membership.user.get_full_name() in content
    assert mentee.membership.user.get_full_name() not in content


def test_search_finds_by_name(client, coordinator, programme):
    _application(programme, first_name="Zélie")
    _application(programme, first_name="Bruno")
    client.force_login(coordinator.user)
    content = client.get(
        reverse("enrolment:applications", args=[programme.pk]), {"q": "Zél"}
    ).content.decode()
    assert "Zélie" in content and "Bruno" not in content


def test_counters_warn_when_mentor_capacity_is_short(programme):
    programme.default_mentor_capacity = 1
    programme.save()
    _application(programme, role="mentor", status="approved")
    _application(programme, status="approved")
    _application(programme, status="approved")
    counters = enrolment_counters(programme)
    assert (counters.mentors, counters.mentees, counters.capacity) == (1, 2, 1)
    assert counters.capacity_short and counters.shortfall == 1


def test_review_page_shows_the_capacity_warning(client, coordinator, programme):
    _application(programme, status="approved")
    client.force_login(coordinator.user)
    content = client.get(reverse("enrolment:applications", args=[programme.pk])).content.decode()
    assert "Mentor capacity is short by 1 place" in content


def test_csv_export_lists_applications_with_answers(client, coordinator, programme):
    from mentora.enrolment.models import Answer, Question

    application = _application(programme, first_name="Csv")
    question = Question.objects.create(programme=programme, label="Tools", kind="multiple_choice")
    Answer.objects.create(application=application, question=question, value=["Excel", "SQL"])
    client.force_login(coordinator.user)
    response = client.get(reverse("enrolment:applications_export", args=[programme.pk]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Tools" in body.splitlines()[0]
    assert "Excel; SQL" in body


def test_sponsors_cannot_read_answers(client, sponsor, programme):
    application = _application(programme)
    client.force_login(sponsor.user)
    response = client.get(
        reverse("enrolment:application_detail", args=[programme.pk, application.pk])
    )
    assert response.status_code == 403


def test_member_withdraws_and_the_history_is_kept(client, member, programme):
    application = Application.objects.create(programme=programme, membership=member, role="mentee")
    client.force_login(member.user)
    client.post(reverse("enrolment:withdraw", args=[programme.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert Application.objects.filter(membership=member).count() == 1


def test_member_may_apply_again_after_withdrawing(client, member, programme):
    Application.objects.create(
        programme=programme, membership=member, role="mentee", status="withdrawn"
    )
    client.force_login(member.user)
    client.post(
        reverse("enrolment:apply", args=[programme.pk]),
        {
            "role": "mentee",
            "goals": "Try again",
            "department_preference": "any",
            "meeting_mode": "either",
        },
    )
    applications = Application.objects.filter(programme=programme, membership=member)
    assert sorted(applications.values_list("status", flat=True)) == ["submitted", "withdrawn"]
    assert applications.active().get().goals == "Try again"


def test_withdrawing_after_matching_is_refused(client, member, programme):
    programme.status = "running"
    programme.save()
    Application.objects.create(
        programme=programme, membership=member, role="mentee", status="approved"
    )
    client.force_login(member.user)
    response = client.post(reverse("enrolment:withdraw", args=[programme.pk]), follow=True)
    assert "contact the coordinators" in response.content.decode()


def test_review_table_query_count_does_not_grow_with_applications(client, coordinator, programme):
    url = reverse("enrolment:applications", args=[programme.pk])
    _application(programme)
    client.force_login(coordinator.user)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        _application(programme, role="mentor")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_review_filters_by_profile_completeness(client, coordinator, programme):
    from tests.factories import make_profile

    complete = _application(programme, first_name="Complete", job_title="Analyst")
    make_profile(
        complete.membership,
        years_of_experience=5,
        bio="Analyst",
        career_goals="Lead",
        languages=[{"code": "fr", "level": "native"}],
        availability=["mon_am"],
    )
    sparse = _application(programme, first_name="Sparse")
    client.force_login(coordinator.user)
    content = client.get(
        reverse("enrolment:applications", args=[programme.pk]), {"completeness": "50"}
    ).content.decode()
    assert complete.membership.user.get_full_name() in content
    assert sparse.membership.user.get_full_name() not in content


def test_review_filters_by_required_training(client, coordinator, programme):
    from mentora.learning.models import StepCompletion, TrainingModule, TrainingStep

    module = TrainingModule.objects.create(
        organisation=programme.organisation, title="Onboarding", audience="all", is_published=True
    )
    step = TrainingStep.objects.create(module=module, title="Listen", position=1)
    module.required_by.add(programme)
    trained = _application(programme, first_name="Trained")
    untrained = _application(programme, first_name="Untrained")
    StepCompletion.objects.create(membership=trained.membership, step=step)
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications", args=[programme.pk])
    done = client.get(url, {"training": "done"}).content.decode()
    assert trained.membership.user.get_full_name() in done
    assert untrained.membership.user.get_full_name() not in done
    not_done = client.get(url, {"training": "not_done"}).content.decode()
    assert untrained.membership.user.get_full_name() in not_done


def _names(response):
    return [a.membership.user.first_name for a in response.context["page"].object_list]


def test_bulk_decline_and_waitlist_send_their_own_email_with_the_message(
    client, coordinator, programme, mailoutbox, django_capture_on_commit_callbacks
):
    declined = _application(programme, language="en")
    waitlisted = _application(programme, language="en")
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications", args=[programme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"decision": "declined", "applications": [declined.pk], "message": "Sorry"}
        )
        client.post(url, {"decision": "waitlisted", "applications": [waitlisted.pk]})
    declined.refresh_from_db()
    assert (declined.status, declined.decision_message) == ("declined", "Sorry")
    assert declined.events.last().message == "Sorry"
    assert Application.objects.get(pk=waitlisted.pk).status == "waitlisted"
    subjects = [m.subject for m in mailoutbox]
    assert subjects == [
        f"Your application to {programme}",
        f"You are on the waitlist of {programme}",
    ]
    assert "Sorry" in mailoutbox[0].body


def test_decision_emails_follow_each_recipients_language(
    coordinator, programme, mailoutbox, django_capture_on_commit_callbacks
):
    french = _application(programme, language="fr")
    english = _application(programme, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        decide_applications(
            programme=programme,
            application_ids=[french.pk, english.pk],
            decision="approved",
            actor=coordinator.user,
        )
    subjects = {m.to[0]: m.subject for m in mailoutbox}
    assert subjects[french.membership.user.email].startswith("Votre participation est confirmée")
    assert subjects[english.membership.user.email] == f"You are in: {programme}"


def test_filters_by_status_department_and_level(client, coordinator, programme):
    from mentora.accounts.models import Department

    finance = Department.objects.create(organisation=programme.organisation, name="Finance")
    _application(programme, first_name="Match", department=finance, seniority_level=3)
    _application(programme, first_name="Level", department=finance, seniority_level=2)
    _application(programme, first_name="Dept", seniority_level=3)
    _application(programme, first_name="Status", status="approved", department=finance)
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications", args=[programme.pk])
    filters = {"status": "submitted", "department": finance.pk, "level": 3}
    assert _names(client.get(url, filters)) == ["Match"]


def test_withdrawn_applications_are_listed_only_when_asked_for(client, coordinator, programme):
    _application(programme, first_name="Gone", status="withdrawn")
    _application(programme, first_name="Here")
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications", args=[programme.pk])
    assert _names(client.get(url)) == ["Here"]
    assert _names(client.get(url, {"status": "withdrawn"})) == ["Gone"]


def test_the_table_sorts_by_name_and_by_level(client, coordinator, programme):
    _application(programme, first_name="B", last_name="Bravo", seniority_level=1)
    _application(programme, first_name="C", last_name="Charlie", seniority_level=3)
    _application(programme, first_name="A", last_name="Alpha", seniority_level=2)
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications", args=[programme.pk])
    assert _names(client.get(url, {"sort": "name"})) == ["A", "B", "C"]
    assert _names(client.get(url, {"sort": "-name"})) == ["C", "B", "A"]
    assert _names(client.get(url, {"sort": "-level"})) == ["C", "A", "B"]
    assert _names(client.get(url)) == ["B", "C", "A"]  # by date sent, the default


def test_members_and_other_coordinators_cannot_read_answers(
    client, member, other_coordinator, programme
):
    application = _application(programme)
    url = reverse("enrolment:application_detail", args=[programme.pk, application.pk])
    for person in (member, other_coordinator):
        client.force_login(person.user)
        assert client.get(url).status_code == 403
        export = reverse("enrolment:applications_export", args=[programme.pk])
        assert client.get(export).status_code == 403


def test_the_programmes_coordinator_reads_the_answers(client, coordinator, programme):
    from mentora.enrolment.models import Answer, Question

    application = _application(programme)
    question = Question.objects.create(programme=programme, label="Why?", kind="long_text")
    Answer.objects.create(application=application, question=question, value="To lead a team")
    client.force_login(coordinator.user)
    url = reverse("enrolment:application_detail", args=[programme.pk, application.pk])
    assert "To lead a team" in client.get(url).content.decode()


def test_csv_export_names_the_skills_picked(client, coordinator, programme):
    from mentora.enrolment.models import Answer, Question
    from tests.factories import make_skill

    sql = make_skill(programme.organisation, name="SQL")
    excel = make_skill(programme.organisation, name="Excel")
    application = _application(programme)
    question = Question.objects.create(programme=programme, label="Skills", kind="skills")
    Answer.objects.create(application=application, question=question, value=[sql.pk, excel.pk])
    client.force_login(coordinator.user)
    response = client.get(reverse("enrolment:applications_export", args=[programme.pk]))
    assert response.content.decode("utf-8-sig").splitlines()[1].endswith("SQL; Excel")


def test_csv_export_never_hands_a_formula_to_the_spreadsheet(client, coordinator, programme):
    application = _application(programme, first_name="=HYPERLINK(1)")
    application.goals = "-2+3"
    application.save()
    client.force_login(coordinator.user)
    response = client.get(reverse("enrolment:applications_export", args=[programme.pk]))
    row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1]
    assert row[1] == "'=HYPERLINK(1)" and row[9] == "'-2+3"


def test_withdrawal_is_recorded_in_the_history(client, member, programme):
    application = Application.objects.create(programme=programme, membership=member, role="mentee")
    client.force_login(member.user)
    client.post(reverse("enrolment:withdraw", args=[programme.pk]))
    assert list(application.events.values_list("status", "actor")) == [
        ("withdrawn", member.user.pk)
    ]


def test_earlier_applications_stay_in_the_members_history(client, member, programme):
    Application.objects.create(
        programme=programme, membership=member, role="mentor", status="withdrawn", capacity=1
    )
    Application.objects.create(programme=programme, membership=member, role="mentee")
    client.force_login(member.user)
    response = client.get(reverse("enrolment:my_application", args=[programme.pk]))
    assert response.context["application"].role == "mentee"
    assert [a.role for a in response.context["earlier"]] == ["mentor"]
    assert "Earlier applications" in response.content.decode()


def test_the_table_shows_each_persons_training_and_profile_completeness(
    client, coordinator, programme
):
    from mentora.learning.models import StepCompletion
    from tests.factories import make_module, make_step

    module = make_module(programme.organisation, audience="all")
    first, _second = make_step(module), make_step(module)
    module.required_by.add(programme)
    halfway = _application(programme, first_name="Halfway", job_title="Analyst")
    StepCompletion.objects.create(membership=halfway.membership, step=first)
    client.force_login(coordinator.user)
    response = client.get(reverse("enrolment:applications", args=[programme.pk]))
    row = response.context["page"].object_list[0]
    assert (row.training.done, row.training.required, row.completeness) == (1, 2, 10)
    assert "50%" in response.content.decode()


def test_without_required_training_the_table_shows_no_training_figure(
    client, coordinator, programme
):
    _application(programme)
    client.force_login(coordinator.user)
    response = client.get(reverse("enrolment:applications", args=[programme.pk]))
    assert response.context["page"].object_list[0].training is None


def test_a_bad_filter_value_drops_only_that_filter(client, coordinator, programme):
    _application(programme, role="mentor", first_name="Mona")
    _application(programme, role="mentee", first_name="Theo")
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications", args=[programme.pk])
    assert _names(client.get(url, {"role": "mentor", "level": "high", "sort": "x"})) == ["Mona"]


def test_someone_already_matched_cannot_withdraw(client, member, coordinator, programme):
    from tests.factories import make_mentorship

    programme.status = "matching"
    programme.save()
    application = Application.objects.create(
        programme=programme, membership=member, role="mentee", status="approved"
    )
    make_mentorship(programme, coordinator, member)
    client.force_login(member.user)
    response = client.post(reverse("enrolment:withdraw", args=[programme.pk]), follow=True)
    assert "contact the coordinators" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "approved"


def test_withdrawing_while_matching_is_allowed_before_being_matched(client, member, programme):
    programme.status = "matching"
    programme.save()
    application = Application.objects.create(
        programme=programme, membership=member, role="mentee", status="approved"
    )
    client.force_login(member.user)
    client.post(reverse("enrolment:withdraw", args=[programme.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_csv_export_follows_the_tables_filters(client, coordinator, programme):
    _application(programme, role="mentor", first_name="Mona")
    _application(programme, role="mentee", first_name="Theo")
    client.force_login(coordinator.user)
    url = reverse("enrolment:applications_export", args=[programme.pk])
    rows = list(csv.reader(io.StringIO(client.get(url, {"role": "mentor"}).content.decode())))
    assert [row[1] for row in rows[1:]] == ["Mona"]
