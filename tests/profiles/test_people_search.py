"""The people pickers' search endpoint: bounded, in a constant number of queries, and only
ever answering people the page offering the picker may offer."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentora.enrolment.models import EnrolmentInvitation
from tests.factories import make_many_members, make_member, make_organisation, make_programme


def _search(client, viewer, **params):
    client.force_login(viewer.user)
    return client.get(reverse("profiles:people_search"), params)


def _names(response):
    return [person["name"] for person in response.json()["results"]]


def test_it_suggests_colleagues_whose_name_matches(client, member, organisation):
    wanda = make_member(organisation, first_name="Wanda", last_name="Wise", job_title="Actuary")
    make_member(organisation, first_name="Bob", last_name="Other")
    response = _search(client, member, source="colleagues", q="wan")
    assert response.json() == {
        "results": [
            {
                "value": wanda.pk,
                "name": "Wanda Wise",
                "detail": f"Actuary · {wanda.user.email}",
            }
        ],
        "more": False,
    }


def test_it_matches_the_email_address(client, member, organisation):
    make_member(organisation, first_name="Zoé", email="z.doe@acme.example")
    assert _names(_search(client, member, source="colleagues", q="z.doe@acme")) == ["Zoé Test"]


def test_every_word_typed_must_match(client, member, organisation):
    make_member(organisation, first_name="Anna", last_name="Berg")
    make_member(organisation, first_name="Anna", last_name="Karl")
    assert _names(_search(client, member, source="colleagues", q="anna karl")) == ["Anna Karl"]


def test_it_answers_twenty_people_at_most_and_says_there_are_more(client, member, organisation):
    make_many_members(organisation, 25)
    body = _search(client, member, source="colleagues", q="bulk").json()
    assert len(body["results"]) == 20
    assert body["more"] is True


def test_it_orders_people_by_last_name(client, member, organisation):
    make_member(organisation, first_name="Sam", last_name="Zola")
    make_member(organisation, first_name="Sam", last_name="Abel")
    assert _names(_search(client, member, source="colleagues", q="sam")) == [
        "Sam Abel",
        "Sam Zola",
    ]


def test_it_waits_for_two_letters(client, member, organisation):
    make_member(organisation, first_name="Wanda")
    assert _search(client, member, source="colleagues", q="w").json()["results"] == []


def test_the_viewer_and_people_who_left_are_not_colleagues(client, member, organisation):
    make_member(organisation, first_name="Marcel", left_on=date(2020, 1, 1))
    assert _names(_search(client, member, source="colleagues", q="marc")) == []


def test_a_person_of_another_organisation_finds_nobody_of_it(client, member, outsider):
    assert _names(_search(client, outsider, source="colleagues", q="Marc")) == []


def test_a_person_of_another_organisation_cannot_search_its_programme(client, outsider, programme):
    response = _search(
        client, outsider, source="enrolment.invitees", q="Marc", **{"for": programme.pk}
    )
    assert response.status_code == 404


def test_a_member_cannot_search_whom_to_invite(client, member, programme):
    response = _search(
        client, member, source="enrolment.invitees", q="Marc", **{"for": programme.pk}
    )
    assert response.status_code == 403


def test_people_already_invited_are_not_suggested_again(client, coordinator, member, programme):
    EnrolmentInvitation.objects.create(programme=programme, membership=member)
    marco = make_member(programme.organisation, first_name="Marco")
    response = _search(
        client, coordinator, source="enrolment.invitees", q="Marc", **{"for": programme.pk}
    )
    assert [person["value"] for person in response.json()["results"]] == [marco.pk]


def test_a_source_needing_a_programme_is_not_found_without_one(client, coordinator):
    assert _search(client, coordinator, source="enrolment.invitees", q="Marc").status_code == 404


def test_a_malformed_programme_id_is_not_found(client, coordinator):
    response = _search(
        client, coordinator, source="enrolment.invitees", q="ab", **{"for": "9" * 25}
    )
    assert response.status_code == 404


def test_pairing_by_hand_offers_the_partner_organisations_people(client, coordinator, organisation):
    partner = make_organisation(name="Partner")
    guest = make_member(partner, first_name="Gaspard")
    make_member(make_organisation(name="Stranger"), first_name="Gaspard")
    programme = make_programme(organisation, kind="inter_company", status="running")
    programme.coordinators.add(coordinator.user)
    programme.partner_organisations.add(partner)
    response = _search(
        client, coordinator, source="mentorships.members", q="gasp", **{"for": programme.pk}
    )
    assert [person["value"] for person in response.json()["results"]] == [guest.pk]


def test_the_coordinator_picker_posts_user_ids_of_coordinators_only(
    client, coordinator, organisation
):
    colleague = make_member(organisation, role="coordinator", first_name="Cora")
    make_member(organisation, role="member", first_name="Coralie")
    response = _search(client, coordinator, source="programs.coordinators", q="cora")
    assert response.json()["results"][0]["value"] == colleague.user.pk
    assert _names(response) == ["Cora Test"]


def test_a_sponsor_may_not_search_for_coordinators(client, sponsor):
    assert _search(client, sponsor, source="programs.coordinators", q="co").status_code == 403


def test_an_unknown_source_is_not_found(client, member):
    assert _search(client, member, source="everyone", q="Marc").status_code == 404


def test_the_query_count_does_not_grow_with_the_organisation(client, db):
    def count_queries(size):
        organisation = make_organisation()
        viewer = make_member(organisation)
        make_many_members(organisation, size)
        client.force_login(viewer.user)
        client.get(reverse("profiles:people_search"), {"source": "colleagues", "q": "bulk"})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(
                reverse("profiles:people_search"), {"source": "colleagues", "q": "bulk"}
            )
        assert len(response.json()["results"]) == min(size, 20)
        return len(queries)

    assert count_queries(5) == count_queries(400)
