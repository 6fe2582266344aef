from __future__ import annotations

from django.contrib.auth.hashers import identify_hasher, make_password
from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_member_signs_in_with_email(client, member):
    response = _login(client, member.user.email, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home:home")


def test_email_login_ignores_case(client, member):
    _login(client, member.user.email.upper(), PASSWORD)
    assert client.session["_auth_user_id"] == str(member.user.pk)


def test_wrong_password_shows_a_clear_message(client, member):
    response = _login(client, member.user.email, "wrong")
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_repeated_failures_are_throttled(client, member):
    for _ in range(5):
        _login(client, member.user.email, "wrong")
    response = _login(client, member.user.email, PASSWORD)
    assert response.status_code == 429 or "Too many" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2():
    # The test run swaps in a fast hasher; check what the project itself configures.
    from mentora import settings as project_settings

    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        assert identify_hasher(make_password("secret")).algorithm == "argon2"


def test_open_signup_is_closed(client, db):
    response = client.get(reverse("account_signup"))
    assert "closed" in response.content.decode().lower()


def test_password_reset_sends_an_email(client, member, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": member.user.email})
    assert len(mailoutbox) == 1
    assert member.user.email in mailoutbox[0].to


def test_logout_needs_a_post(client, member):
    client.force_login(member.user)
    client.post(reverse("account_logout"))
    assert client.get(reverse("home:home")).status_code == 302
