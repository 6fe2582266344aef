"""Expected answers of the accounts routes, per role (see DESIGN.md, People and roles)."""

from __future__ import annotations

from tests.permissions.spec import Route, everyone, only


def _with_logo(world) -> list:
    """Give Acme a logo (the route takes no argument)."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (15, 118, 110)).save(buffer, "PNG")
    world.organisation.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    return []


ROUTES = [
    Route("accounts:profile", expect=everyone(200, anonymous=302)),
    Route(
        "accounts:set_language",
        method="post",
        data=lambda w: {"language": "fr", "next": "/"},
        expect=everyone(302),
    ),
    Route(
        "accounts:switch_organisation",
        method="post",
        data=lambda w: {"organisation": str(w.organisation.pk)},
        # Only people of Acme can switch to Acme.
        expect=everyone(302, outsider=404),
    ),
    # The outsider is admin of their own organisation, so they see its people (not Acme's).
    Route("accounts:members", expect=only(200, "org_admin", "outsider")),
    Route(
        "accounts:member_role",
        args=lambda w: [w.people["member"].pk],
        method="post",
        data=lambda w: {"role": "coordinator"},
        expect=only(302, "org_admin", outsider=404),
    ),
    Route("accounts:invitations", expect=only(200, "org_admin", "outsider")),
    Route(
        "accounts:revoke_invitation",
        args=lambda w: [w.invitation.pk],
        method="post",
        expect=only(302, "org_admin", outsider=404),
    ),
    Route("accounts:audit_log", expect=only(200, "org_admin", "outsider")),
    Route("accounts:audit_log_export", expect=only(200, "org_admin", "outsider")),
    # Each org admin sets their own organisation (the outsider's is Globex).
    Route("accounts:organisation_settings", expect=only(200, "org_admin", "outsider")),
    Route(
        "accounts:organisation_settings",
        label="post",
        method="post",
        data=lambda w: {"name": "Renamed", "default_language": "en", "email_sender_name": ""},
        expect=only(302, "org_admin", "outsider"),
    ),
    # Every member sees the logo of the organisation they work in; Globex has none.
    Route(
        "accounts:organisation_logo",
        args=lambda w: _with_logo(w),
        expect=everyone(200, anonymous=302, outsider=404),
    ),
    Route(
        "accounts:member_access_link",
        args=lambda w: [w.people["member"].pk],
        method="post",
        expect=only(302, "org_admin", outsider=404),
    ),
    # An invitation link works for whoever holds it; a signed-in person is asked to sign in
    # with the invited address (403 page) since the link is not theirs.
    Route(
        "accounts:accept_invitation",
        args=lambda w: [w.invitation.token],
        expect=everyone(403, anonymous=200),
    ),
    # allauth's pages are excluded from the completeness check; these two are checked anyway
    # because every journey starts there.
    Route("account_login", expect=everyone(302, anonymous=200)),
    Route("account_reset_password", expect=everyone(200)),
]
