"""Publication: relationships, notices and e-mails; mentors' answers; why we were matched."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from mentora.accounts.models import Membership
from mentora.matching.errors import MatchingError
from mentora.matching.models import MatchingSettings, MatchNotice, MentorResponse
from mentora.matching.selectors.runs import default_parameters
from mentora.matching.services.publication import publish_run, request_publication, respond_to_match
from mentora.mentorships.models import Mentorship
from tests.factories import make_programme


def _publish(run, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_run(run=run, actor=coordinator.user)


def test_publishing_creates_one_relationship_per_pair_and_notifies_both_sides(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _people = scenario
    run = run_now(programme)
    created = _publish(run, coordinator, django_capture_on_commit_callbacks)
    assert created == 3 == Mentorship.objects.filter(programme=programme).count()
    assert len(mail.outbox) == 6


def test_a_participant_sees_why_without_any_score(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    client.force_login(people["py"].user)
    page = client.get("/matching/me/").content.decode()
    assert "offers Python at level 5, sought at level 4" in page
    assert "Pia Python" in page
    assert "Xavier" not in page  # someone else's pair
    assert f"{run.proposals.get(mentee=people['py']).score:.2f}" not in page


def test_a_mentor_decline_frees_the_mentee_for_the_next_run(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": default_parameters(programme)},
    )
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    response = MentorResponse.objects.get(proposal__mentee=people["py"])
    respond_to_match(response=response, accept=False)
    again = run_now(programme)
    assert list(again.proposals.values_list("mentee_id", "mentor_id")) == [
        (people["py"].pk, people["excel"].pk)
    ]


def test_a_late_answer_is_refused(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    import time_machine

    programme, people = scenario
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": default_parameters(programme)},
    )
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    response = MentorResponse.objects.first()
    with (
        time_machine.travel(response.deadline.timestamp() + 60),
        pytest.raises(MatchingError),
    ):
        respond_to_match(response=response, accept=False)
    response.refresh_from_db()
    assert response.status == "pending"


def test_people_freed_by_a_no_fault_exit_are_matched_again(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    from mentora.mentorships.services.closure import leave_mentorship

    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    mentorship = run.proposals.get(mentee=people["xl"]).mentorship
    leave_mentorship(participant=mentorship.participants.get(role="mentee"), reason="fit")
    rematch = run_now(programme)
    assert rematch.mentees_count == 1
    assert rematch.proposals.get().mentee_id == people["xl"].pk


def test_a_large_run_is_published_by_a_task(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    programme, _people = scenario
    monkeypatch.setattr("mentora.matching.services.publication.INLINE_PUBLISH_LIMIT", 1)
    run = run_now(programme)
    with django_capture_on_commit_callbacks(execute=True):
        request_publication(run=run, actor=coordinator.user)
    run.refresh_from_db()
    assert run.published_at is not None
    assert (run.publish_status, Mentorship.objects.filter(programme=programme).count()) == ("", 3)


def test_a_failed_publication_publishes_nothing_and_keeps_the_error(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    from mentora.mentorships.models import AgreementRevision

    programme, _people = scenario
    run = run_now(programme)

    def disk_full(*args, **kwargs):
        # Relationships, participants and agreements are written by then.
        raise RuntimeError("disk full")

    monkeypatch.setattr(AgreementRevision.objects, "bulk_create", disk_full)
    with django_capture_on_commit_callbacks(execute=True):
        request_publication(run=run, actor=coordinator.user)
    run.refresh_from_db()
    assert (run.publish_status, run.published_at) == ("failed", None)
    assert "disk full" in run.publish_error
    assert not Mentorship.objects.filter(programme=programme).exists()
    assert not MatchNotice.objects.filter(programme=programme).exists()
    assert mail.outbox == []


def test_each_published_relationship_has_its_agreement_and_an_audit_entry(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    from mentora.accounts.models import AuditEntry

    programme, _people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    for proposal in run.proposals.select_related("mentorship__agreement"):
        mentorship = proposal.mentorship
        assert set(mentorship.participants.values_list("membership_id", "role")) == {
            (proposal.mentor_id, "mentor"),
            (proposal.mentee_id, "mentee"),
        }
        assert mentorship.agreement.revisions.get().version == 1
        assert AuditEntry.objects.get(action="mentorship.create", target=str(mentorship)).details[
            "people"
        ] == [proposal.mentor_id, proposal.mentee_id]


def test_publication_refuses_a_person_who_left_the_organisation_since_the_run(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    run = run_now(programme)
    Membership.objects.filter(pk=people["xl"].pk).update(left_on=date.today() - timedelta(days=1))
    with pytest.raises(MatchingError, match="active member"):
        _publish(run, coordinator, django_capture_on_commit_callbacks)
    assert not Mentorship.objects.filter(programme=programme).exists()


def test_publication_takes_the_same_number_of_queries_for_more_pairs(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_participant

    counts = []
    for size in (2, 6):
        programme = make_programme(organisation, status="matching", default_mentor_capacity=size)
        programme.coordinators.add(coordinator.user)
        make_participant(programme, "mentor", level=5, offered={"Python": 5})
        for _ in range(size):
            make_participant(programme, "mentee", level=1, sought={"Python": 4})
        run = run_now(programme)
        assert run.matched_count == size
        with CaptureQueriesContext(connection) as queries:
            publish_run(run=run, actor=coordinator.user)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_publishing_a_peer_run_puts_each_pair_of_peers_in_one_relationship(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from tests.factories import make_participant

    programme = make_programme(organisation, kind="peer", status="matching")
    programme.coordinators.add(coordinator.user)
    for _n in range(4):
        make_participant(programme, "peer", level=3, offered={"Sales": 3}, sought={"Sales": 2})
    run = run_now(programme)
    assert _publish(run, coordinator, django_capture_on_commit_callbacks) == 2
    for mentorship in Mentorship.objects.filter(programme=programme):
        assert list(mentorship.participants.values_list("role", flat=True)) == ["peer", "peer"]
    assert len(mail.outbox) == 4


def test_publishing_a_group_run_creates_one_relationship_per_mentor_and_group(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from tests.factories import make_participant

    programme = make_programme(
        organisation, kind="group", format="group", group_size=3, status="matching"
    )
    programme.coordinators.add(coordinator.user)
    mentors = [make_participant(programme, "mentor", level=5, offered={"Lead": 5}) for _ in "ab"]
    for _n in range(6):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    run = run_now(programme)
    assert _publish(run, coordinator, django_capture_on_commit_callbacks) == 2
    for mentor in mentors:
        mentorship = Mentorship.objects.get(programme=programme, participants__membership=mentor)
        roles = sorted(mentorship.participants.values_list("role", flat=True))
        assert roles == ["mentee", "mentee", "mentee", "mentor"]
        assert set(run.proposals.filter(mentor=mentor).values_list("mentorship", flat=True)) == {
            mentorship.pk
        }
    assert len(mail.outbox) == 8


def test_the_matching_page_counts_who_waits_for_a_rematch(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    from mentora.matching.selectors.places import waiting_count
    from mentora.mentorships.services.closure import leave_mentorship

    programme, people = scenario
    assert waiting_count(programme) == 3
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    assert waiting_count(programme) == 0
    mentorship = run.proposals.get(mentee=people["xl"]).mentorship
    leave_mentorship(participant=mentorship.participants.get(role="mentor"), reason="availability")
    assert waiting_count(programme) == 1


def test_publishing_leaves_an_in_app_notice_on_both_sides_matching_page(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    assert MatchNotice.objects.filter(programme=programme, read_at__isnull=True).count() == 6
    client.force_login(people["python"].user)
    page = client.get("/matching/me/").content.decode()
    assert "You have been matched" in page
    assert not MatchNotice.objects.filter(membership=people["python"], read_at__isnull=True)


def test_nothing_reaches_participants_before_publication(client, scenario, run_now):
    programme, people = scenario
    run_now(programme)
    client.force_login(people["py"].user)
    page = client.get("/matching/me/").content.decode()
    assert "No match yet" in page
    assert "Pia Python" not in page
    assert not MatchNotice.objects.exists()
    assert mail.outbox == []


def _with_acceptance(programme):
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": default_parameters(programme)},
    )


def test_a_mentor_accepts_a_published_match_before_the_deadline(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, people = scenario
    _with_acceptance(programme)
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    response = MentorResponse.objects.get(proposal__mentee=people["xl"])
    client.force_login(people["excel"].user)
    answer = client.post(f"/matching/responses/{response.pk}/", {"answer": "accept"})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.status == "accepted"
    assert not response.proposal.mentorship.is_closed
    assert response.proposal.mentorship.participants.active().count() == 2


def test_a_failed_publication_shows_its_error_on_the_review(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    from mentora.mentorships.models import AgreementRevision

    programme, _people = scenario
    run = run_now(programme)

    def disk_full(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(AgreementRevision.objects, "bulk_create", disk_full)
    with django_capture_on_commit_callbacks(execute=True):
        request_publication(run=run, actor=coordinator.user)
    client.force_login(coordinator.user)
    page = client.get(f"/matching/programmes/{programme.pk}/runs/{run.pk}/").content.decode()
    assert "The publication failed; nothing was published." in page
    assert "disk full" in page


def test_a_group_mentor_declining_one_mentee_frees_that_mentee_and_keeps_the_group(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from mentora.matching.selectors.places import waiting_count
    from tests.factories import make_participant

    programme = make_programme(
        organisation, kind="group", format="group", group_size=3, status="matching"
    )
    programme.coordinators.add(coordinator.user)
    mentor = make_participant(programme, "mentor", level=5, offered={"Lead": 5})
    for _n in range(3):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    _with_acceptance(programme)
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    responses = list(MentorResponse.objects.filter(mentor=mentor))
    assert len(responses) == 3
    respond_to_match(response=responses[0], accept=False)
    group = responses[0].proposal.mentorship
    group.refresh_from_db()
    assert not group.is_closed
    assert responses[0].proposal.mentee_id not in set(
        group.participants.active().values_list("membership_id", flat=True)
    )
    assert group.participants.active().count() == 3
    assert waiting_count(programme) == 1


def test_a_match_left_unanswered_past_the_deadline_stands(
    client, scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    import time_machine

    programme, people = scenario
    _with_acceptance(programme)
    run = run_now(programme)
    _publish(run, coordinator, django_capture_on_commit_callbacks)
    response = MentorResponse.objects.get(proposal__mentee=people["xl"])
    with time_machine.travel(response.deadline.timestamp() + 60):
        client.force_login(people["excel"].user)
        assert "Matches to confirm" not in client.get("/matching/me/").content.decode()
        client.force_login(people["xl"].user)
        page = client.get("/matching/me/").content.decode()
    assert "Open the relationship" in page
    assert "Awaiting the mentor" not in page


def _group_programme(organisation, coordinator, size):
    programme = make_programme(
        organisation, kind="group", format="group", group_size=size, status="matching"
    )
    programme.coordinators.add(coordinator.user)
    return programme


def _group_of(programme, mentor):
    return Mentorship.objects.get(
        programme=programme, participants__membership=mentor, participants__role="mentor"
    )


def _active_mentees(group):
    return set(
        group.participants.active().filter(role="mentee").values_list("membership_id", flat=True)
    )


def test_a_mentee_freed_from_a_group_takes_a_free_seat_of_another_group_on_the_next_run(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from mentora.mentorships.services.closure import leave_mentorship
    from tests.factories import make_participant

    programme = _group_programme(organisation, coordinator, 3)
    mentors = [make_participant(programme, "mentor", level=5, offered={"Lead": 5}) for _ in "ab"]
    for _n in range(5):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    full, partial = sorted(
        (_group_of(programme, m) for m in mentors), key=lambda g: -len(_active_mentees(g))
    )
    assert (len(_active_mentees(full)), len(_active_mentees(partial))) == (3, 2)
    leaver = full.participants.filter(role="mentee").first()
    leave_mentorship(participant=leaver, reason="availability")

    rematch = run_now(programme)
    assert (rematch.mentees_count, rematch.mentors_count) == (1, 2)
    proposal = rematch.proposals.get()
    partial_mentor = partial.participants.get(role="mentor").membership_id
    # Not back into the group they left, whose seat is free too.
    assert (proposal.mentee_id, proposal.mentor_id) == (leaver.membership_id, partial_mentor)
    assert _publish(rematch, coordinator, django_capture_on_commit_callbacks) == 1
    assert Mentorship.objects.filter(programme=programme).count() == 2
    proposal.refresh_from_db()
    assert proposal.mentorship_id == partial.pk
    assert leaver.membership_id in _active_mentees(partial)
    assert len(_active_mentees(partial)) == 3


def test_the_mentor_of_a_full_group_is_not_offered_in_a_later_run(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from tests.factories import make_participant

    programme = _group_programme(organisation, coordinator, 2)
    full_mentor = make_participant(programme, "mentor", level=5, offered={"Lead": 5})
    for _n in range(2):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    newcomer = make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    other = make_participant(programme, "mentor", level=5, offered={"Lead": 4})
    again = run_now(programme)
    assert again.mentors_count == 1
    assert list(again.proposals.values_list("mentee_id", "mentor_id")) == [(newcomer.pk, other.pk)]
    assert not again.proposals.filter(mentor=full_mentor).exists()
    assert len(_active_mentees(_group_of(programme, full_mentor))) == 2


def test_a_group_joined_on_a_rematch_signs_its_agreement_again(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from mentora.accounts.models import AuditEntry
    from mentora.mentorships.selectors import agreement_is_signed, agreement_signers
    from mentora.mentorships.services.agreement import sign_agreement
    from mentora.mentorships.services.closure import leave_mentorship
    from tests.factories import make_participant

    programme = _group_programme(organisation, coordinator, 3)
    mentor = make_participant(programme, "mentor", level=5, offered={"Lead": 5})
    for _n in range(3):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    group = _group_of(programme, mentor)
    for participant in group.participants.all():
        sign_agreement(agreement=group.agreement, participant=participant)
    assert agreement_is_signed(group.agreement)
    leave_mentorship(participant=group.participants.filter(role="mentee").first(), reason="fit")
    newcomer = make_participant(programme, "mentee", level=1, sought={"Lead": 3})

    rematch = run_now(programme)
    assert list(rematch.proposals.values_list("mentee_id", "mentor_id")) == [
        (newcomer.pk, mentor.pk)
    ]
    _publish(rematch, coordinator, django_capture_on_commit_callbacks)
    agreement = group.agreement
    agreement.refresh_from_db()
    assert agreement.version == 2
    assert agreement.revisions.filter(version=2).exists()
    assert agreement_signers(agreement) == set()
    assert not agreement_is_signed(agreement)
    assert newcomer.pk in _active_mentees(group)
    assert AuditEntry.objects.filter(
        action="mentorship.add_mentees", details__people=[newcomer.pk]
    ).exists()


def test_a_run_whose_free_group_seat_was_taken_since_is_not_published(
    organisation, coordinator, run_now, django_capture_on_commit_callbacks
):
    from mentora.mentorships.services.closure import leave_mentorship
    from mentora.mentorships.services.relationships import add_group_mentees
    from tests.factories import make_participant

    programme = _group_programme(organisation, coordinator, 2)
    mentor = make_participant(programme, "mentor", level=5, offered={"Lead": 5})
    for _n in range(2):
        make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    group = _group_of(programme, mentor)
    leave_mentorship(participant=group.participants.filter(role="mentee").first(), reason="fit")
    proposed = make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    rematch = run_now(programme)
    assert rematch.proposals.get().mentee_id == proposed.pk
    by_hand = make_participant(programme, "mentee", level=1, sought={"Lead": 3})
    add_group_mentees(mentorship=group, mentees=[by_hand], added_by=coordinator.user)
    with pytest.raises(MatchingError):
        _publish(rematch, coordinator, django_capture_on_commit_callbacks)
    assert proposed.pk not in _active_mentees(group)
    assert len(_active_mentees(group)) == 2


def test_match_emails_come_from_the_organisations_sender_name(
    scenario, run_now, coordinator, django_capture_on_commit_callbacks
):
    programme, _people = scenario
    programme.organisation.email_sender_name = "Acme Mentoring"
    programme.organisation.save(update_fields=["email_sender_name"])
    _publish(run_now(programme), coordinator, django_capture_on_commit_callbacks)
    assert mail.outbox
    assert {m.from_email for m in mail.outbox} == {"Acme Mentoring <no-reply@mentora.local>"}
