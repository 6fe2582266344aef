from django.urls import path

from mentora.feedback import survey_views, views

app_name = "feedback"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("sessions/<id:meeting_pk>/", views.session_feedback, name="session"),
    path("pulses/<id:pk>/", views.pulse, name="pulse"),
    path("surveys/<id:pk>/", survey_views.answer, name="survey"),
    # Coordinators: a programme's results and its pulse cadence.
    path("programme/<id:pk>/", views.programme_results, name="programme"),
    path("programme/<id:pk>/settings/", views.programme_settings, name="settings"),
    path("programme/<id:pk>/surveys/", survey_views.programme_surveys, name="surveys"),
    path("manage/surveys/<id:pk>/", survey_views.survey_manage, name="survey_manage"),
    path("manage/surveys/<id:pk>/open/", survey_views.survey_open, name="survey_open"),
    path(
        "manage/surveys/<id:pk>/unschedule/",
        survey_views.survey_unschedule,
        name="survey_unschedule",
    ),
    path("manage/surveys/<id:pk>/remind/", survey_views.survey_remind, name="survey_remind"),
    path("manage/surveys/<id:pk>/close/", survey_views.survey_close, name="survey_close"),
    path("manage/surveys/<id:pk>/questions/", survey_views.question_edit, name="question_add"),
    path(
        "manage/surveys/<id:pk>/questions/<id:question_pk>/",
        survey_views.question_edit,
        name="question_edit",
    ),
    path(
        "manage/surveys/<id:pk>/questions/<id:question_pk>/delete/",
        survey_views.question_delete,
        name="question_delete",
    ),
    path(
        "manage/surveys/<id:pk>/questions/<id:question_pk>/up/",
        survey_views.question_move,
        {"direction": "up"},
        name="question_up",
    ),
    path(
        "manage/surveys/<id:pk>/questions/<id:question_pk>/down/",
        survey_views.question_move,
        {"direction": "down"},
        name="question_down",
    ),
]
