"""The lessons learned page: who writes them, when, and the audit trail."""

from __future__ import annotations

from django.urls import reverse

from mentora.accounts.audit import describe_action
from mentora.accounts.models import AuditEntry
from mentora.analytics.models import Retrospective


def _url(programme):
    return reverse("analytics:retrospective", args=[programme.pk])


def _set_status(programme, status):
    programme.status = status
    programme.save(update_fields=["status"])


def test_the_coordinator_saves_the_lessons_learned(client, programme, coordinator):
    _set_status(programme, "closing")
    client.force_login(coordinator.user)
    response = client.post(_url(programme), {"lessons": "Pair across sites earlier."})
    assert response.status_code == 302
    saved = Retrospective.objects.get(programme=programme)
    assert (saved.lessons, saved.updated_by) == ("Pair across sites earlier.", coordinator.user)


def test_saving_the_lessons_is_audited_without_their_text(client, programme, coordinator):
    _set_status(programme, "closed")
    client.force_login(coordinator.user)
    client.post(_url(programme), {"lessons": "Pair across sites earlier."})
    entry = AuditEntry.objects.get(action="analytics.lessons")
    assert entry.actor == coordinator.user and entry.details == {"characters": 26}
    assert describe_action(entry.action, entry.target) == (
        f"wrote the lessons learned of the programme {programme.name}"
    )


def test_the_lessons_can_be_drafted_while_the_programme_runs(client, programme, org_admin):
    _set_status(programme, "running")
    client.force_login(org_admin.user)
    page = client.get(_url(programme)).content.decode()
    assert 'name="lessons"' in page
    assert "can be downloaded once the programme is closing" in page
    assert reverse("analytics:retrospective_pdf", args=[programme.pk]) not in page


def test_before_the_programme_runs_the_page_says_when_it_opens(client, programme, coordinator):
    client.force_login(coordinator.user)
    page = client.get(_url(programme)).content.decode()
    assert 'name="lessons"' not in page
    assert "can be written once the programme is running" in page


def test_lessons_sent_before_the_programme_runs_are_refused(client, programme, coordinator):
    client.force_login(coordinator.user)
    client.post(_url(programme), {"lessons": "Too early"})
    assert not Retrospective.objects.filter(programme=programme).exists()


def test_a_closing_programme_offers_the_report(client, programme, coordinator):
    _set_status(programme, "closing")
    client.force_login(coordinator.user)
    page = client.get(_url(programme)).content.decode()
    assert reverse("analytics:retrospective_pdf", args=[programme.pk]) in page
    assert "Download the report (PDF)" in page


def test_a_sponsor_cannot_write_the_lessons(client, programme, sponsor):
    _set_status(programme, "closing")
    client.force_login(sponsor.user)
    assert client.post(_url(programme), {"lessons": "Mine"}).status_code == 403
    assert not Retrospective.objects.filter(programme=programme).exists()


def test_the_sponsor_finds_the_report_on_the_programme_page_at_closing(client, programme, sponsor):
    _set_status(programme, "closing")
    client.force_login(sponsor.user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("analytics:retrospective_pdf", args=[programme.pk]) in page
    assert _url(programme) not in page


def test_the_sponsor_has_no_report_link_while_the_programme_runs(client, programme, sponsor):
    _set_status(programme, "running")
    client.force_login(sponsor.user)
    page = client.get(programme.get_absolute_url()).content.decode()
    assert reverse("analytics:retrospective_pdf", args=[programme.pk]) not in page
