"""Admin shows relationships as metadata only.

Private notes, journal entries, shared notes and concerns are deliberately not registered:
their content is confidential (DESIGN.md) and must not leak through the admin.
"""

from django.contrib import admin

from mentora.mentorships.models import Meeting, Mentorship, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    fields = ["membership", "role", "joined_at", "left_at", "exit_reason"]
    readonly_fields = ["joined_at"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["pk", "programme", "stage", "created_at", "closed_at"]
    list_filter = ["stage", "programme__organisation"]
    fields = ["programme", "stage", "end_reason", "created_at", "closed_at"]
    readonly_fields = ["created_at", "closed_at"]
    inlines = [ParticipantInline]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["pk", "mentorship", "starts_at", "status"]
    list_filter = ["status"]
    fields = ["mentorship", "starts_at", "time_zone", "duration_minutes", "status"]
