"""Routes of the programme dashboard. It reads as a page of its programme,
/programmes/<id>/dashboard/, so mentora/urls.py mounts it under "programmes/", in a
namespace of its own ("analytics" is mounted under /analytics/)."""

from django.urls import path

from mentora.analytics import dashboard_views

app_name = "dashboard"

urlpatterns = [
    path("<id:pk>/dashboard/", dashboard_views.programme_dashboard, name="programme"),
    path("<id:pk>/dashboard.csv", dashboard_views.programme_dashboard_csv, name="csv"),
    path("<id:pk>/dashboard.xlsx", dashboard_views.programme_dashboard_xlsx, name="xlsx"),
]
