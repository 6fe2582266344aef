from django.urls import path

from mentora.enrolment import views

app_name = "enrolment"

urlpatterns = [
    path("<id:pk>/apply/", views.apply, name="apply"),
    path("<id:pk>/application/", views.my_application, name="my_application"),
    path("<id:pk>/application/withdraw/", views.withdraw, name="withdraw"),
    path("<id:pk>/questions/", views.question_list, name="questions"),
    path(
        "<id:pk>/questions/<id:question_pk>/edit/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "<id:pk>/questions/<id:question_pk>/delete/",
        views.question_delete,
        name="question_delete",
    ),
    path(
        "<id:pk>/questions/<id:question_pk>/move/",
        views.question_move,
        name="question_move",
    ),
    path("<id:pk>/applications/", views.application_list, name="applications"),
    path(
        "<id:pk>/applications/export/",
        views.application_export,
        name="applications_export",
    ),
    path(
        "<id:pk>/applications/<id:application_pk>/",
        views.application_detail,
        name="application_detail",
    ),
    path(
        "<id:pk>/invitations/",
        views.enrolment_invitations,
        name="enrolment_invitations",
    ),
]
