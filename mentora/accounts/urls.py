from django.urls import path

from mentora.accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("language/", views.set_language, name="set_language"),
    path("organisation/switch/", views.switch_organisation, name="switch_organisation"),
    path("organisation/members/", views.member_list, name="members"),
    path("organisation/members/<id:pk>/role/", views.change_member_role, name="member_role"),
    path("organisation/invitations/", views.invitation_list, name="invitations"),
    path(
        "organisation/invitations/<id:pk>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("organisation/audit/", views.audit_log, name="audit_log"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
