from django.urls import path

from mentora.mentorships import views

app_name = "mentorships"

urlpatterns = [
    path("", views.my_mentorships, name="mine"),
    path("alumni/", views.alumni_directory, name="alumni"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    # Coordinators: a programme's relationships (metadata only) and its concerns.
    path("programme/<int:programme_pk>/", views.programme_mentorships, name="programme"),
    path("programme/<int:programme_pk>/new/", views.mentorship_create, name="create"),
    path(
        "programme/<int:programme_pk>/agreement-template/",
        views.agreement_template,
        name="agreement_template",
    ),
    path("programme/<int:programme_pk>/concerns/", views.programme_concerns, name="concerns"),
    path("concerns/<int:pk>/", views.concern_detail, name="concern_detail"),
    # Members: one relationship.
    path("<int:pk>/", views.mentorship_detail, name="detail"),
    path("<int:pk>/agreement/", views.agreement_detail, name="agreement"),
    path("<int:pk>/agreement/edit/", views.agreement_edit, name="agreement_edit"),
    path("<int:pk>/agreement/sign/", views.agreement_sign, name="agreement_sign"),
    path("<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("<int:pk>/goals/<int:goal_pk>/", views.goal_detail, name="goal_detail"),
    path("<int:pk>/goals/<int:goal_pk>/edit/", views.goal_edit, name="goal_edit"),
    path("<int:pk>/goals/<int:goal_pk>/progress/", views.goal_progress, name="goal_progress"),
    path("<int:pk>/goals/<int:goal_pk>/actions/", views.action_create, name="action_create"),
    path("<int:pk>/actions/<int:action_pk>/toggle/", views.action_toggle, name="action_toggle"),
    path("<int:pk>/meetings/", views.meeting_list, name="meetings"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting_detail"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/reschedule/",
        views.meeting_reschedule,
        name="meeting_reschedule",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/status/",
        views.meeting_status,
        name="meeting_status",
    ),
    path("<int:pk>/meetings/<int:meeting_pk>/meeting.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/meetings/<int:meeting_pk>/notes/", views.meeting_note_add, name="meeting_note"),
    path(
        "<int:pk>/shared-notes/<int:note_pk>/delete/",
        views.meeting_note_delete,
        name="meeting_note_delete",
    ),
    path("<int:pk>/series/<int:series_pk>/series.ics", views.series_ics, name="series_ics"),
    path("<int:pk>/private-notes/", views.private_notes, name="private_notes"),
    path("<int:pk>/private-notes/<int:note_pk>/", views.private_note, name="private_note"),
    path(
        "<int:pk>/private-notes/<int:note_pk>/delete/",
        views.private_note_delete,
        name="private_note_delete",
    ),
    path("<int:pk>/journal/", views.journal, name="journal"),
    path("<int:pk>/journal/<int:entry_pk>/", views.journal_entry, name="journal_entry"),
    path("<int:pk>/concern/", views.concern_create, name="concern_create"),
    path("<int:pk>/leave/", views.mentorship_leave, name="leave"),
    path("<int:pk>/closure/", views.closure, name="closure"),
    path("<int:pk>/closure/propose/", views.closure_propose, name="closure_propose"),
    path("<int:pk>/closure/summary/", views.closure_summary, name="closure_summary"),
    path("<int:pk>/closure/recognition/", views.closure_recognition, name="closure_recognition"),
    path("<int:pk>/closure/close/", views.closure_close, name="close"),
    path("<int:pk>/certificate.pdf", views.certificate, name="certificate"),
]
