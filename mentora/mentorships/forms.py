from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any, cast
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.core.fields import IdMultipleChoiceField
from mentora.mentorships.models import (
    Agreement,
    AgreementFields,
    AgreementTemplate,
    ExitReason,
    Frequency,
    GoalStatus,
    JournalEntry,
    Participant,
)
from mentora.programs.forms import DateInput
from mentora.programs.models import Kind, Programme


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]


class MemberField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        title = f" — {obj.job_title}" if obj.job_title else ""
        return f"{obj.user.get_full_name() or obj.user.email}{title} <{obj.user.email}>"


class MentorshipForm(forms.Form):
    """A coordinator pairs people by hand (matching will do it through the same service)."""

    mentors = MemberField(
        label=_("Mentors"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    mentees = MemberField(
        label=_("Mentees"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    peers = MemberField(
        label=_("Peers"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, programme: Programme, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = members.select_related("user").order_by("user__last_name", "user__first_name")
        for name in ("mentors", "mentees", "peers"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = members
        if programme.kind == Kind.PEER:
            del self.fields["mentors"], self.fields["mentees"]
        else:
            del self.fields["peers"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(AgreementFields.SECTIONS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "expectations_mentor",
                "expectations_mentee",
                "boundaries",
                "confidentiality",
            )
        }


class AgreementTemplateForm(AgreementForm):
    class Meta(AgreementForm.Meta):
        model = AgreementTemplate  # type: ignore[assignment]  # same fields, other model


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Participant) -> str:
        return f"{obj.membership.user} ({obj.get_role_display()})"


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"),
        max_length=200,
        help_text=_("Specific: what exactly do you want to achieve?"),
    )
    measure = forms.CharField(
        label=_("Measure"),
        max_length=300,
        required=False,
        help_text=_("Measurable: how will you know you got there?"),
    )
    target = forms.CharField(
        label=_("Target"),
        max_length=200,
        required=False,
        help_text=_("Achievable and relevant: the level you aim for."),
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=DateInput(), help_text=_("Time-bound.")
    )
    owner = ParticipantChoiceField(label=_("Whose goal"), queryset=Participant.objects.none())

    def __init__(self, *args: Any, participants: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if participants is None:
            del self.fields["owner"]
        else:
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = participants


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    progress = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = ParticipantChoiceField(
        label=_("Owner"), queryset=Participant.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = participants


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=10, max_value=480
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    agenda = forms.CharField(
        label=_("Agenda or objective"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_closing = forms.BooleanField(
        label=_("This is the closing meeting"),
        required=False,
        help_text=_("The meeting where you look back on the relationship together."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, moment, zone = cleaned.get("date"), cleaned.get("time"), cleaned.get("time_zone")
        if day and moment and zone:
            naive = datetime.combine(day, moment)
            aware = naive.replace(tzinfo=ZoneInfo(zone))
            # A local time skipped when the clocks go forward would silently become another.
            if aware.astimezone(UTC).astimezone(ZoneInfo(zone)).replace(tzinfo=None) != naive:
                self.add_error(
                    "time",
                    _("This time does not exist on that day in %(zone)s: the clocks change.")
                    % {"zone": zone},
                )
        return cleaned

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        naive = datetime.combine(data["date"], data["time"])
        return naive.replace(tzinfo=ZoneInfo(data["time_zone"]))


class NewMeetingForm(MeetingForm):
    repeats = forms.ChoiceField(
        label=_("Repeats"),
        choices=[("", _("Does not repeat")), *Frequency.choices],
        required=False,
    )
    until = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Repeating meetings stop on this date (the programme's end by default)."),
    )

    field_order = ["date", "time", "time_zone", "duration_minutes", "repeats", "until"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("repeats") and cleaned.get("is_closing"):
            self.add_error("is_closing", _("The closing meeting does not repeat."))
        if cleaned.get("date") and cleaned.get("until") and cleaned["until"] < cleaned["date"]:
            self.add_error("until", _("The last date must come after the first meeting."))
        return cleaned


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))


class JournalEntryForm(forms.ModelForm):
    class Meta:
        model = JournalEntry
        fields = ["title", "body", "shared_excerpt"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "shared_excerpt": forms.Textarea(attrs={"rows": 3}),
        }


class ConcernForm(forms.Form):
    body = forms.CharField(
        label=_("What worries you"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only the programme's coordinators and your organisation's admins read this; "
            "the other members of the relationship are not told."
        ),
    )


class ExitForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ExitReason.choices)
    comment = forms.CharField(
        label=_("Anything the coordinator should know (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of achievements"), widget=forms.Textarea(attrs={"rows": 10})
    )


class RecognitionForm(forms.Form):
    recognition = forms.CharField(
        label=_("Your message of recognition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you appreciated and what you take away. The other members read it."),
    )
    alumni_opt_in = forms.BooleanField(
        label=_("List me in the alumni directory of my organisation"), required=False
    )


class ResolveConcernForm(forms.Form):
    resolution = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}))
