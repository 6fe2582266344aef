"""Org admins set the organisation's name, logo, language, agreement wording and sender."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mentora.accounts.models import AuditEntry, Organisation
from mentora.accounts.services import invite_member


def _image(fmt="PNG", size=(120, 40), name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (15, 118, 110)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), f"image/{fmt.lower()}")


def _post(client, **data):
    payload = {"name": "Acme Group", "default_language": "fr", "email_sender_name": ""}
    payload.update(data)
    return client.post(reverse("accounts:organisation_settings"), payload)


def test_an_org_admin_renames_the_organisation_and_sets_its_language(client, org_admin):
    client.force_login(org_admin.user)
    response = _post(client)
    assert response.url == reverse("accounts:organisation_settings")
    organisation = Organisation.objects.get(pk=org_admin.organisation_id)
    assert (organisation.name, organisation.default_language) == ("Acme Group", "fr")


def test_the_change_is_audited(client, org_admin):
    client.force_login(org_admin.user)
    _post(client, email_sender_name="Acme Mentoring")
    entry = AuditEntry.objects.get(action="organisation.settings")
    assert entry.actor == org_admin.user
    assert entry.details["fields"] == ["default_language", "email_sender_name", "name"]


@pytest.mark.parametrize("persona", ["coordinator", "sponsor", "member"])
def test_only_org_admins_open_the_settings(client, persona, request):
    client.force_login(request.getfixturevalue(persona).user)
    assert client.get(reverse("accounts:organisation_settings")).status_code == 403
    assert _post(client).status_code == 403


def test_an_admin_changes_only_their_own_organisation(client, org_admin, outsider):
    client.force_login(outsider.user)
    _post(client, name="Hijacked")
    assert Organisation.objects.get(pk=org_admin.organisation_id).name == "Acme"


def test_the_logo_is_stored_and_shown_in_the_header(client, org_admin, member):
    client.force_login(org_admin.user)
    _post(client, logo=_image())
    organisation = Organisation.objects.get(pk=org_admin.organisation_id)
    assert organisation.logo.name.endswith(".png")
    client.force_login(member.user)
    page = client.get(reverse("home:home")).content.decode()
    assert reverse("accounts:organisation_logo") in page
    logo = client.get(reverse("accounts:organisation_logo"))
    assert logo.status_code == 200
    assert logo["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(b"".join(logo.streaming_content))).height <= 200


def test_a_file_that_is_not_an_image_is_refused(client, org_admin):
    client.force_login(org_admin.user)
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", "image/png")
    response = _post(client, logo=fake)
    assert response.status_code == 200
    assert not Organisation.objects.get(pk=org_admin.organisation_id).logo


def test_an_svg_logo_is_refused(client, org_admin):
    client.force_login(org_admin.user)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'
    response = _post(client, logo=SimpleUploadedFile("logo.svg", svg, "image/svg+xml"))
    assert response.status_code == 200
    assert not Organisation.objects.get(pk=org_admin.organisation_id).logo


def test_a_logo_too_heavy_is_refused(client, org_admin, settings):
    from mentora.accounts import forms

    client.force_login(org_admin.user)
    forms.LOGO_MAX_BYTES, previous = 100, forms.LOGO_MAX_BYTES
    try:
        response = _post(client, logo=_image(size=(400, 400)))
    finally:
        forms.LOGO_MAX_BYTES = previous
    assert "The logo is larger than" in response.content.decode()
    assert not Organisation.objects.get(pk=org_admin.organisation_id).logo


def test_the_logo_can_be_removed(client, org_admin):
    client.force_login(org_admin.user)
    _post(client, logo=_image())
    _post(client, **{"logo-clear": "on"})
    assert not Organisation.objects.get(pk=org_admin.organisation_id).logo
    assert client.get(reverse("accounts:organisation_logo")).status_code == 404


def test_the_agreement_wording_is_kept_per_language(client, org_admin):
    client.force_login(org_admin.user)
    _post(
        client,
        agreement_fr_confidentiality="Ce qui se dit entre nous reste entre nous.",
        agreement_en_confidentiality="What we say stays between us.",
        agreement_en_boundaries="No pay talks.",
    )
    organisation = Organisation.objects.get(pk=org_admin.organisation_id)
    assert organisation.default_agreement_texts("en") == {
        "boundaries": "No pay talks.",
        "confidentiality": "What we say stays between us.",
    }
    assert organisation.default_agreement_texts("fr") == {
        "confidentiality": "Ce qui se dit entre nous reste entre nous."
    }


def test_the_sender_name_signs_the_organisations_emails(
    client, org_admin, django_capture_on_commit_callbacks
):
    client.force_login(org_admin.user)
    _post(client, email_sender_name="Acme Mentoring")
    organisation = Organisation.objects.get(pk=org_admin.organisation_id)
    with django_capture_on_commit_callbacks(execute=True):
        invite_member(
            organisation=organisation,
            email="new@example.com",
            role="member",
            invited_by=org_admin.user,
        )
    assert mail.outbox[0].from_email == "Acme Mentoring <no-reply@mentora.local>"


def test_a_sender_name_cannot_smuggle_a_header(client, org_admin):
    client.force_login(org_admin.user)
    response = _post(client, email_sender_name="Acme\r\nBcc: all@example.com")
    assert response.status_code == 200
    assert Organisation.objects.get(pk=org_admin.organisation_id).email_sender_name == ""
