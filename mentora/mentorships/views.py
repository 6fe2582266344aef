from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mentora.accounts.decorators import member_required
from mentora.accounts.http import MemberRequest
from mentora.accounts.models import still_here
from mentora.mentorships import ics, policy, selectors, services
from mentora.mentorships.content import goal_templates
from mentora.mentorships.forms import (
    ActionItemForm,
    AgreementForm,
    AgreementTemplateForm,
    ConcernForm,
    ExitForm,
    GoalForm,
    GoalProgressForm,
    JournalEntryForm,
    MeetingForm,
    MentorshipForm,
    NewMeetingForm,
    NoteForm,
    RecognitionForm,
    ResolveConcernForm,
    SummaryForm,
)
from mentora.mentorships.models import (
    AgreementTemplate,
    CalendarFeed,
    Concern,
    ConcernStatus,
    EndReason,
    GoalStatus,
    JournalEntry,
    MeetingStatus,
    Mentorship,
    Participant,
    PrivateNote,
    Stage,
)
from mentora.mentorships.services import MentorshipError
from mentora.profiles.models import Profile
from mentora.programs.models import Kind, ParticipantRole

ICS_TYPE = "text/calendar; charset=utf-8"


def _member(request: MemberRequest, pk: int) -> tuple[Mentorship, Participant]:
    return policy.get_mentorship_for_member(request.membership, pk)


def _writable(request: MemberRequest, pk: int) -> tuple[Mentorship, Participant]:
    mentorship, participant = _member(request, pk)
    if not policy.can_change(mentorship):
        messages.error(request, _("This relationship is closed: it can no longer be changed."))
        raise _Closed(mentorship)
    return mentorship, participant


class _Closed(Exception):
    def __init__(self, mentorship: Mentorship) -> None:
        self.mentorship = mentorship


def _closed_guard(view):
    """Turn a change attempted on a closed relationship into a message and a redirect."""
    from functools import wraps

    @wraps(view)
    def wrapper(request: MemberRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _Closed as closed:
            return redirect(closed.mentorship)

    return wrapper


def _base_context(mentorship: Mentorship, participant: Participant, **extra) -> dict:
    return {
        "mentorship": mentorship,
        "me": participant,
        "programme": mentorship.programme,
        "people": list(selectors.active_participants(mentorship)),
        "can_change": policy.can_change(mentorship),
        **extra,
    }


def _default_time_zone(membership) -> str:
    zone = Profile.objects.filter(membership=membership).values_list("time_zone", flat=True).first()
    return zone or settings.TIME_ZONE


# Lists ---------------------------------------------------------------------------------------


@member_required
def my_mentorships(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "mentorships/mine.html",
        {"rows": selectors.my_mentorships(request.membership)},
    )


@member_required
def alumni_directory(request: MemberRequest) -> HttpResponse:
    """Alumni of the organisation's programmes who chose to stay connected."""
    alumni = (
        Participant.objects.filter(
            alumni_opt_in=True,
            left_at__isnull=True,
            mentorship__stage=Stage.CLOSED,
            mentorship__end_reason=EndReason.COMPLETED,
            membership__organisation=request.organisation,
        )
        .filter(still_here("membership__"))
        .select_related("membership__user", "membership__department", "mentorship__programme")
        .order_by("membership__user__last_name", "membership__user__first_name")
    )
    return render(request, "mentorships/alumni.html", {"alumni": alumni})


# Calendar ------------------------------------------------------------------------------------


@member_required
def calendar_settings(request: MemberRequest) -> HttpResponse:
    feed = services.ensure_calendar_feed(membership=request.membership)
    return render(
        request,
        "mentorships/calendar.html",
        {"feed_url": request.build_absolute_uri(feed.get_absolute_url())},
    )


@member_required
@require_POST
def calendar_reset(request: MemberRequest) -> HttpResponse:
    services.reset_calendar_feed(membership=request.membership)
    messages.success(
        request, _("Your calendar address was replaced. The previous one no longer works.")
    )
    return redirect("mentorships:calendar")


def calendar_feed(request: MemberRequest, token: str) -> HttpResponse:
    """A member's meetings for calendar subscriptions: the secret token is the credential."""
    feed = (
        CalendarFeed.objects.filter(still_here("membership__"), token=token)
        .select_related("membership__user")
        .first()
    )
    if feed is None or not feed.membership.user.is_active:
        raise Http404
    mentorships = Mentorship.objects.of_member(feed.membership).prefetch_related(
        "meetings",
        "series",
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("membership__user"),
        ),
        "programme",
    )
    body = ics.feed_calendar(
        mentorships, viewer_id=feed.membership_id, base_url=request.build_absolute_uri("/")[:-1]
    )
    return HttpResponse(body, content_type=ICS_TYPE)


