"""Pages with people pickers weigh the same, in the same number of queries, whatever the size
of the organisation: they render the people chosen, never everyone who could be."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_many_members, make_member, make_organisation, make_programme

PAGES = [
    ("member", "enrolment:apply"),
    ("coordinator", "enrolment:enrolment_invitations"),
    ("coordinator", "mentorships:create"),
    ("coordinator", "programs:edit"),
]


def _measure(client, url_name, viewer_role, organisation_size):
    """(queries, bytes) of the page for an organisation with that many more members."""
    organisation = make_organisation()
    people = {
        "member": make_member(organisation),
        "coordinator": make_member(organisation, role="coordinator"),
    }
    programme = make_programme(organisation, status="enrolling")
    programme.coordinators.add(people["coordinator"].user)
    make_many_members(organisation, organisation_size)
    make_many_members(organisation, organisation_size, role="coordinator")
    make_many_members(organisation, organisation_size, role="sponsor")
    client.force_login(people[viewer_role].user)
    url = reverse(url_name, args=[programme.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.mark.parametrize(("viewer_role", "url_name"), PAGES)
def test_the_page_does_not_grow_with_the_organisation(client, db, viewer_role, url_name):
    small_queries, small_bytes = _measure(client, url_name, viewer_role, 3)
    large_queries, large_bytes = _measure(client, url_name, viewer_role, 300)
    assert large_queries == small_queries
    # Ids and the CSRF token differ by a few characters; 300 names would be kilobytes.
    assert abs(large_bytes - small_bytes) < 100
