from __future__ import annotations

from django.urls import reverse

from mentora.programs.enrolment_services import decide_applications
from mentora.programs.models import Application
from mentora.programs.review import enrolment_counters
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
            reverse("programs:applications", args=[programme.pk]),
            {"decision": "approved", "applications": [first.pk, second.pk], "message": "Welcome!"},
        )
    assert set(Application.objects.values_list("status", flat=True)) == {"approved"}
    assert len(mailoutbox) == 2
    assert "Welcome!" in mailoutbox[0].body


def test_bulk_decision_without_ticks_explains_itself(client, coordinator, programme):
    _application(programme)
    client.force_login(coordinator.user)
    response = client.post(
        reverse("programs:applications", args=[programme.pk]), {"decision": "approved"}, follow=True
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
        reverse("programs:applications", args=[programme.pk]),
        {"decision": "approved", "applications": [foreign.pk]},
    )
    foreign.refresh_from_db()
    assert foreign.status == "submitted"


def test_filters_narrow_the_table(client, coordinator, programme):
    mentor = _application(programme, role="mentor", first_name="Mona")
    mentee = _application(programme, role="mentee", first_name="Theo")
    client.force_login(coordinator.user)
    content = client.get(
        reverse("programs:applications", args=[programme.pk]), {"role": "mentor"}
    ).content.decode()
    assert mentor.membership.user.get_full_name() in content
    assert mentee.membership.user.get_full_name() not in content


def test_search_finds_by_name(client, coordinator, programme):
    _application(programme, first_name="Zélie")
    _application(programme, first_name="Bruno")
    client.force_login(coordinator.user)
    content = client.get(
        reverse("programs:applications", args=[programme.pk]), {"q": "Zél"}
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
    content = client.get(reverse("programs:applications", args=[programme.pk])).content.decode()
    assert "Mentor capacity is short by 1 place" in content


def test_csv_export_lists_applications_with_answers(client, coordinator, programme):
    from mentora.programs.models import Answer, Question

    application = _application(programme, first_name="Csv")
    question = Question.objects.create(programme=programme, label="Tools", kind="multiple_choice")
    Answer.objects.create(application=application, question=question, value=["Excel", "SQL"])
    client.force_login(coordinator.user)
    response = client.get(reverse("programs:applications_export", args=[programme.pk]))
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Tools" in body.splitlines()[0]
    assert "Excel; SQL" in body


def test_sponsors_cannot_read_answers(client, sponsor, programme):
    application = _application(programme)
    client.force_login(sponsor.user)
    response = client.get(
        reverse("programs:application_detail", args=[programme.pk, application.pk])
    )
    assert response.status_code == 403


def test_member_withdraws_and_the_history_is_kept(client, member, programme):
    application = Application.objects.create(programme=programme, membership=member, role="mentee")
    client.force_login(member.user)
    client.post(reverse("programs:withdraw", args=[programme.pk]))
    application.refresh_from_db()
    assert application.status == "withdrawn"
    assert Application.objects.filter(membership=member).count() == 1


def test_member_may_apply_again_after_withdrawing(client, member, programme):
    Application.objects.create(
        programme=programme, membership=member, role="mentee", status="withdrawn"
    )
    client.force_login(member.user)
    response = client.get(reverse("programs:apply", args=[programme.pk]))
    assert response.status_code == 200


def test_withdrawing_after_matching_is_refused(client, member, programme):
    programme.status = "running"
    programme.save()
    Application.objects.create(
        programme=programme, membership=member, role="mentee", status="approved"
    )
    client.force_login(member.user)
    response = client.post(reverse("programs:withdraw", args=[programme.pk]), follow=True)
    assert "contact the coordinators" in response.content.decode()


def test_review_table_query_count_does_not_grow_with_applications(
    client, coordinator, programme, django_assert_max_num_queries
):
    for _ in range(30):
        _application(programme)
    client.force_login(coordinator.user)
    with django_assert_max_num_queries(20):
        client.get(reverse("programs:applications", args=[programme.pk]))


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
        reverse("programs:applications", args=[programme.pk]), {"completeness": "50"}
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
    url = reverse("programs:applications", args=[programme.pk])
    done = client.get(url, {"training": "done"}).content.decode()
    assert trained.membership.user.get_full_name() in done
    assert untrained.membership.user.get_full_name() not in done
    not_done = client.get(url, {"training": "not_done"}).content.decode()
    assert untrained.membership.user.get_full_name() in not_done
