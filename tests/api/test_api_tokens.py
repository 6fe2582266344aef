from __future__ import annotations

import json

from django.urls import reverse

from mentora.api.models import ApiToken
from mentora.api.services import create_api_token, revoke_api_token


def _bearer(raw):
    return {"Authorization": f"Bearer {raw}"}


def test_token_authenticates_as_its_owner(client, member):
    _token, raw = create_api_token(user=member.user, name="script")
    response = client.get("/api/v1/me", headers=_bearer(raw))
    assert response.json()["email"] == member.user.email


def test_only_the_hash_of_a_token_is_stored(member):
    token, raw = create_api_token(user=member.user, name="script")
    assert raw not in token.digest
    assert not ApiToken.objects.filter(digest=raw).exists()


def test_revoked_token_is_refused(client, member):
    token, raw = create_api_token(user=member.user, name="script")
    revoke_api_token(token=token)
    assert client.get("/api/v1/me", headers=_bearer(raw)).status_code == 401


def test_unknown_token_is_refused(client, db):
    assert client.get("/api/v1/me", headers=_bearer("mnt_nope")).status_code == 401


def test_browser_session_reads_the_api(client, member):
    client.force_login(member.user)
    assert client.get("/api/v1/me").json()["email"] == member.user.email


def test_browser_session_cannot_write_without_csrf(member, programme):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(member.user)
    response = csrf_client.post(
        f"/api/v1/programmes/{programme.pk}/applications",
        data=json.dumps({"role": "mentee"}),
        content_type="application/json",
    )
    assert response.status_code in (401, 403)


def test_member_creates_and_revokes_a_token_on_their_page(client, member):
    client.force_login(member.user)
    response = client.post(reverse("api_tokens:list"), {"name": "Export"})
    assert "mnt_" in response.content.decode()
    token = ApiToken.objects.get()
    client.post(reverse("api_tokens:revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_else_s_token(client, member, coordinator):
    token, _raw = create_api_token(user=coordinator.user, name="theirs")
    client.force_login(member.user)
    assert client.post(reverse("api_tokens:revoke", args=[token.pk])).status_code == 404


def test_api_application_validation_speaks_clearly(client, member, programme):
    _token, raw = create_api_token(user=member.user, name="script")
    response = client.post(
        f"/api/v1/programmes/{programme.pk}/applications",
        data=json.dumps({"role": "mentor"}),
        content_type="application/json",
        headers=_bearer(raw),
    )
    assert response.status_code == 422
    assert "Say how many mentees you can take." in json.dumps(response.json())


def test_api_lists_only_visible_programmes(client, member, organisation):
    from tests.factories import make_programme

    make_programme(organisation, name="Hidden draft", status="draft")
    visible = make_programme(organisation, name="Open", status="enrolling")
    _token, raw = create_api_token(user=member.user, name="script")
    names = [p["name"] for p in client.get("/api/v1/programmes", headers=_bearer(raw)).json()]
    assert names == [visible.name]


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.json()["info"]["title"] == "Mentora API"
