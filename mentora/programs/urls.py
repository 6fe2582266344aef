from django.urls import path

from mentora.programs import views

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
]
