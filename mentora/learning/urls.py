from django.urls import path

from mentora.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.module_list, name="home"),
    path("modules/new/", views.module_create, name="module_create"),
    path("modules/<id:pk>/", views.module_detail, name="module_detail"),
    path("modules/<id:pk>/edit/", views.module_edit, name="module_edit"),
    path("modules/<id:pk>/delete/", views.module_delete, name="module_delete"),
    path("modules/<id:pk>/publish/", views.module_publish, name="module_publish"),
    path("modules/<id:pk>/steps/new/", views.step_create, name="step_create"),
    path("modules/<id:pk>/steps/<id:step_pk>/", views.step_detail, name="step_detail"),
    path(
        "modules/<id:pk>/steps/<id:step_pk>/complete/",
        views.step_complete,
        name="step_complete",
    ),
    path("modules/<id:pk>/steps/<id:step_pk>/edit/", views.step_edit, name="step_edit"),
    path("modules/<id:pk>/steps/<id:step_pk>/delete/", views.step_delete, name="step_delete"),
    path("modules/<id:pk>/steps/<id:step_pk>/move/", views.step_move, name="step_move"),
    path("library/", views.resource_list, name="resources"),
    path("library/new/", views.resource_create, name="resource_create"),
    path("library/<id:pk>/", views.resource_detail, name="resource_detail"),
    path("library/<id:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("library/<id:pk>/delete/", views.resource_delete, name="resource_delete"),
    path("library/<id:pk>/download/", views.resource_download, name="resource_download"),
]
