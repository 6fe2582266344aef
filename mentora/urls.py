from django.contrib import admin
from django.urls import include, path, register_converter

from mentora.api.api import api
from mentora.core.converters import IdConverter

register_converter(IdConverter, "id")

urlpatterns = [
    path("", include("mentora.home.urls")),
    path("", include("mentora.accounts.urls")),
    path("organisation/import/", include("mentora.hr_import.urls")),
    # A programme's dashboard, before the programmes' own pages.
    path("programmes/", include("mentora.analytics.dashboard_urls")),
    path("programmes/", include("mentora.programs.urls")),
    path("programmes/", include("mentora.enrolment.urls")),
    path("mentorships/", include("mentora.mentorships.urls")),
    path("profile/", include("mentora.profiles.urls")),
    path("learning/", include("mentora.learning.urls")),
    path("matching/", include("mentora.matching.urls")),
    path("feedback/", include("mentora.feedback.urls")),
    path("analytics/", include("mentora.analytics.urls")),
    path("api/v1/", api.urls),
    path("me/api-tokens/", include("mentora.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