# Coordinators --------------------------------------------------------------------------------


@member_required
def programme_mentorships(request: MemberRequest, programme_pk: int) -> HttpResponse:
    """A programme's relationships as metadata: no notes, journal or agreement text."""
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    rows = selectors.programme_overview(programme)
    open_concerns = Concern.objects.filter(
        mentorship__programme=programme, status=ConcernStatus.OPEN
    ).count()
    return render(
        request,
        "mentorships/programme.html",
        {
            "programme": programme,
            "rows": rows,
            "open_concerns": open_concerns,
            "goal_statuses": GoalStatus.choices,
        },
    )


@member_required
def mentorship_create(request: MemberRequest, programme_pk: int) -> HttpResponse:
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    form = MentorshipForm(
        request.POST or None, programme=programme, members=services.eligible_members(programme)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.create_mentorship(
                programme=programme,
                mentors=form.cleaned_data.get("mentors") or [],
                mentees=form.cleaned_data.get("mentees") or [],
                peers=form.cleaned_data.get("peers") or [],
                created_by=request.user,
            )
        except MentorshipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The relationship was created. Its members can start."))
            return redirect("mentorships:programme", programme.pk)
    return render(request, "mentorships/create.html", {"programme": programme, "form": form})


@member_required
def agreement_template(request: MemberRequest, programme_pk: int) -> HttpResponse:
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    template = AgreementTemplate.objects.filter(programme=programme).first()
    if template is None:
        from mentora.mentorships.content import default_agreement

        form = AgreementTemplateForm(request.POST or None, initial=default_agreement(programme))
    else:
        form = AgreementTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        services.save_agreement_template(
            programme=programme, actor=request.user, fields=form.cleaned_data
        )
        messages.success(request, _("New relationships will start from this agreement."))
        return redirect("mentorships:programme", programme.pk)
    return render(
        request, "mentorships/agreement_template.html", {"programme": programme, "form": form}
    )


@member_required
def programme_concerns(request: MemberRequest, programme_pk: int) -> HttpResponse:
    programme = policy.get_programme_to_oversee(request.membership, programme_pk)
    concerns = (
        Concern.objects.filter(mentorship__programme=programme)
        .select_related("raised_by__user", "mentorship")
        .order_by("status", "-created_at")
    )
    return render(
        request, "mentorships/concerns.html", {"programme": programme, "concerns": concerns}
    )


@member_required
def concern_detail(request: MemberRequest, pk: int) -> HttpResponse:
    concern = policy.get_concern_for_coordinator(request.membership, pk)
    form = ResolveConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resolve_concern(
            concern=concern, actor=request.user, resolution=form.cleaned_data["resolution"]
        )
        messages.success(request, _("The concern is marked resolved."))
        return redirect("mentorships:concerns", concern.mentorship.programme_id)
    participants = concern.mentorship.participants.select_related("membership__user")
    return render(
        request,
        "mentorships/concern_detail.html",
        {
            "concern": concern,
            "programme": concern.mentorship.programme,
            "participants": participants,
            "form": form,
        },
    )


# Relationship home ---------------------------------------------------------------------------


@member_required
def mentorship_detail(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    now = timezone.now()
    meetings = mentorship.meetings.all()
    context = _base_context(
        mentorship,
        me,
        steps=selectors.next_steps(mentorship, me),
        next_meeting=meetings.filter(status=MeetingStatus.PLANNED, starts_at__gte=now).first(),
        held=meetings.filter(status=MeetingStatus.HELD).count(),
        goals=selectors.goals_with_actions(mentorship),
        goal_counts=selectors.goal_counts(mentorship),
        activity=selectors.recent_activity(mentorship),
        signed=services.agreement_is_signed(mentorship.agreement),
        stages=[s for s in Stage if s != Stage.CLOSED],
        stage_index=list(Stage).index(Stage(mentorship.stage)),
        my_concerns=Concern.objects.filter(mentorship=mentorship, raised_by=request.membership),
    )
    return render(request, "mentorships/detail.html", context)


# Agreement -----------------------------------------------------------------------------------


@member_required
def agreement_detail(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    agreement = mentorship.agreement
    signers = services.agreement_signers(agreement)
    people = list(selectors.active_participants(mentorship))
    return render(
        request,
        "mentorships/agreement.html",
        _base_context(
            mentorship,
            me,
            agreement=agreement,
            form=AgreementForm(instance=agreement),
            signatures=[(person, person.pk in signers) for person in people],
            i_signed=me.pk in signers,
            revisions=agreement.revisions.select_related("edited_by"),
            all_signatures=agreement.signatures.select_related("participant__membership__user"),
        ),
    )


@member_required
@_closed_guard
def agreement_edit(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    agreement = mentorship.agreement
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        before = agreement.version
        agreement = services.update_agreement(
            agreement=agreement, actor=request.user, fields=form.cleaned_data
        )
        if agreement.version != before:
            messages.success(
                request, _("The agreement was changed: everyone is asked to sign it again.")
            )
        return redirect("mentorships:agreement", pk)
    return render(
        request, "mentorships/agreement_form.html", _base_context(mentorship, me, form=form)
    )


@member_required
@require_POST
@_closed_guard
def agreement_sign(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    version = request.POST.get("version", "")
    if version != str(mentorship.agreement.version):
        messages.error(
            request, _("The agreement changed while you were reading it. Read it again.")
        )
        return redirect("mentorships:agreement", pk)
    services.sign_agreement(agreement=mentorship.agreement, participant=me)
    messages.success(request, _("You signed the agreement."))
    return redirect("mentorships:agreement", pk)


# Goals ---------------------------------------------------------------------------------------


def _goal_owners(mentorship: Mentorship):
    """Mentees own goals; in peer relationships (or groups of peers) each member does."""
    participants = selectors.active_participants(mentorship)
    if (
        mentorship.programme.kind == Kind.PEER
        or not participants.filter(role=ParticipantRole.MENTEE).exists()
    ):
        return participants
    return participants.filter(role=ParticipantRole.MENTEE)


@member_required
@_closed_guard
def goal_create(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    owners = _goal_owners(mentorship)
    templates = goal_templates(mentorship.programme.kind)
    initial: dict = {"due_on": mentorship.programme.ends_on}
    chosen = next((t for t in templates if t["key"] == request.GET.get("template")), None)
    if chosen:
        initial.update(title=chosen["title"], measure=chosen["measure"], target=chosen["target"])
    if owners.filter(pk=me.pk).exists():
        initial["owner"] = me.pk
    form = GoalForm(request.POST or None, initial=initial, participants=owners)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        owner = fields.pop("owner")
        goal = services.create_goal(
            mentorship=mentorship, owner=owner.membership, actor=request.user, fields=fields
        )
        messages.success(request, _("The goal was added. Break it down into tasks next."))
        return redirect("mentorships:goal_detail", pk, goal.pk)
    return render(
        request,
        "mentorships/goal_form.html",
        _base_context(mentorship, me, form=form, templates=templates, goal=None),
    )


@member_required
def goal_detail(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    participants = selectors.active_participants(mentorship)
    return render(
        request,
        "mentorships/goal_detail.html",
        _base_context(
            mentorship,
            me,
            goal=goal,
            updates=goal.updates.select_related("changed_by"),
            actions=goal.actions.select_related("owner__user"),
            progress_form=GoalProgressForm(
                initial={"status": goal.status, "progress": goal.progress}
            ),
            action_form=ActionItemForm(participants=participants),
        ),
    )


@member_required
@_closed_guard
def goal_edit(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    form = GoalForm(
        request.POST or None,
        initial={
            "title": goal.title,
            "measure": goal.measure,
            "target": goal.target,
            "due_on": goal.due_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.update_goal(goal=goal, fields=form.cleaned_data)
        messages.success(request, _("The goal was saved."))
        return redirect("mentorships:goal_detail", pk, goal.pk)
    return render(
        request,
        "mentorships/goal_form.html",
        _base_context(mentorship, me, form=form, goal=goal, templates=[]),
    )


@member_required
@require_POST
@_closed_guard
def goal_progress(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    form = GoalProgressForm(request.POST)
    if form.is_valid():
        services.record_goal_progress(goal=goal, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Progress recorded."))
    else:
        messages.error(request, _("Choose a status and a progress between 0 and 100."))
    return redirect("mentorships:goal_detail", pk, goal.pk)


@member_required
@require_POST
@_closed_guard
def action_create(request: MemberRequest, pk: int, goal_pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    goal = policy.get_goal(mentorship, goal_pk)
    form = ActionItemForm(request.POST, participants=selectors.active_participants(mentorship))
    if form.is_valid():
        owner = form.cleaned_data["owner"]
        services.add_action_item(
            goal=goal,
            title=form.cleaned_data["title"],
            owner=owner.membership if owner else None,
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("The task was added to the action plan."))
    else:
        messages.error(request, _("Give the task a name."))
    return redirect("mentorships:goal_detail", pk, goal.pk)


@member_required
@require_POST
@_closed_guard
def action_toggle(request: MemberRequest, pk: int, action_pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    action = policy.get_action(mentorship, action_pk)
    services.set_action_done(action=action, done=not action.done)
    return redirect("mentorships:goal_detail", pk, action.goal_id)


# Meetings ------------------------------------------------------------------------------------


@member_required
def meeting_list(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    meetings = list(mentorship.meetings.all())
    now = timezone.now()
    return render(
        request,
        "mentorships/meetings.html",
        _base_context(
            mentorship,
            me,
            upcoming=[m for m in meetings if m.starts_at >= now],
            past=list(reversed([m for m in meetings if m.starts_at < now])),
            series=mentorship.series.all(),
        ),
    )


@member_required
@_closed_guard
def meeting_create(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    programme = mentorship.programme
    form = NewMeetingForm(
        request.POST or None,
        initial={
            "time_zone": _default_time_zone(request.membership),
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
                series = services.schedule_series(
                    first_starts_at=form.starts_at(),
                    frequency=data["repeats"],
                    until=data["until"],
                    **common,
                )
                messages.success(
                    request,
                    _("%(count)s meetings were planned.") % {"count": series.meetings.count()},
                )
                return redirect("mentorships:meetings", pk)
            meeting = services.schedule_meeting(
                starts_at=form.starts_at(), is_closing=data["is_closing"], **common
            )
        except MentorshipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting was planned."))
            return redirect(meeting)
    return render(
        request,
        "mentorships/meeting_form.html",
        _base_context(mentorship, me, form=form, meeting=None),
    )


@member_required
def meeting_detail(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    return render(
        request,
        "mentorships/meeting_detail.html",
        _base_context(
            mentorship,
            me,
            meeting=meeting,
            shared_notes=meeting.shared_notes.select_related("author__user"),
            # Private notes: the viewer's own, never anyone else's.
            private_notes=PrivateNote.objects.by(request.membership).filter(meeting=meeting),
            note_form=NoteForm(),
        ),
    )


@member_required
@_closed_guard
def meeting_reschedule(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
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
        fields = dict(form.cleaned_data)
        fields["starts_at"] = form.starts_at()
        try:
            services.reschedule_meeting(meeting=meeting, actor=request.user, fields=fields)
        except MentorshipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting was updated."))
            return redirect(meeting)
    return render(
        request,
        "mentorships/meeting_form.html",
        _base_context(mentorship, me, form=form, meeting=meeting),
    )


@member_required
@require_POST
@_closed_guard
def meeting_status(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    status = request.POST.get("status", "")
    try:
        if status == MeetingStatus.CANCELLED:
            services.cancel_meeting(meeting=meeting, actor=request.user)
        else:
            services.record_meeting_outcome(meeting=meeting, actor=request.user, status=status)
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
    mentorship, me = _member(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    body = ics.meeting_calendar(
        meeting, viewer_id=request.membership.pk, base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@member_required
def series_ics(request: MemberRequest, pk: int, series_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    series = policy.get_series(mentorship, series_pk)
    body = ics.series_calendar(
        series, viewer_id=request.membership.pk, base_url=request.build_absolute_uri("/")[:-1]
    )
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meetings-{series.pk}.ics"'
    return response


@member_required
@require_POST
@_closed_guard
def meeting_note_add(request: MemberRequest, pk: int, meeting_pk: int) -> HttpResponse:
    """Add a shared note (members only) or a private note (author only) to a meeting."""
    mentorship, me = _writable(request, pk)
    meeting = policy.get_meeting(mentorship, meeting_pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write something first."))
    elif request.POST.get("visibility") == "private":
        services.save_private_note(
            mentorship=mentorship,
            author=request.membership,
            body=form.cleaned_data["body"],
            meeting=meeting,
        )
        messages.success(request, _("Your private note was saved. Only you can read it."))
    else:
        services.add_meeting_note(
            meeting=meeting, author=request.membership, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your note is shared with the members of the relationship."))
    return redirect(meeting)


@member_required
@require_POST
def meeting_note_delete(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    note = policy.get_own_meeting_note(mentorship, request.membership, note_pk)
    meeting = note.meeting
    services.delete_meeting_note(note=note)
    messages.success(request, _("The note was deleted."))
    return redirect(meeting)


# Private notes and journal -------------------------------------------------------------------


@member_required
def private_notes(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    if request.method == "POST" and not policy.can_change(mentorship):
        messages.error(request, _("This relationship is closed: it can no longer be changed."))
        return redirect("mentorships:private_notes", pk)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_private_note(
            mentorship=mentorship, author=request.membership, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Your private note was saved. Only you can read it."))
        return redirect("mentorships:private_notes", pk)
    notes = (
        PrivateNote.objects.by(request.membership)
        .filter(mentorship=mentorship)
        .select_related("meeting")
    )
    return render(
        request,
        "mentorships/private_notes.html",
        _base_context(mentorship, me, notes=notes, form=form),
    )


@member_required
def private_note(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    note = policy.get_private_note(mentorship, request.membership, note_pk)
    form = NoteForm(request.POST or None, initial={"body": note.body})
    if request.method == "POST" and form.is_valid():
        services.save_private_note(
            mentorship=mentorship,
            author=request.membership,
            body=form.cleaned_data["body"],
            note=note,
        )
        messages.success(request, _("Your private note was saved."))
        return redirect("mentorships:private_notes", pk)
    return render(
        request,
        "mentorships/private_note.html",
        _base_context(mentorship, me, note=note, form=form),
    )


@member_required
@require_POST
def private_note_delete(request: MemberRequest, pk: int, note_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    note = policy.get_private_note(mentorship, request.membership, note_pk)
    services.delete_private_note(note=note)
    messages.success(request, _("The note was deleted."))
    return redirect("mentorships:private_notes", pk)


@member_required
def journal(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    if request.method == "POST" and not policy.can_change(mentorship):
        messages.error(request, _("This relationship is closed: it can no longer be changed."))
        return redirect("mentorships:journal", pk)
    form = JournalEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_journal_entry(
            mentorship=mentorship, author=request.membership, fields=form.cleaned_data
        )
        messages.success(request, _("Your journal entry was saved."))
        return redirect("mentorships:journal", pk)
    mine = JournalEntry.objects.by(request.membership).filter(mentorship=mentorship)
    # Other members' entries: only the excerpt they chose to share, never the entry itself.
    shared = (
        JournalEntry.objects.filter(mentorship=mentorship)
        .shared()
        .exclude(author=request.membership)
        .select_related("author__user")
        .only(
            "shared_excerpt",
            "created_at",
            "author__user__first_name",
            "author__user__last_name",
            "author__user__email",
        )
    )
    return render(
        request,
        "mentorships/journal.html",
        _base_context(mentorship, me, entries=mine, shared=shared, form=form),
    )


@member_required
def journal_entry(request: MemberRequest, pk: int, entry_pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    entry = policy.get_journal_entry(mentorship, request.membership, entry_pk)
    form = JournalEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        services.save_journal_entry(
            mentorship=mentorship, author=request.membership, fields=form.cleaned_data, entry=entry
        )
        messages.success(request, _("Your journal entry was saved."))
        return redirect("mentorships:journal", pk)
    return render(
        request,
        "mentorships/journal_entry.html",
        _base_context(mentorship, me, entry=entry, form=form),
    )


# Concern and exit ----------------------------------------------------------------------------


@member_required
def concern_create(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.raise_concern(
            mentorship=mentorship, raised_by=request.membership, body=form.cleaned_data["body"]
        )
        messages.success(
            request,
            _("Your concern was sent to the programme's coordinators. They will get back to you."),
        )
        return redirect(mentorship)
    return render(
        request, "mentorships/concern_form.html", _base_context(mentorship, me, form=form)
    )


@member_required
@_closed_guard
def mentorship_leave(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    form = ExitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.leave_mentorship(participant=me, **form.cleaned_data)
        messages.success(
            request,
            _(
                "You left the relationship. Thank you for what you gave to it; the coordinators "
                "may suggest a new pairing."
            ),
        )
        return redirect("mentorships:mine")
    return render(request, "mentorships/leave.html", _base_context(mentorship, me, form=form))


# Closure -------------------------------------------------------------------------------------


@member_required
def closure(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _member(request, pk)
    checklist = services.closure_checklist(mentorship)
    people = list(selectors.active_participants(mentorship))
    return render(
        request,
        "mentorships/closure.html",
        _base_context(
            mentorship,
            me,
            checklist=checklist,
            people=people,
            waiting_for=[p for p in people if p.closure_agreed_at is None],
            # Until a member saves it, the summary is compiled afresh from goals and meetings.
            summary_form=SummaryForm(
                initial={
                    "summary": mentorship.closure_summary
                    or services.draft_closure_summary(mentorship)
                }
            ),
            recognition_form=RecognitionForm(
                initial={"recognition": me.recognition, "alumni_opt_in": me.alumni_opt_in}
            ),
            closing_meeting=mentorship.meetings.filter(is_closing=True)
            .exclude(status=MeetingStatus.CANCELLED)
            .first(),
        ),
    )


@member_required
@require_POST
@_closed_guard
def closure_propose(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    mentorship = services.propose_closure(participant=me)
    if mentorship.stage == Stage.CLOSURE:
        messages.success(request, _("The closure is open: go through the checklist together."))
    else:
        messages.success(
            request, _("Noted. The closure opens when the other members agree as well.")
        )
    return redirect("mentorships:closure", pk)


@member_required
@require_POST
@_closed_guard
def closure_summary(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        services.save_closure_summary(mentorship=mentorship, summary=form.cleaned_data["summary"])
        messages.success(request, _("The summary was saved."))
    else:
        messages.error(request, _("The summary cannot be empty."))
    return redirect("mentorships:closure", pk)


@member_required
@require_POST
def closure_recognition(request: MemberRequest, pk: int) -> HttpResponse:
    # Allowed after closing too: a member may opt in or out of the alumni directory later.
    mentorship, me = _member(request, pk)
    form = RecognitionForm(request.POST)
    if form.is_valid():
        services.save_recognition(participant=me, **form.cleaned_data)
        messages.success(request, _("Thank you, your choices were saved."))
    return redirect("mentorships:closure", pk)


@member_required
@require_POST
@_closed_guard
def closure_close(request: MemberRequest, pk: int) -> HttpResponse:
    mentorship, me = _writable(request, pk)
    try:
        services.close_mentorship(mentorship=mentorship, actor=request.user)
    except MentorshipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The relationship is closed. Congratulations on the journey!"))
    return redirect("mentorships:closure", pk)


@member_required
def certificate(request: MemberRequest, pk: int) -> HttpResponse:
    """A PDF certificate of participation for the member asking, once the relationship closed."""
    from mentora.mentorships.certificate import render_certificate

    mentorship, me = _member(request, pk)
    if mentorship.stage != Stage.CLOSED or mentorship.end_reason != EndReason.COMPLETED:
        messages.error(request, _("The certificate is available once the relationship is closed."))
        return redirect("mentorships:closure", pk)
    pdf = render_certificate(request, mentorship, me)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{mentorship.pk}.pdf"'
    return response
