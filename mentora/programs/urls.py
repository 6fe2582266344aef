from django.urls import path

from mentora.programs import enrolment_views, views

app_name = "programs"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("new/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/about/", views.programme_public, name="public"),
    path("<int:pk>/edit/", views.programme_edit, name="edit"),
    path("<int:pk>/status/", views.programme_status, name="status"),
    path("<int:pk>/objectives/new/", views.objective_create, name="objective_create"),
    path(
        "<int:pk>/objectives/<int:objective_pk>/edit/",
        views.objective_edit,
        name="objective_edit",
    ),
    path(
        "<int:pk>/objectives/<int:objective_pk>/delete/",
        views.objective_delete,
        name="objective_delete",
    ),
    path("<int:pk>/apply/", enrolment_views.apply, name="apply"),
    path("<int:pk>/application/", enrolment_views.my_application, name="my_application"),
    path("<int:pk>/application/withdraw/", enrolment_views.withdraw, name="withdraw"),
    path("<int:pk>/questions/", enrolment_views.question_list, name="questions"),
    path(
        "<int:pk>/questions/<int:question_pk>/edit/",
        enrolment_views.question_edit,
        name="question_edit",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/delete/",
        enrolment_views.question_delete,
        name="question_delete",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/move/",
        enrolment_views.question_move,
        name="question_move",
    ),
    path("<int:pk>/applications/", enrolment_views.application_list, name="applications"),
    path(
        "<int:pk>/applications/export/",
        enrolment_views.application_export,
        name="applications_export",
    ),
    path(
        "<int:pk>/applications/<int:application_pk>/",
        enrolment_views.application_detail,
        name="application_detail",
    ),
    path(
        "<int:pk>/invitations/",
        enrolment_views.enrolment_invitations,
        name="enrolment_invitations",
    ),
]
