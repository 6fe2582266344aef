"""Routes of mentoring relationships, to the view modules of each topic."""

from django.urls import path

from mentora.mentorships.views import (
    agreement,
    closure,
    concerns,
    goals,
    meetings,
    notes,
    relationships,
)

app_name = "mentorships"

urlpatterns = [
    path("", relationships.my_mentorships, name="mine"),
    path("alumni/", relationships.alumni_directory, name="alumni"),
    path("calendar/", meetings.calendar_settings, name="calendar"),
    path("calendar/reset/", meetings.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", meetings.calendar_feed, name="calendar_feed"),
    # Coordinators: a programme's relationships (metadata only) and its concerns.
    path("programme/<id:programme_pk>/", relationships.programme_mentorships, name="programme"),
    path("programme/<id:programme_pk>/new/", relationships.mentorship_create, name="create"),
    path(
        "programme/<id:programme_pk>/agreement-template/",
        agreement.agreement_template,
        name="agreement_template",
    ),
    path("programme/<id:programme_pk>/concerns/", concerns.programme_concerns, name="concerns"),
    path("concerns/<id:pk>/", concerns.concern_detail, name="concern_detail"),
    # Members: one relationship.
    path("<id:pk>/", relationships.mentorship_detail, name="detail"),
    path("<id:pk>/agreement/", agreement.agreement_detail, name="agreement"),
    path("<id:pk>/agreement/edit/", agreement.agreement_edit, name="agreement_edit"),
    path("<id:pk>/agreement/sign/", agreement.agreement_sign, name="agreement_sign"),
    path("<id:pk>/goals/new/", goals.goal_create, name="goal_create"),
    path("<id:pk>/goals/<id:goal_pk>/", goals.goal_detail, name="goal_detail"),
    path("<id:pk>/goals/<id:goal_pk>/edit/", goals.goal_edit, name="goal_edit"),
    path("<id:pk>/goals/<id:goal_pk>/progress/", goals.goal_progress, name="goal_progress"),
    path("<id:pk>/goals/<id:goal_pk>/actions/", goals.action_create, name="action_create"),
    path("<id:pk>/actions/<id:action_pk>/toggle/", goals.action_toggle, name="action_toggle"),
    path("<id:pk>/meetings/", meetings.meeting_list, name="meetings"),
    path("<id:pk>/meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("<id:pk>/meetings/<id:meeting_pk>/", meetings.meeting_detail, name="meeting_detail"),
    path(
        "<id:pk>/meetings/<id:meeting_pk>/reschedule/",
        meetings.meeting_reschedule,
        name="meeting_reschedule",
    ),
    path(
        "<id:pk>/meetings/<id:meeting_pk>/status/",
        meetings.meeting_status,
        name="meeting_status",
    ),
    path("<id:pk>/meetings/<id:meeting_pk>/meeting.ics", meetings.meeting_ics, name="meeting_ics"),
    path("<id:pk>/meetings/<id:meeting_pk>/notes/", notes.meeting_note_add, name="meeting_note"),
    path("<id:pk>/shared-notes/<id:note_pk>/", notes.meeting_note_edit, name="meeting_note_edit"),
    path(
        "<id:pk>/shared-notes/<id:note_pk>/delete/",
        notes.meeting_note_delete,
        name="meeting_note_delete",
    ),
    path("<id:pk>/series/<id:series_pk>/series.ics", meetings.series_ics, name="series_ics"),
    path("<id:pk>/private-notes/", notes.private_notes, name="private_notes"),
    path("<id:pk>/private-notes/<id:note_pk>/", notes.private_note, name="private_note"),
    path(
        "<id:pk>/private-notes/<id:note_pk>/delete/",
        notes.private_note_delete,
        name="private_note_delete",
    ),
    path("<id:pk>/journal/", notes.journal, name="journal"),
    path("<id:pk>/journal/<id:entry_pk>/", notes.journal_entry, name="journal_entry"),
    path("<id:pk>/concern/", concerns.concern_create, name="concern_create"),
    path("<id:pk>/leave/", closure.mentorship_leave, name="leave"),
    path("<id:pk>/closure/", closure.closure, name="closure"),
    path("<id:pk>/closure/propose/", closure.closure_propose, name="closure_propose"),
    path("<id:pk>/closure/summary/", closure.closure_summary, name="closure_summary"),
    path("<id:pk>/closure/recognition/", closure.closure_recognition, name="closure_recognition"),
    path("<id:pk>/closure/close/", closure.closure_close, name="close"),
    path("<id:pk>/certificate.pdf", closure.certificate, name="certificate"),
]
