from django.urls import path

from mentora.hr_import import views

app_name = "hr_import"

urlpatterns = [
    path("", views.import_list, name="list"),
    path(
        "template.csv",
        views.import_template,
        name="template",
    ),
    path("<id:pk>/", views.import_detail, name="detail"),
    path(
        "<id:pk>/apply/",
        views.import_apply,
        name="apply",
    ),
    path("<id:pk>/access-links/", views.send_access_links, name="send_access_links"),
]
