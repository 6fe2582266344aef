"""The at-risk list of a programme: its coordinators (and org admins) read the relationships
scoring below the threshold, lowest first, with reasons and actions; they change the
threshold and export the list. Sponsors, members and other coordinators never see it."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from mentora.accounts.models import AuditEntry
from mentora.analytics.models import AnalyticsSettings, RelationshipHealth
from mentora.mentorships.services.concerns import raise_concern
from tests.factories import make_member, make_mentorship

GAP = {"code": "no_meeting", "points": 40, "days": 75, "cadence": "monthly"}
PULSE = {"code": "pulse_low", "points": 35, "quality": 2, "on": "2027-03-03"}


def _pair(programme, mentor_name: str, score: int, *reasons: dict):
    mentor = make_member(programme.organisation, first_name=mentor_name, last_name="Mentor")
    mentee = make_member(programme.organisation, first_name=f"{mentor_name}'s", last_name="Mentee")
    mentorship = make_mentorship(programme, mentor, mentee)
    RelationshipHealth.objects.create(mentorship=mentorship, score=score, reasons=list(reasons))
    return mentorship


@pytest.fixture
def scored(programme):
    """Four pairs: 60 (not at risk), 45, 20 and 50 (at the threshold: not below it)."""
    programme.status = "running"
    programme.save()
    return {
        "fine": _pair(programme, "Fiona", 60),
        "worried": _pair(programme, "Wendy", 45, PULSE),
        "lost": _pair(programme, "Lucas", 20, GAP, PULSE),
        "edge": _pair(programme, "Eddie", 50),
    }


def _url(programme, name="analytics:at_risk"):
    return reverse(name, args=[programme.pk])


def _page(client, member, programme, **headers):
    client.force_login(member.user)
    return client.get(_url(programme), headers=headers)


def test_the_list_holds_the_relationships_below_the_threshold_lowest_first(
    client, coordinator, programme, scored
):
    rows = _page(client, coordinator, programme).context["rows"]
    assert [row.mentorship_id for row in rows] == [scored["lost"].pk, scored["worried"].pk]


def test_each_relationship_shows_its_score_members_reasons_and_actions(
    client, coordinator, programme, scored
):
    mentee = scored["lost"].participants.get(role="mentee").membership
    concern = raise_concern(mentorship=scored["lost"], raised_by=mentee, body="Help.")
    html = _page(client, coordinator, programme).content.decode()
    assert "20 / 100" in html
    assert "Lucas Mentor" in html
    assert "No meeting for 75 days; the programme expects one a month." in html
    assert "Pulse 2/5 on 3 March 2027." in html
    assert f"{reverse('mentorships:programme', args=[programme.pk])}#relationship-" in html
    assert reverse("mentorships:concern_detail", args=[concern.pk]) in html
    assert reverse("matching:home", args=[programme.pk]) in html


def test_the_list_reads_in_the_readers_language(client, coordinator, programme, scored):
    coordinator.user.language = "fr"
    coordinator.user.save()
    html = _page(client, coordinator, programme).content.decode()
    assert "Point d&#x27;étape à 2/5 le 3 mars 2027." in html
    assert "2 relations ont un score inférieur à 50" in html


def test_an_empty_list_says_so(client, coordinator, programme):
    html = _page(client, coordinator, programme).content.decode()
    assert "Every open relationship of the programme scores 50 or more." in html


def test_htmx_gets_the_list_alone(client, coordinator, programme, scored):
    response = _page(client, coordinator, programme, **{"HX-Request": "true"})
    assert [t.name for t in response.templates][0] == "analytics/_at_risk_list.html"


def test_a_coordinator_changes_the_threshold(client, coordinator, programme, scored):
    client.force_login(coordinator.user)
    response = client.post(_url(programme, "analytics:at_risk_threshold"), {"at_risk_below": 55})
    assert response.status_code == 302
    assert AnalyticsSettings.objects.get(programme=programme).at_risk_below == 55
    assert len(client.get(_url(programme)).context["rows"]) == 3


def test_a_threshold_change_is_audited(client, coordinator, programme):
    client.force_login(coordinator.user)
    client.post(_url(programme, "analytics:at_risk_threshold"), {"at_risk_below": 70})
    entry = AuditEntry.objects.get(action="analytics.threshold")
    assert (entry.actor, entry.target, entry.details) == (
        coordinator.user,
        programme.name,
        {"at_risk_below": 70},
    )


@pytest.mark.parametrize("value", ["0", "101", "", "many"])
def test_a_threshold_outside_1_to_100_is_refused(client, coordinator, programme, value):
    client.force_login(coordinator.user)
    response = client.post(_url(programme, "analytics:at_risk_threshold"), {"at_risk_below": value})
    assert "Give a score between 1 and 100." in response.content.decode()
    assert not AnalyticsSettings.objects.exists()


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_export_holds_the_list_headed_in_the_readers_language(
    client, coordinator, programme, scored
):
    coordinator.user.language = "fr"
    coordinator.user.save()
    client.force_login(coordinator.user)
    header, *rows = _csv(client.get(_url(programme, "analytics:at_risk_csv")))
    assert header[:3] == ["Relation", "Score de santé", "Membres"]
    assert [(row[0], row[1]) for row in rows] == [
        (str(scored["lost"].pk), "20"),
        (str(scored["worried"].pk), "45"),
    ]
    assert rows[0][4].startswith("Aucune rencontre depuis 75 jours")


def test_the_export_never_runs_a_formula(client, coordinator, programme):
    _pair(programme, "=HYPERLINK(1)", 10)
    client.force_login(coordinator.user)
    [_header, row] = _csv(client.get(_url(programme, "analytics:at_risk_csv")))
    assert row[2].startswith("'=HYPERLINK(1)")


def test_an_org_admin_reads_the_list(client, org_admin, programme, scored):
    assert _page(client, org_admin, programme).status_code == 200


@pytest.mark.parametrize("persona", ["sponsor", "member", "other_coordinator"])
def test_sponsors_members_and_other_coordinators_are_refused(
    client, request, programme, scored, persona
):
    member = request.getfixturevalue(persona)
    assert _page(client, member, programme).status_code == 403


def test_a_sponsor_cannot_export_the_list(client, sponsor, programme, scored):
    client.force_login(sponsor.user)
    assert client.get(_url(programme, "analytics:at_risk_csv")).status_code == 403


def test_a_sponsor_cannot_change_the_threshold(client, sponsor, programme):
    client.force_login(sponsor.user)
    response = client.post(_url(programme, "analytics:at_risk_threshold"), {"at_risk_below": 90})
    assert response.status_code == 403
    assert not AnalyticsSettings.objects.exists()


def test_another_organisation_does_not_see_the_programme(client, outsider, programme):
    assert _page(client, outsider, programme).status_code == 404


def test_the_programme_page_links_to_the_list(client, coordinator, programme):
    client.force_login(coordinator.user)
    html = client.get(reverse("programs:detail", args=[programme.pk])).content.decode()
    assert _url(programme) in html


def test_the_programme_page_does_not_link_sponsors_to_the_list(client, sponsor, programme):
    client.force_login(sponsor.user)
    html = client.get(reverse("programs:detail", args=[programme.pk])).content.decode()
    assert _url(programme) not in html
