from django.urls import path

from mentora.api import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.token_list, name="list"),
    path("<id:pk>/revoke/", views.token_revoke, name="revoke"),
]
