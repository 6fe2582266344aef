"""Meetings and series of a relationship, their outcome, and calendars (.ics and feeds)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.mentorships import ics, policy, selectors
from mentora.mentorships.errors import MentorshipError
from mentora.mentorships.forms import MeetingForm, NewMeetingForm, NoteForm
from mentora.mentorships.models import Meeting, MeetingStatus, Mentorship, Participant, Stage
from mentora.mentorships.services.meetings import (
    cancel_meeting,
    ensure_calendar_feed,
    record_meeting_outcome,
    reschedule_meeting,
    reset_calendar_feed,
    schedule_meeting,
    schedule_series,
)
from mentora.mentorships.views.common import (
    ICS_TYPE,
    base_context,
    closed_guard,
    open_relationship_of,
    relationship_of,
    show_refusal,
)


@member_required
def meeting_list(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    upcoming, past = selectors.meeting_timeline(mentorship)
    return render(
        request,
        "mentorships/meetings.html",
        base_context(
            mentorship,
            me,
            upcoming=upcoming,
            past=past,
            series=selectors.meeting_series(mentorship),
        ),
    )


@member_required
@closed_guard
def meeting_create(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    programme = mentorship.programme
    form = NewMeetingForm(
        request.POST or None,
        initial={
            "time_zone": selectors.default_time_zone(request.membership),
            "duration_minutes": programme.session_minutes,
            "until": programme.ends_on,
            "time": "12:30",
            "is_closing": mentorship.stage == Stage.CLOSURE,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        common = {
            "mentorship": mentorship,
            "time_zone": data["time_zone"],
            "duration_minutes": data["duration_minutes"],
            "location": data["location"],
            "video_url": data["video_url"],
            "agenda": data["agenda"],
            "actor": request.user,
        }
        try:
            if data["repeats"]:
                series = schedule_series(
                    first_starts_at=form.starts_at(),
                    frequency=data["repeats"],
                    until=data["until"],
                    **common,
                )
                count = selectors.series_size(series)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s meeting was planned.", "%(count)s meetings were planned.", count
                    )
                    % {"count": count},
                )
                return redirect("mentorships:meetings", pk)
            meeting = schedule_meeting(
                starts_at=form.starts_at(), is_closing=data["is_closing"], **common
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The meeting was planned."))
            return redirect(meeting)
    return render(
        request,
        "mentorships/meeting_form.html",
        base_context(mentorship, me, form=form, meeting=None),
    )


@member_required
def meeting_detail(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    return meeting_page(request, mentorship, me, meeting)


def meeting_page(
    request: MemberRequest,
    mentorship: Mentorship,
    me: Participant,
    meeting: Meeting,
    *,
    note_form: NoteForm | None = None,
) -> HttpResponse:
    """The meeting's page; a refused note comes back bound, with its error and its text."""
    return render(
        request,
        "mentorships/meeting_detail.html",
        base_context(
            mentorship,
            me,
            meeting=meeting,
            shared_notes=selectors.shared_notes(meeting),
            # Private notes: the viewer's own, never anyone else's.
            private_notes=selectors.own_meeting_private_notes(request.membership, meeting),
            note_form=note_form or NoteForm(),
        ),
    )


@member_required
@closed_guard
def meeting_reschedule(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    local = meeting.local_start
    form = MeetingForm(
        request.POST or None,
        initial={
            "date": local.date(),
            "time": local.time(),
            "time_zone": meeting.time_zone,
            "duration_minutes": meeting.duration_minutes,
            "location": meeting.location,
            "video_url": meeting.video_url,
            "agenda": meeting.agenda,
            "is_closing": meeting.is_closing,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reschedule_meeting(
                meeting=meeting,
                actor=request.user,
                starts_at=form.starts_at(),
                time_zone=data["time_zone"],
                duration_minutes=data["duration_minutes"],
                location=data["location"],
                video_url=data["video_url"],
                agenda=data["agenda"],
                is_closing=data["is_closing"],
            )
        except MentorshipError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The meeting was updated."))
            return redirect(meeting)
    return render(
        request,
        "mentorships/meeting_form.html",
        base_context(mentorship, me, form=form, meeting=meeting),
    )


@member_required
@require_POST
@closed_guard
def meeting_status(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = open_relationship_of(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    status = request.POST.get("status", "")
    try:
        if status == MeetingStatus.CANCELLED:
            cancel_meeting(meeting=meeting, actor=request.user)
        else:
            record_meeting_outcome(meeting=meeting, actor=request.user, status=status)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The meeting is marked %(status)s.")
            % {"status": meeting.get_status_display().lower()},
        )
    return redirect(meeting)


@member_required
def meeting_ics(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    body = ics.meeting_calendar(
        meeting, viewer_id=request.membership.pk, base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@member_required
def series_ics(request: MemberRequest, pk: int, series_pk: int) -> HttpResponse:
    mentorship, me = relationship_of(request, pk)
    series = policy.get_series(mentorship, series_pk)
    body = ics.series_calendar(
        series, viewer_id=request.membership.pk, base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meetings-{series.pk}.ics"'
    return response


@member_required
def calendar_settings(request: MemberRequest) -> HttpResponse:
    feed = ensure_calendar_feed(membership=request.membership)
    return render(
        request,
        "mentorships/calendar.html",
        {"feed_url": request.build_absolute_uri(feed.get_absolute_url())},
    )


@member_required
@require_POST
def calendar_reset(request: MemberRequest) -> HttpResponse:
    reset_calendar_feed(membership=request.membership)
    messages.success(
        request, _("Your calendar address was replaced. The previous one no longer works.")
    )
    return redirect("mentorships:calendar")


def calendar_feed(request: MemberRequest, token: str) -> HttpResponse:
    """A member's meetings for calendar subscriptions: the secret token is the credential."""
    feed = policy.get_calendar_feed(token)
    body = ics.feed_calendar(
        selectors.feed_mentorships(feed.membership),
        viewer_id=feed.membership_id,
        base_url=request.build_absolute_uri("/")[:-1],
    )
    return HttpResponse(body, content_type=ICS_TYPE)
