from django.urls import path

from mentora.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("sessions/<id:meeting_pk>/", views.session_feedback, name="session"),
    path("pulses/<id:pk>/", views.pulse, name="pulse"),
    # Coordinators: a programme's results and its pulse cadence.
    path("programme/<id:pk>/", views.programme_results, name="programme"),
    path("programme/<id:pk>/settings/", views.programme_settings, name="settings"),
]
