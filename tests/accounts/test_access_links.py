"""People added by the HR import get in through an access link: set a password, sign in."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from mentora.accounts.middleware import ORGANISATION_SESSION_KEY
from mentora.accounts.models import AuditEntry, Invitation, Membership, User
from mentora.accounts.services import send_access_links
from mentora.hr_import.services import create_hr_import, request_apply
from tests.factories import make_member, make_organisation

FILE = (
    b"employee_id,email,first_name,last_name\n"
    b"E1,ana@example.com,Ana,Lopez\n"
    b"E2,bo@example.com,Bo,Li\n"
    b"E3,cy@example.com,Cy,Roy\n"
)


@pytest.fixture
def applied_import(org_admin):
    hr_import = create_hr_import(
        organisation=org_admin.organisation, actor=org_admin.user, file_name="hr.csv", content=FILE
    )
    assert request_apply(hr_import=hr_import, actor=org_admin.user, skip_rejected=False) == (
        "applied"
    )
    hr_import.refresh_from_db()
    return hr_import


def _imported(email: str) -> Membership:
    return Membership.objects.select_related("user").get(user__email=email)


def _link(message) -> str:
    return (
        re.search(r"https?://\S+", message.body)
        .group(0)
        .split("testserver")[-1]
        .replace("http://127.0.0.1:8000", "")
    )


def _set_password(client, path, password="a-long-new-secret-42"):
    return client.post(
        path,
        {
            "first_name": "Ana",
            "last_name": "Lopez",
            "language": "en",
            "password1": password,
            "password2": password,
        },
    )


def test_imported_people_cannot_sign_in_yet(applied_import):
    assert not _imported("ana@example.com").user.has_usable_password()
    assert Membership.objects.of(applied_import.organisation).without_access().count() == 3


def test_the_import_page_offers_to_send_them_access_links(client, org_admin, applied_import):
    client.force_login(org_admin.user)
    page = client.get(reverse("hr_import:detail", args=[applied_import.pk])).content.decode()
    assert "3 people from this file cannot sign in yet" in page
    assert reverse("hr_import:send_access_links", args=[applied_import.pk]) in page
    assert "invite them" not in page


def test_bulk_sends_a_link_only_to_those_without_access(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    bo = _imported("bo@example.com").user
    bo.set_password("already-chosen-99")
    bo.save()
    client.force_login(org_admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("hr_import:send_access_links", args=[applied_import.pk]), follow=True
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.com", "cy@example.com"]
    assert "An access link was sent to 2 people." in response.content.decode()
    assert AuditEntry.objects.filter(action="access_link.send").count() == 2


def test_sending_again_skips_people_whose_link_is_still_waiting(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    client.force_login(org_admin.user)
    url = reverse("hr_import:send_access_links", args=[applied_import.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        client.post(url)
    assert len(mail.outbox) == 3


def test_the_link_sets_a_password_signs_in_and_lands_in_the_organisation(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    ana = _imported("ana@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        send_access_links(
            organisation=org_admin.organisation, memberships=[ana], actor=org_admin.user
        )
    path = _link(mail.outbox[0])
    assert "Ana" in client.get(path).content.decode()
    response = _set_password(client, path)
    assert response.url == reverse("home:home")
    assert client.session[ORGANISATION_SESSION_KEY] == org_admin.organisation.pk
    user = User.objects.get(email="ana@example.com")
    assert user.check_password("a-long-new-secret-42")
    assert client.get(reverse("home:home")).wsgi_request.membership == ana


def test_the_link_works_once(client, org_admin, applied_import, django_capture_on_commit_callbacks):
    ana = _imported("ana@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        send_access_links(
            organisation=org_admin.organisation, memberships=[ana], actor=org_admin.user
        )
    path = _link(mail.outbox[0])
    _set_password(client, path)
    client.logout()
    assert client.get(path).status_code == 410
    assert _set_password(client, path, "another-secret-77").status_code == 410
    assert User.objects.get(email="ana@example.com").check_password("a-long-new-secret-42")


def test_the_link_keeps_the_members_role(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    ana = _imported("ana@example.com")
    ana.role = "coordinator"
    ana.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_access_links(
            organisation=org_admin.organisation, memberships=[ana], actor=org_admin.user
        )
    _set_password(client, _link(mail.outbox[0]))
    ana.refresh_from_db()
    assert ana.role == "coordinator"


def test_a_link_to_someone_who_left_since_no_longer_works(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    from datetime import date

    ana = _imported("ana@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        send_access_links(
            organisation=org_admin.organisation, memberships=[ana], actor=org_admin.user
        )
    ana.left_on = date(2020, 1, 1)
    ana.save()
    path = _link(mail.outbox[0])
    assert client.get(path).status_code == 410
    _set_password(client, path)
    assert not User.objects.get(email="ana@example.com").has_usable_password()


def test_the_email_speaks_the_members_language_else_the_organisations(
    org_admin, applied_import, django_capture_on_commit_callbacks
):
    organisation = org_admin.organisation
    organisation.default_language = "fr"
    organisation.save()
    ana, bo = _imported("ana@example.com"), _imported("bo@example.com")
    bo.user.language = "en"
    bo.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        send_access_links(organisation=organisation, memberships=[ana, bo], actor=org_admin.user)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["ana@example.com"] == "Votre accès à Acme sur Mentora"
    assert subjects["bo@example.com"] == "Your access to Acme on Mentora"


def test_the_member_list_sends_one_link(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    ana = _imported("ana@example.com")
    client.force_login(org_admin.user)
    page = client.get(reverse("accounts:members")).content.decode()
    assert reverse("accounts:member_access_link", args=[ana.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:member_access_link", args=[ana.pk]), follow=True)
    assert [m.to for m in mail.outbox] == [["ana@example.com"]]
    assert "An access link was sent to ana@example.com." in response.content.decode()


def test_the_member_list_sends_again_when_asked(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    ana = _imported("ana@example.com")
    client.force_login(org_admin.user)
    url = reverse("accounts:member_access_link", args=[ana.pk])
    for _attempt in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url)
    assert len(mail.outbox) == 2
    first, second = Invitation.objects.order_by("pk")
    assert (first.status, second.status) == ("revoked", "pending")


def test_no_link_for_someone_who_can_sign_in(client, org_admin, member):
    client.force_login(org_admin.user)
    page = client.get(reverse("accounts:members")).content.decode()
    assert reverse("accounts:member_access_link", args=[member.pk]) not in page
    response = client.post(reverse("accounts:member_access_link", args=[member.pk]), follow=True)
    assert "can already sign in" in response.content.decode()
    assert not mail.outbox
    assert not Invitation.objects.exists()


def test_the_invitation_form_points_an_imported_member_to_the_access_link(
    client, org_admin, applied_import
):
    client.force_login(org_admin.user)
    response = client.post(
        reverse("accounts:invitations"), {"email": "ana@example.com", "role": "member"}
    )
    assert "send them an access link" in response.content.decode()


def test_someone_imported_elsewhere_can_accept_an_invitation(client, org_admin):
    elsewhere = make_organisation(name="Globex")
    imported = make_member(elsewhere, email="dee@example.com", password=None)
    assert not imported.user.has_usable_password()
    invitation = Invitation.objects.create(
        organisation=org_admin.organisation, email="dee@example.com", role="member"
    )
    path = reverse("accounts:accept_invitation", args=[invitation.token])
    response = _set_password(client, path)
    assert response.url == reverse("home:home")
    assert Membership.objects.filter(
        user=imported.user, organisation=org_admin.organisation
    ).exists()
    assert User.objects.get(email="dee@example.com").check_password("a-long-new-secret-42")


def test_only_org_admins_send_access_links(client, coordinator, applied_import):
    ana = _imported("ana@example.com")
    client.force_login(coordinator.user)
    assert client.post(reverse("accounts:member_access_link", args=[ana.pk])).status_code == 403
    url = reverse("hr_import:send_access_links", args=[applied_import.pk])
    assert client.post(url).status_code == 403
    assert not mail.outbox


def test_an_admin_of_another_organisation_cannot_send_them(client, outsider, applied_import):
    ana = _imported("ana@example.com")
    client.force_login(outsider.user)
    assert client.post(reverse("accounts:member_access_link", args=[ana.pk])).status_code == 404


def test_a_link_is_not_needed_once_a_password_was_chosen_otherwise(
    client, org_admin, applied_import, django_capture_on_commit_callbacks
):
    ana = _imported("ana@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        send_access_links(
            organisation=org_admin.organisation, memberships=[ana], actor=org_admin.user
        )
    ana.user.set_password("chosen-through-reset-12")
    ana.user.save()
    response = client.get(_link(mail.outbox[0]), follow=True)
    assert "Your account already has a password: sign in with it." in response.content.decode()
    assert User.objects.get(email="ana@example.com").check_password("chosen-through-reset-12")
