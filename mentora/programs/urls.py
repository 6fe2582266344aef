from django.urls import path

from mentora.programs import views

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
]
