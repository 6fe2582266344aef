from django.urls import path

from mentora.programs import enrolment_views, views

app_name = "programs"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<id:pk>/", views.programme_detail, name="detail"),
    path("<id:pk>/about/", views.programme_public, name="public"),
    path("<id:pk>/edit/", views.programme_edit, name="edit"),
    path("<id:pk>/status/", views.programme_status, name="status"),
    path("<id:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path(
        "<id:pk>/objectives/<id:objective_pk>/edit/",
        views.objective_edit,
        name="objective_edit",
    ),
    path(
        "<id:pk>/objectives/<id:objective_pk>/delete/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("<id:pk>/apply/", enrolment_views.apply, name="apply"),
    path("<id:pk>/application/", enrolment_views.my_application, name="my_application"),
    path("<id:pk>/application/withdraw/", enrolment_views.withdraw, name="withdraw"),
    path("<id:pk>/questions/", enrolment_views.question_list, name="questions"),
    path(
        "<id:pk>/questions/<id:question_pk>/edit/",
        enrolment_views.question_edit,
        name="question_edit",
    ),
    path(
        "<id:pk>/questions/<id:question_pk>/delete/",
        enrolment_views.question_delete,
        name="question_delete",
    ),
    path(
        "<id:pk>/questions/<id:question_pk>/move/",
        enrolment_views.question_move,
        name="question_move",
    ),
    path("<id:pk>/applications/", enrolment_views.application_list, name="applications"),
    path(
        "<id:pk>/applications/export/",
        enrolment_views.application_export,
        name="applications_export",
    ),
    path(
        "<id:pk>/applications/<id:application_pk>/",
        enrolment_views.application_detail,
        name="application_detail",
    ),
    path(
        "<id:pk>/invitations/",
        enrolment_views.enrolment_invitations,
        name="enrolment_invitations",
    ),
]
