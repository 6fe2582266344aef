"""The programme form and pages say what the formal / informal flag changes."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_programme


def test_the_programme_form_explains_the_flag(client, coordinator):
    client.force_login(coordinator.user)
    page = client.get(reverse("programs:create")).content.decode()
    assert "Informal: the agreement is optional" in page
    assert "find a partner themselves in the programme" in page


def test_an_informal_programmes_public_page_says_it_is_informal(client, organisation, member):
    programme = make_programme(organisation, status="enrolling", is_formal=False)
    client.force_login(member.user)
    page = client.get(programme.get_public_url()).content.decode()
    assert "The agreement is optional, and participants can find a partner" in page


def test_only_informal_programmes_make_the_agreement_optional(organisation):
    assert make_programme(organisation).agreement_required
    assert not make_programme(organisation, is_formal=False).agreement_required
