from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from typing import Any, cast
from zoneinfo import ZoneInfo, available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import Membership
from mentora.core.fields import PeoplePickerField
from mentora.mentorships.errors import FieldError
from mentora.mentorships.models import (
    CLAUSE_MAX_LENGTH,
    CONCERN_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    ActionItem,
    Agreement,
    AgreementFields,
    AgreementTemplate,
    ExitReason,
    Frequency,
    Goal,
    GoalStatus,
    GoalUpdate,
    JournalEntry,
    Meeting,
    Participant,
)
from mentora.mentorships.rules import TextLengthValidator, check_due_date
from mentora.programs.forms import DateInput
from mentora.programs.models import Kind, Programme


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class LimitedCharField(forms.CharField):
    """Text with a length limit (`max_length`) checked on the server only.

    No `maxlength` attribute: a browser would silently cut a pasted text at the limit. The
    refusal says the limit and how much was typed, and the form gives the whole text back.
    """

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limit = max_length
        self.validators.append(TextLengthValidator(max_length))


def _limit(model: Any, name: str) -> int:
    """The length limit of a model field: the one rule forms and services share."""
    return int(model._meta.get_field(name).max_length)


def _refuse_past(value: date | None, kept: date | None = None) -> date | None:
    try:
        check_due_date(value, kept=kept)
    except FieldError as error:
        raise forms.ValidationError(error.message, code="past") from error
    return value


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(available_timezones())]


class MentorshipForm(forms.Form):
    """A coordinator pairs people by hand (matching will do it through the same service)."""

    mentors = PeoplePickerField(
        label=_("Mentors"),
        queryset=Membership.objects.none(),
        source="mentorships.members",
        required=False,
    )
    mentees = PeoplePickerField(
        label=_("Mentees"),
        queryset=Membership.objects.none(),
        source="mentorships.members",
        required=False,
    )
    peers = PeoplePickerField(
        label=_("Peers"),
        queryset=Membership.objects.none(),
        source="mentorships.members",
        required=False,
    )

    def __init__(self, *args: Any, programme: Programme, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = members.select_related("user").order_by("user__last_name", "user__first_name")
        for name in ("mentors", "mentees", "peers"):
            # The picker's suggestions come from the same set (`mentorships/people.py`).
            cast(PeoplePickerField, self.fields[name]).offer(members, context=programme.pk)
        if programme.kind == Kind.PEER:
            del self.fields["mentors"], self.fields["mentees"]
        else:
            del self.fields["peers"]


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = list(AgreementFields.SECTIONS)
        field_classes = {name: LimitedCharField for name in AgreementFields.SECTIONS}
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
    title = LimitedCharField(
        label=_("Goal"),
        max_length=_limit(Goal, "title"),
        help_text=_("Specific: what exactly do you want to achieve?"),
    )
    measure = LimitedCharField(
        label=_("Measure"),
        max_length=_limit(Goal, "measure"),
        required=False,
        help_text=_("Measurable: how will you know you got there?"),
    )
    target = LimitedCharField(
        label=_("Target"),
        max_length=_limit(Goal, "target"),
        required=False,
        help_text=_("Achievable and relevant: the level you aim for."),
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=DateInput(), help_text=_("Time-bound.")
    )
    owner = ParticipantChoiceField(label=_("Whose goal"), queryset=Participant.objects.none())

    def __init__(
        self, *args: Any, participants: Any = None, goal: Goal | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goal = goal
        if participants is None:
            del self.fields["owner"]
        else:
            cast(forms.ModelChoiceField, self.fields["owner"]).queryset = participants

    def clean_due_on(self) -> date | None:
        # A goal whose date has passed keeps it when edited; a new date must still be ahead.
        return _refuse_past(self.cleaned_data["due_on"], self.goal.due_on if self.goal else None)


class GoalProgressForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=GoalStatus.choices,
        error_messages={
            "required": _("Choose a status."),
            "invalid_choice": _("Choose one of the statuses offered."),
        },
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("Enter a progress between 0 and 100."),
            "invalid": _("Enter a progress between 0 and 100."),
            "min_value": _("Enter a progress between 0 and 100."),
            "max_value": _("Enter a progress between 0 and 100."),
        },
    )
    comment = LimitedCharField(
        label=_("Comment"), max_length=_limit(GoalUpdate, "comment"), required=False
    )


class ActionItemForm(forms.Form):
    title = LimitedCharField(
        label=_("Task"),
        max_length=_limit(ActionItem, "title"),
        error_messages={"required": _("Give the task a name.")},
    )
    owner = ParticipantChoiceField(
        label=_("Owner"), queryset=Participant.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = participants

    def clean_due_on(self) -> date | None:
        return _refuse_past(self.cleaned_data["due_on"])


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput())
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=10, max_value=480
    )
    location = LimitedCharField(
        label=_("Place"), max_length=_limit(Meeting, "location"), required=False
    )
    video_url = forms.URLField(
        label=_("Video link"),
        required=False,
        assume_scheme="https",
        max_length=_limit(Meeting, "video_url"),
    )
    agenda = LimitedCharField(
        label=_("Agenda or objective"),
        max_length=CLAUSE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
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
    body = LimitedCharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write something first.")},
    )


class JournalEntryForm(forms.ModelForm):
    class Meta:
        model = JournalEntry
        fields = ["title", "body", "shared_excerpt"]
        field_classes = {name: LimitedCharField for name in fields}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "shared_excerpt": forms.Textarea(attrs={"rows": 3}),
        }


class ConcernForm(forms.Form):
    body = LimitedCharField(
        label=_("What worries you"),
        max_length=CONCERN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only the programme's coordinators and your organisation's admins read this; "
            "the other members of the relationship are not told."
        ),
    )


class ExitForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ExitReason.choices)
    comment = LimitedCharField(
        label=_("Anything the coordinator should know (optional)"),
        max_length=CLAUSE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SummaryForm(forms.Form):
    summary = LimitedCharField(
        label=_("Summary of achievements"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("The summary cannot be empty.")},
    )


class RecognitionForm(forms.Form):
    recognition = LimitedCharField(
        label=_("Your message of recognition"),
        max_length=CLAUSE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you appreciated and what you take away. The other members read it."),
    )
    alumni_opt_in = forms.BooleanField(
        label=_("List me in the alumni directory of my organisation"), required=False
    )


class ResolveConcernForm(forms.Form):
    resolution = LimitedCharField(
        label=_("What was done"),
        max_length=CONCERN_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
