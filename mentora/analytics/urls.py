"""Routes of the analytics pages."""

from django.urls import path

from mentora.analytics import health_views, overview_views, retrospective_views

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

# Org admins: every programme of the organisation side by side, participation across it.
urlpatterns += [path("overview/", overview_views.overview, name="overview")]

# Coordinators write the lessons learned; they and the sponsors download the report at closing.
urlpatterns += [
    path(
        "programme/<id:pk>/retrospective/",
        retrospective_views.retrospective,
        name="retrospective",
    ),
    path(
        "programme/<id:pk>/retrospective.pdf",
        retrospective_views.retrospective_pdf,
        name="retrospective_pdf",
    ),
]
