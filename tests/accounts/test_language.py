from __future__ import annotations

from django.urls import reverse

from tests.factories import PASSWORD


def test_a_visitor_reads_the_language_of_their_browser(client, db):
    response = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
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


def test_the_signed_in_message_speaks_the_members_language(client, member):
    member.user.language = "fr"
    member.user.save()
    response = client.post(
        reverse("account_login"),
        {"login": member.user.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )
    page = response.content.decode()
    assert '<html lang="fr">' in page
    assert "Successfully signed in" not in page


def test_a_member_without_a_saved_language_reads_the_organisations(client, member):
    member.organisation.default_language = "fr"
    member.organisation.save()
    member.user.language = ""
    member.user.save()
    client.force_login(member.user)
    response = client.get(reverse("home:home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in response.content.decode()


def test_pages_and_e_mails_follow_the_same_language_rule(member):
    member.organisation.default_language = "fr"
    member.user.language = ""
    assert member.language == "fr"
    member.user.language = "en"
    assert member.language == "en"
