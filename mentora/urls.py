from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("mentora.core.urls")),
    path("", include("mentora.accounts.urls")),
    path("programmes/", include("mentora.programs.urls")),
    path("mentorships/", include("mentora.mentorships.urls")),
    path("profile/", include("mentora.programs.profile_urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
