"""A leave date from the HR file takes effect on that date, not at import time."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import Membership
from tests.factories import make_member


def test_someone_serving_their_notice_is_still_a_member(organisation):
    leaving = make_member(organisation, left_on=timezone.localdate() + timedelta(days=30))
    assert not leaving.has_left
    assert Membership.objects.active().filter(pk=leaving.pk).exists()


def test_someone_whose_leave_date_has_come_is_gone(organisation):
    today = make_member(organisation, left_on=timezone.localdate())
    earlier = make_member(organisation, left_on=timezone.localdate() - timedelta(days=1))
    assert today.has_left and earlier.has_left
    assert not Membership.objects.active().filter(pk__in=[today.pk, earlier.pk]).exists()


def test_someone_serving_their_notice_still_signs_in_to_their_organisation(client, organisation):
    leaving = make_member(organisation, left_on=timezone.localdate() + timedelta(days=30))
    client.force_login(leaving.user)
    response = client.get(reverse("home:home"))
    assert response.wsgi_request.membership == leaving
    assert "Acme" in response.content.decode()


def test_someone_gone_no_longer_reaches_their_organisation(client, organisation):
    gone = make_member(organisation, left_on=timezone.localdate() - timedelta(days=1))
    client.force_login(gone.user)
    assert client.get(reverse("home:home")).status_code == 403
