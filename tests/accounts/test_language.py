from __future__ import annotations

from django.urls import reverse


def test_language_follows_the_browser_by_default(client, member):
    client.force_login(member.user)
    response = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.headers["Content-Language"] == "fr"


def test_switching_language_is_remembered_on_the_account(client, member):
    client.force_login(member.user)
    client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/home/"})
    member.user.refresh_from_db()
    assert member.user.language == "fr"


def test_saved_language_wins_over_the_browser(client, member):
    member.user.language = "fr"
    member.user.save()
    client.force_login(member.user)
    response = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.headers["Content-Language"] == "fr"


def test_anonymous_language_switch_sets_a_cookie(client, db):
    response = client.post(reverse("accounts:set_language"), {"language": "fr", "next": "/"})
    assert response.cookies["django_language"].value == "fr"


def test_language_switch_ignores_unknown_languages(client, member):
    client.force_login(member.user)
    client.post(reverse("accounts:set_language"), {"language": "xx", "next": "/"})
    member.user.refresh_from_db()
    assert member.user.language == ""


def test_language_switch_never_redirects_off_site(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response.url == "/"
