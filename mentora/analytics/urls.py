"""Routes of the analytics pages."""

from django.urls import path

from mentora.analytics import health_views

app_name = "analytics"

urlpatterns = [
    # Coordinators: the relationships at risk of a programme, its threshold, its export.
    path("programme/<id:pk>/at-risk/", health_views.at_risk, name="at_risk"),
    path(
        "programme/<id:pk>/at-risk/threshold/",
        health_views.at_risk_threshold_save,
        name="at_risk_threshold",
    ),
    path("programme/<id:pk>/at-risk.csv", health_views.at_risk_export, name="at_risk_csv"),
]
