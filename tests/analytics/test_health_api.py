"""GET /api/v1/programmes/{id}/relationships/health: the stored health of a programme's open
relationships, lowest first, for its coordinators and the org admins only."""

from __future__ import annotations

import pytest

from mentora.analytics.models import AnalyticsSettings, RelationshipHealth
from mentora.api.services import create_api_token
from mentora.mentorships.models import Mentorship, Stage
from tests.factories import make_pair

GAP = {"code": "no_meeting", "points": 40, "days": 75, "cadence": "monthly"}


@pytest.fixture
def scored(programme):
    """Three open pairs scoring 80, 30 and 45; a closed one's stale row is never listed."""
    pairs = []
    for score in (80, 30, 45, 10):
        mentorship, _mentor, _mentee = make_pair(programme)
        RelationshipHealth.objects.create(mentorship=mentorship, score=score, reasons=[GAP])
        pairs.append(mentorship)
    Mentorship.objects.filter(pk=pairs[3].pk).update(stage=Stage.CLOSED)
    return pairs


def _get(client, member, programme, query=""):
    _token, raw = create_api_token(user=member.user, name="test")
    return client.get(
        f"/api/v1/programmes/{programme.pk}/relationships/health{query}",
        headers={"Authorization": f"Bearer {raw}"},
    )


def test_it_lists_every_open_relationship_lowest_first(client, coordinator, programme, scored):
    body = _get(client, coordinator, programme).json()
    assert (body["programme_id"], body["at_risk_below"], body["count"]) == (programme.pk, 50, 3)
    assert [(i["mentorship_id"], i["score"], i["at_risk"]) for i in body["items"]] == [
        (scored[1].pk, 30, True),
        (scored[2].pk, 45, True),
        (scored[0].pk, 80, False),
    ]


def test_each_relationship_carries_its_members_and_reasons(client, coordinator, programme, scored):
    item = _get(client, coordinator, programme).json()["items"][0]
    assert sorted(m["role"] for m in item["members"]) == ["mentee", "mentor"]
    assert item["reasons"] == [
        {
            "code": "no_meeting",
            "points": 40,
            "text": "No meeting for 75 days; the programme expects one a month.",
            "figures": {"days": 75, "cadence": "monthly"},
        }
    ]


def test_at_risk_lists_only_those_below_the_programmes_threshold(
    client, coordinator, programme, scored
):
    AnalyticsSettings.objects.create(programme=programme, at_risk_below=40)
    body = _get(client, coordinator, programme, "?at_risk=true").json()
    assert (body["at_risk_below"], [i["score"] for i in body["items"]]) == (40, [30])


def test_an_org_admin_reads_it(client, org_admin, programme, scored):
    assert _get(client, org_admin, programme).status_code == 200


@pytest.mark.parametrize("persona", ["sponsor", "member", "other_coordinator"])
def test_sponsors_members_and_other_coordinators_are_refused(
    client, request, programme, scored, persona
):
    assert _get(client, request.getfixturevalue(persona), programme).status_code == 403


def test_another_organisation_gets_not_found(client, outsider, programme):
    assert _get(client, outsider, programme).status_code == 404
