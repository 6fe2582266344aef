from __future__ import annotations

from django.urls import reverse

from mentora.mentorships.models import ConcernStatus, MeetingStatus, Stage
from mentora.mentorships.services.closure import leave_mentorship
from mentora.mentorships.services.concerns import raise_concern, resolve_concern
from tests.factories import make_meeting, make_member, make_pair, make_programme


def test_when_the_mentee_leaves_a_pair_it_ends_and_future_meetings_are_cancelled(programme):
    mentorship, _mentor, mentee = make_pair(programme)
    meeting = make_meeting(mentorship)
    leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    mentorship.refresh_from_db()
    meeting.refresh_from_db()
    assert (mentorship.stage, mentorship.end_reason) == (Stage.CLOSED, "exit")
    assert meeting.status == MeetingStatus.CANCELLED


def test_a_group_goes_on_when_one_mentee_leaves(organisation):
    programme = make_programme(organisation, format="group", group_size=3)
    from mentora.mentorships.services.relationships import create_mentorship

    mentor, a, b = (make_member(organisation) for _ in range(3))
    mentorship = create_mentorship(programme=programme, mentors=[mentor], mentees=[a, b])
    leave_mentorship(participant=mentorship.participants.get(membership=a), reason="personal")
    mentorship.refresh_from_db()
    assert mentorship.stage == Stage.ESTABLISH


def test_the_coordinator_sees_the_exit_reason(client, programme, coordinator):
    mentorship, _mentor, mentee = make_pair(programme)
    leave_mentorship(participant=mentorship.participants.get(membership=mentee), reason="fit")
    client.force_login(coordinator.user)
    page = client.get(reverse("mentorships:programme", args=[programme.pk])).content.decode()
    assert "the pairing does not work for me" in page


def test_a_member_leaves_from_the_exit_form(client, programme):
    mentorship, mentor, _mentee = make_pair(programme)
    client.force_login(mentor.user)
    url = reverse("mentorships:leave", args=[mentorship.pk])
    response = client.post(url, {"reason": "availability", "comment": ""})
    assert response.status_code == 302
    assert mentorship.participants.get(membership=mentor).left_at is not None


def test_a_member_raises_a_concern(client, programme):
    mentorship, _mentor, mentee = make_pair(programme)
    client.force_login(mentee.user)
    url = reverse("mentorships:concern_create", args=[mentorship.pk])
    client.post(url, {"body": "Meetings keep being cancelled."})
    assert mentorship.concerns.get().raised_by == mentee


def test_resolving_a_concern_records_who_and_what(programme, coordinator):
    mentorship, _mentor, mentee = make_pair(programme)
    concern = raise_concern(mentorship=mentorship, raised_by=mentee, body="Stuck")
    resolve_concern(concern=concern, actor=coordinator.user, resolution="Called both.")
    concern.refresh_from_db()
    assert (concern.status, concern.resolved_by) == (ConcernStatus.RESOLVED, coordinator.user)


def test_open_concerns_are_counted_on_the_coordinator_view(client, programme, coordinator):
    mentorship, _mentor, mentee = make_pair(programme)
    raise_concern(mentorship=mentorship, raised_by=mentee, body="Stuck")
    client.force_login(coordinator.user)
    response = client.get(reverse("mentorships:programme", args=[programme.pk]))
    assert response.context["open_concerns"] == 1
    assert response.context["rows"][0]["mentorship"].open_concerns == 1


def test_the_coordinator_reads_the_exit_comment_and_the_partner_does_not(
    client, programme, coordinator
):
    mentorship, mentor, mentee = make_pair(programme)
    comment = "My manager moved me to night shifts."
    leave_mentorship(
        participant=mentorship.participants.get(membership=mentee),
        reason="role_change",
        comment=comment,
    )
    client.force_login(coordinator.user)
    assert (
        comment
        in client.get(reverse("mentorships:programme", args=[programme.pk])).content.decode()
    )
    client.force_login(mentor.user)
    for name in ("mentorships:detail", "mentorships:closure", "mentorships:meetings"):
        page = client.get(reverse(name, args=[mentorship.pk])).content.decode()
        assert comment not in page
        assert "Change of job" not in page


def test_a_coordinator_resolves_a_concern_from_its_page(client, programme, coordinator):
    mentorship, _mentor, mentee = make_pair(programme)
    older = raise_concern(mentorship=mentorship, raised_by=mentee, body="Stuck")
    newer = raise_concern(mentorship=mentorship, raised_by=mentee, body="Still stuck")
    client.force_login(coordinator.user)
    client.post(
        reverse("mentorships:concern_detail", args=[newer.pk]), {"resolution": "Met them both."}
    )
    newer.refresh_from_db()
    assert (newer.status, newer.resolution) == (ConcernStatus.RESOLVED, "Met them both.")
    listed = client.get(reverse("mentorships:concerns", args=[programme.pk])).context["concerns"]
    assert list(listed) == [older, newer]  # open ones first
    assert programme.organisation.audit_entries.filter(action="concern.resolve").exists()
