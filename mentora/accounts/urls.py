from django.urls import path

from mentora.accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path("organisation/switch/", views.switch_organisation, name="switch_organisation"),
    path("organisation/members/", views.member_list, name="members"),
    path("organisation/members/<id:pk>/role/", views.change_member_role, name="member_role"),
    path(
        "organisation/members/<id:pk>/access-link/",
        views.send_member_access_link,
        name="member_access_link",
    ),
    path("organisation/invitations/", views.invitation_list, name="invitations"),
    path(
        "organisation/invitations/<id:pk>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("organisation/settings/", views.organisation_settings, name="organisation_settings"),
    path("organisation/logo/", views.organisation_logo, name="organisation_logo"),
    path("organisation/audit/", views.audit_log, name="audit_log"),
    path("organisation/audit/export.csv", views.audit_log_export, name="audit_log_export"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
