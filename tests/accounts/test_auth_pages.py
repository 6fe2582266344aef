"""django-allauth's pages look like the rest of Mentora and read in sentence case."""

from __future__ import annotations

import pytest
from django.urls import reverse

SIGNED_IN_PAGES = ["account_change_password", "account_logout", "account_email"]


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_account_pages_sit_in_the_card_with_our_buttons(client, member, name):
    client.force_login(member.user)
    page = client.get(reverse(name)).content.decode()
    assert 'class="auth-card"' in page
    assert 'class="button button--primary"' in page


def test_password_reset_sits_in_the_card_with_our_form(client, db):
    page = client.get(reverse("account_reset_password")).content.decode()
    assert 'class="auth-card"' in page and 'class="form"' in page


def test_english_pages_use_sentence_case(client, member):
    member.user.language = "en"
    member.user.save()
    login = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Remember me" in login and "Remember Me" not in login
    client.force_login(member.user)
    change = client.get(reverse("account_change_password")).content.decode()
    assert "Change password" in change and "Current password" in change
    assert "Change Password" not in change


def test_french_pages_say_it_in_french(client, member):
    member.user.language = "fr"
    member.user.save()
    client.force_login(member.user)
    assert "Se déconnecter" in client.get(reverse("account_logout")).content.decode()
    change = client.get(reverse("account_change_password")).content.decode()
    assert "Mot de passe actuel" in change and "Nouveau mot de passe" in change
