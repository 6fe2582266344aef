"""A mentor's decline: no relationship is left behind for the mentee."""

from __future__ import annotations

import pytest

from mentora.matching.models import MatchingSettings, MentorResponse
from mentora.matching.selectors.runs import default_parameters
from mentora.matching.services.publication import publish_run, respond_to_match
from mentora.mentorships.models import Mentorship


@pytest.fixture
def published(scenario, run_now, coordinator, django_capture_on_commit_callbacks):
    programme, people = scenario
    MatchingSettings.objects.update_or_create(
        programme=programme,
        defaults={"mentor_acceptance": True, "parameters": default_parameters(programme)},
    )
    run = run_now(programme)
    with django_capture_on_commit_callbacks(execute=True):
        publish_run(run=run, actor=coordinator.user)
    return programme, people, MentorResponse.objects.get(proposal__mentee=people["xl"])


def test_the_mentee_sees_no_relationship_after_the_decline(client, published):
    _programme, people, response = published
    respond_to_match(response=response, accept=False)
    client.force_login(people["xl"].user)
    page = client.get("/mentorships/")
    assert page.context["rows"] == []
    html = page.content.decode()
    assert "Agreement to sign" not in html
    assert "Eric Excel" not in html


def test_the_relationship_that_never_started_is_gone(published):
    programme, people, response = published
    mentorship = response.proposal.mentorship
    respond_to_match(response=response, accept=False)
    assert not Mentorship.objects.filter(pk=mentorship.pk).exists()
    response.refresh_from_db()
    assert (response.status, response.proposal.mentorship_id) == ("declined", None)
    assert Mentorship.objects.filter(programme=programme).count() == 2


def test_the_declined_match_is_not_listed_among_the_mentee_matches(client, published):
    _programme, people, response = published
    respond_to_match(response=response, accept=False)
    client.force_login(people["xl"].user)
    html = client.get("/matching/me/").content.decode()
    assert "Your mentor: Eric Excel" not in html
    assert "Your match was declined" in html


def test_the_decline_is_kept_in_the_audit_log(published):
    from mentora.accounts.models import AuditEntry

    _programme, people, response = published
    respond_to_match(response=response, accept=False)
    entry = AuditEntry.objects.get(action="matching.decline")
    assert entry.details["people"] == [people["excel"].pk, people["xl"].pk]


def test_a_relationship_where_something_was_already_written_is_closed_not_erased(client, published):
    from mentora.mentorships.services.notes import save_private_note

    _programme, people, response = published
    mentorship = response.proposal.mentorship
    save_private_note(mentorship=mentorship, author=people["xl"], body="Questions to ask.")
    respond_to_match(response=response, accept=False)
    mentorship.refresh_from_db()
    assert mentorship.is_closed
    assert mentorship.private_notes.count() == 1
